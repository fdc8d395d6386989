package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.BaselineMetric;
import io.p2ptestbed.reports.MetricDirection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which metrics are gated against the baseline, which way is better, and how much worse a run
 * may be. Applied by {@code testbed baseline update} to metrics the baseline does not have yet;
 * metrics already in the baseline keep the tolerance and direction written there (edit the file
 * to change them). Metrics no rule matches are inputs or fingerprints (node counts, lookups run,
 * digests) and are not gated. Wall-clock timings are not gated; virtual-time figures of the
 * simulated runtime are deterministic and gated loosely, and on real runtimes not at all.
 */
public final class MetricRules {

    /** A rule: metrics matching {@code pattern} get this direction and max(absolute, relative * |value|) tolerance. */
    record Rule(Pattern pattern, MetricDirection direction, double absolute, double relative, boolean simulatedOnly) {
        BaselineMetric metric(double value) {
            return new BaselineMetric(value, Math.max(absolute, relative * Math.abs(value)), direction);
        }
    }

    private static final MetricDirection UP = MetricDirection.HIGHER_IS_BETTER;
    private static final MetricDirection DOWN = MetricDirection.LOWER_IS_BETTER;

    static final List<Rule> RULES = List.of(
            rule("lookup_success|recall|precision|get_peers_found_fraction", UP, 0.01, 0, false),
            rule("success_at_\\d+s", UP, 0.02, 0, false),
            rule(".*(eclipse|attacker_share|adversary_share|poisoned|sybil_share|victim_attacker).*", DOWN, 0.02, 0, false),
            rule("hops_mean|messages_mean|path_length_mean", DOWN, 0, 0.10, false),
            rule("hops_max|diameter_lower_bound", DOWN, 2, 0, false),
            rule("stale_entries|missed_buckets|scc_count", DOWN, 0, 0, false),
            rule("in_degree_min|table_size_min|table_size_mean", UP, 0, 0.10, false),
            rule("latency_p\\d+_ms", DOWN, 20, 0.25, true),
            rule("recovery_ms", DOWN, 60_000, 0, true));

    private MetricRules() {}

    private static Rule rule(String regex, MetricDirection d, double abs, double rel, boolean simulatedOnly) {
        return new Rule(Pattern.compile(regex), d, abs, rel, simulatedOnly);
    }

    /**
     * The baseline entry to create for a new metric, or empty if it is not gated.
     *
     * @param runtime the runtime the scenario ran on ("simulated", "loopback", "docker"), or null if unknown
     */
    public static Optional<BaselineMetric> forNewMetric(String metric, double value, String runtime) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Optional.empty();
        }
        boolean simulated = runtime == null || runtime.equals("simulated");
        return RULES.stream().filter(r -> r.pattern().matcher(metric).matches()).findFirst()
                .filter(r -> simulated || !r.simulatedOnly()).map(r -> r.metric(value));
    }

    /** True if a rule gates this metric on some runtime (used to keep ungated metrics out of gate output). */
    public static boolean gated(String metric) {
        return RULES.stream().anyMatch(r -> r.pattern().matcher(metric).matches());
    }
}
