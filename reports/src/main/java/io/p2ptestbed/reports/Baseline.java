package io.p2ptestbed.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accepted metric values per scenario, stored as JSON and checked into the repository:
 * <pre>{"scenarios": {"Eclipse with IP limits": {"lookup_success":
 *     {"value": 0.998, "tolerance": 0.01, "direction": "HIGHER_IS_BETTER"}}}}</pre>
 */
public record Baseline(Map<String, Map<String, BaselineMetric>> scenarios) {
    /** Tolerance and direction given to metrics that {@link #update} sees for the first time. */
    public static final BaselineMetric NEW_METRIC_RULE = new BaselineMetric(0.0, 0.0, MetricDirection.HIGHER_IS_BETTER);

    public Baseline {
        Map<String, Map<String, BaselineMetric>> copy = new TreeMap<>();
        if (scenarios != null) {
            scenarios.forEach((s, m) -> copy.put(s, new TreeMap<>(m)));
        }
        scenarios = copy;
    }

    public static Baseline read(Path file) {
        return Json.read(file, Baseline.class);
    }

    public Path write(Path file) {
        Json.write(this, file);
        return file;
    }

    /**
     * Returns this baseline with the values of {@code current} accepted. Known metrics keep their
     * tolerance and direction; new metrics get {@code newMetricRule}'s tolerance and direction.
     * Scenarios and metrics absent from {@code current} are kept unchanged (a partial run does
     * not erase the rest of the baseline); NaN values are not accepted.
     */
    public Baseline merge(Map<String, Map<String, Double>> current, BaselineMetric newMetricRule) {
        Map<String, Map<String, BaselineMetric>> next = new TreeMap<>();
        scenarios.forEach((s, m) -> next.put(s, new TreeMap<>(m)));
        current.forEach((scenario, metrics) -> metrics.forEach((metric, value) -> {
            if (value == null || value.isNaN()) {
                return;
            }
            Map<String, BaselineMetric> m = next.computeIfAbsent(scenario, k -> new TreeMap<>());
            BaselineMetric old = m.get(metric);
            m.put(metric, (old != null ? old : newMetricRule).withValue(value));
        }));
        return new Baseline(next);
    }

    /**
     * Rewrites {@code file} on purpose with the current values (creating it if absent), see
     * {@link #merge}. New metrics get {@link #NEW_METRIC_RULE}: edit the file to set their
     * tolerance and direction.
     */
    public static Baseline update(Path file, Map<String, Map<String, Double>> current) {
        return update(file, current, NEW_METRIC_RULE);
    }

    public static Baseline update(Path file, Map<String, Map<String, Double>> current, BaselineMetric newMetricRule) {
        Baseline old = Files.isRegularFile(file) ? read(file) : new Baseline(Map.of());
        Baseline next = old.merge(current, newMetricRule);
        next.write(file);
        return next;
    }
}
