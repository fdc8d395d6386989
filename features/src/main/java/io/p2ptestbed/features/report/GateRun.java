package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.Baseline;
import io.p2ptestbed.reports.BaselineGate;
import io.p2ptestbed.reports.BaselineMetric;
import io.p2ptestbed.reports.GateCheck;
import io.p2ptestbed.reports.GateResult;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.ScenarioResult;
import io.p2ptestbed.reports.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The baseline gate as the CLI applies it to a run report. */
public final class GateRun {

    private GateRun() {}

    /**
     * Compares the report's final metrics with the baseline. Metrics that are neither in the
     * baseline nor gated by a {@link MetricRules} rule are left out (they would only be noise).
     *
     * @param partial only check the baseline's scenarios that the report contains (a run of a subset)
     */
    public static GateResult compare(Baseline baseline, RunReport report, boolean partial) {
        return compare(baseline, report, partial, Optional.empty());
    }

    /** As above; the manifest's runtimes tell which metrics a rule gates for each scenario. */
    public static GateResult compare(Baseline baseline, RunReport report, boolean partial, Optional<RunManifest> manifest) {
        Map<String, Map<String, BaselineMetric>> expected = new TreeMap<>(baseline.scenarios());
        if (partial) {
            expected.keySet().removeIf(s -> report.scenario(s).isEmpty());
        }
        Map<String, Map<String, Double>> current = new LinkedHashMap<>();
        for (ScenarioResult s : report.scenarios()) {
            Map<String, BaselineMetric> known = expected.getOrDefault(s.name(), Map.of());
            String runtime = manifest.flatMap(m -> m.scenario(s.name())).map(RunManifest.Scenario::runtime).orElse(null);
            Map<String, Double> kept = new TreeMap<>();
            s.metrics().forEach((k, v) -> {
                if (known.containsKey(k) || v != null && MetricRules.forNewMetric(k, v, runtime).isPresent()) {
                    kept.put(k, v);
                }
            });
            current.put(s.name(), kept);
        }
        return BaselineGate.compare(new Baseline(expected), current);
    }

    /**
     * The report with the gate's findings folded into the verdicts, so the index shows them beside
     * the pictures: a scenario with a regression becomes FAIL, a passing scenario whose baseline
     * metric is missing becomes UNKNOWN; the reason names metric, baseline, current and tolerance.
     */
    public static RunReport amend(RunReport report, GateResult gate) {
        List<ScenarioResult> out = new ArrayList<>();
        for (ScenarioResult s : report.scenarios()) {
            List<GateCheck> mine = gate.checks().stream().filter(c -> c.scenario().equals(s.name())).toList();
            String regressions = messages(mine, GateCheck.Outcome.REGRESSION);
            String unknowns = messages(mine, GateCheck.Outcome.UNKNOWN);
            if (!regressions.isEmpty()) {
                out.add(new ScenarioResult(s.name(), Verdict.FAIL,
                        "Baseline regression (baseline -> current): " + regressions + " | " + s.message(), s.metrics()));
            } else if (!unknowns.isEmpty() && s.verdict() == Verdict.PASS) {
                out.add(new ScenarioResult(s.name(), Verdict.UNKNOWN, "Baseline check unknown: " + unknowns + " | "
                        + s.message(), s.metrics()));
            } else {
                out.add(s);
            }
        }
        return new RunReport(report.seed(), report.started(), report.finished(), report.runtime(), out,
                report.versions(), report.artefacts());
    }

    /** Compact, without the scenario name (the row names it): "lookup_success 0.998 -> 0.912 (tolerance 0.01, higher is better)". */
    private static String messages(List<GateCheck> checks, GateCheck.Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).map(c -> c.baseline() == null ? c.message()
                : c.metric() + " " + fmt(c.baseline().value()) + " -> " + (c.current() == null ? "missing" : fmt(c.current()))
                        + " (tolerance " + fmt(c.baseline().tolerance()) + ", "
                        + c.baseline().direction().describe() + ")")
                .collect(Collectors.joining("; "));
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
