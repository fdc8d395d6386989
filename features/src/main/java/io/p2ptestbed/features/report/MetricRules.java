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
 * digests) and are not gated. The simulated runtime is deterministic, so its figures (virtual-time
 * latencies included) are gated with the tolerances below. Real runtimes (loopback, docker) see
 * scheduling noise: only outcome shares (success, recall, precision, attacker shares) are gated
 * there, with {@value #REAL_RUNTIME_FACTOR} times the tolerance; timings and structure never.
 */
public final class MetricRules {

    /**
     * A rule: metrics matching {@code pattern} get this direction and max(absolute, relative * |value|)
     * tolerance; {@code simulatedOnly} ones are not gated on real runtimes.
     */
    record Rule(Pattern pattern, MetricDirection direction, double absolute, double relative, boolean simulatedOnly) {
        BaselineMetric metric(double value) {
            return new BaselineMetric(value, roundUp(Math.max(absolute, relative * Math.abs(value))), direction);
        }
    }

    static final int REAL_RUNTIME_FACTOR = 5;
    private static final MetricDirection UP = MetricDirection.HIGHER_IS_BETTER;
    private static final MetricDirection DOWN = MetricDirection.LOWER_IS_BETTER;

    static final List<Rule> RULES = List.of(
            rule("(honest_)?lookup_success|recall|precision|get_peers_found_fraction|honest_service_ratio", UP, 0.01, 0, false),
            rule(".*success_at_\\d+(ms|s|min)", UP, 0.02, 0, false),
            rule(".*(adversary_share|attacker_share|colluder_table_share|sybil_share|eclipsed_share|eclipsed_fraction"
                    + "|poisoned).*", DOWN, 0.02, 0, false),
            rule("hops_mean|messages_mean|path_length_mean", DOWN, 0, 0.10, true),
            rule("hops_max|diameter_lower_bound", DOWN, 2, 0, true),
            rule("(honest_)?scc_count|stale_entries|missed_buckets", DOWN, 0, 0, true),
            rule("(honest_)?in_degree_min|table_size_min|table_size_mean|min_vertex_cut|mean_vertex_cut", UP, 0, 0.10, true),
            rule("latency_p\\d+_ms", DOWN, 20, 0.25, true),
            rule("recovery_ms|lookup_recovery_time_ms|colluder_eviction_time_ms", DOWN, 60_000, 0, true));

    private MetricRules() {}

    /** Two significant digits, rounded up: 0.2238 -> 0.23, so the file stays readable. */
    static double roundUp(double tolerance) {
        if (tolerance <= 0 || !Double.isFinite(tolerance)) {
            return Math.max(0, tolerance);
        }
        // first to 10 digits, so floating-point noise (3 * 0.1 = 0.30000000000000004) does not round up
        return java.math.BigDecimal.valueOf(tolerance).round(new java.math.MathContext(10))
                .round(new java.math.MathContext(2, java.math.RoundingMode.UP)).doubleValue();
    }

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
                .filter(r -> simulated || !r.simulatedOnly()).map(r -> r.metric(value))
                .map(m -> simulated ? m : new BaselineMetric(m.value(), roundUp(m.tolerance() * REAL_RUNTIME_FACTOR), m.direction()));
    }
}
