package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.Baseline;
import io.p2ptestbed.reports.BaselineMetric;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.ScenarioResult;
import io.p2ptestbed.reports.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Accepts a run's metrics into the baseline file on purpose. Metrics already in the baseline keep
 * their tolerance and direction and take the new value; new metrics get {@link MetricRules}' entry
 * or are left out when no rule gates them. Scenarios and metrics the run did not report are kept,
 * unless {@code prune} (then the baseline describes exactly this run).
 */
public final class BaselineUpdate {

    /**
     * @param changed    metrics whose value changed
     * @param added      metrics new to the baseline
     * @param notGated   metric names left out in every scenario because no rule gates them
     * @param nonPassing scenarios accepted although they did not pass
     * @param pruned     scenario or scenario/metric entries removed by prune
     */
    public record Outcome(Baseline baseline, int scenarios, int metrics, int changed, int added,
                          TreeSet<String> notGated, List<String> nonPassing, List<String> pruned) {}

    private BaselineUpdate() {}

    public static Outcome apply(Path file, RunReport report, Optional<RunManifest> manifest, boolean prune) {
        Map<String, Map<String, BaselineMetric>> next = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Baseline.read(file).scenarios().forEach((s, m) -> next.put(s, new TreeMap<>(m)));
        }
        List<String> pruned = new ArrayList<>();
        if (prune) {
            for (String s : new ArrayList<>(next.keySet())) {
                Optional<ScenarioResult> r = report.scenario(s);
                if (r.isEmpty()) {
                    next.remove(s);
                    pruned.add(s);
                } else {
                    next.get(s).keySet().removeIf(m -> {
                        boolean gone = r.get().metrics().get(m) == null;
                        if (gone) {
                            pruned.add(s + " / " + m);
                        }
                        return gone;
                    });
                }
            }
        }
        int changed = 0;
        int added = 0;
        int metrics = 0;
        TreeSet<String> notGated = new TreeSet<>();
        TreeSet<String> gatedSomewhere = new TreeSet<>();
        List<String> nonPassing = new ArrayList<>();
        for (ScenarioResult s : report.scenarios()) {
            if (s.verdict() != Verdict.PASS) {
                nonPassing.add(s.verdict() + " " + s.name());
            }
            String runtime = manifest.flatMap(m -> m.scenario(s.name())).map(RunManifest.Scenario::runtime).orElse(null);
            Map<String, BaselineMetric> target = new TreeMap<>(next.getOrDefault(s.name(), Map.of()));
            for (Map.Entry<String, Double> m : s.metrics().entrySet()) {
                Double v = m.getValue();
                if (v == null || v.isNaN() || v.isInfinite()) {
                    continue;
                }
                BaselineMetric old = target.get(m.getKey());
                if (old != null) {
                    gatedSomewhere.add(m.getKey());
                    changed += Double.compare(old.value(), v) != 0 ? 1 : 0;
                    target.put(m.getKey(), old.withValue(v));
                    metrics++;
                } else {
                    Optional<BaselineMetric> rule = MetricRules.forNewMetric(m.getKey(), v, runtime);
                    if (rule.isPresent()) {
                        gatedSomewhere.add(m.getKey());
                        target.put(m.getKey(), rule.get());
                        added++;
                        metrics++;
                    } else {
                        notGated.add(m.getKey());
                    }
                }
            }
            if (!target.isEmpty()) {
                next.put(s.name(), target);
            }
        }
        notGated.removeAll(gatedSomewhere); // e.g. hops_mean: gated on the simulated runtime, not on loopback
        Baseline baseline = new Baseline(next);
        baseline.write(file);
        return new Outcome(baseline, next.size(), metrics, changed, added, notGated, nonPassing, pruned);
    }
}
