package io.p2ptestbed.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a run's metrics with a {@link Baseline}. Every baseline metric yields one
 * {@link GateCheck}: PASS, REGRESSION, or UNKNOWN when the run did not report it (missing
 * scenario, missing metric, NaN) - never a silent pass. Metrics without a baseline yield
 * NO_BASELINE checks, which do not fail the gate.
 */
public final class BaselineGate {
    private BaselineGate() {
    }

    /** @param current scenario name to metric name to value */
    public static GateResult compare(Baseline baseline, Map<String, Map<String, Double>> current) {
        List<GateCheck> checks = new ArrayList<>();
        baseline.scenarios().forEach((scenario, expected) -> {
            Map<String, Double> measured = current.get(scenario);
            expected.forEach((metric, b) -> checks.add(check(scenario, metric, b, measured)));
        });
        new TreeMap<>(current).forEach((scenario, measured) -> {
            Map<String, BaselineMetric> expected = baseline.scenarios().getOrDefault(scenario, Map.of());
            new TreeMap<>(measured).forEach((metric, value) -> {
                if (!expected.containsKey(metric)) {
                    checks.add(new GateCheck(scenario, metric, GateCheck.Outcome.NO_BASELINE, null, value,
                            metric + " in \"" + scenario + "\": current " + fmt(value)
                                    + ", no baseline (update the baseline to accept it)"));
                }
            });
        });
        return new GateResult(checks);
    }

    /** Compares the final metrics of every scenario in a run report. */
    public static GateResult compare(Baseline baseline, RunReport report) {
        return compare(baseline, metricsOf(report));
    }

    public static Map<String, Map<String, Double>> metricsOf(RunReport report) {
        Map<String, Map<String, Double>> current = new LinkedHashMap<>();
        report.scenarios().forEach(s -> current.put(s.name(), s.metrics()));
        return current;
    }

    /** Writes the result as a JUnit XML test suite for CI (see {@link JUnitXmlWriter}). */
    public static Path writeJUnitXml(GateResult result, Path file) {
        return JUnitXmlWriter.write(result, file);
    }

    private static GateCheck check(String scenario, String metric, BaselineMetric b, Map<String, Double> measured) {
        Double value = measured == null ? null : measured.get(metric);
        if (measured == null || value == null || value.isNaN() || Double.isNaN(b.value())) {
            String why = measured == null ? "scenario not run" : value == null ? "metric not reported" : "value is NaN";
            String currentText = value == null ? "missing" : fmt(value);
            return new GateCheck(scenario, metric, GateCheck.Outcome.UNKNOWN, b, value,
                    Regression.describe(scenario, metric, b.value(), currentText, b.tolerance(), b.direction())
                            + " - UNKNOWN: " + why);
        }
        boolean regressed = b.direction().regressed(b.value(), value, b.tolerance());
        String message = Regression.describe(scenario, metric, b.value(), fmt(value), b.tolerance(), b.direction());
        return new GateCheck(scenario, metric, regressed ? GateCheck.Outcome.REGRESSION : GateCheck.Outcome.PASS,
                b, value, message);
    }

    private static String fmt(Double v) {
        return v == null ? "missing" : Regression.fmt(v);
    }
}
