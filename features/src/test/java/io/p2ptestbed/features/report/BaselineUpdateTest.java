package io.p2ptestbed.features.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.reports.Baseline;
import io.p2ptestbed.reports.BaselineMetric;
import io.p2ptestbed.reports.GateCheck;
import io.p2ptestbed.reports.GateResult;
import io.p2ptestbed.reports.MetricDirection;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.ScenarioResult;
import io.p2ptestbed.reports.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineUpdateTest {

    @TempDir
    Path tmp;

    static RunReport report(ScenarioResult... results) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return RunReport.of(1L, t, t.plusSeconds(1), List.of(results), List.of());
    }

    @Test
    void keepsToleranceAndDirection_addsRuledMetrics_skipsInputs_prunesOnRequest() {
        Path file = tmp.resolve("baseline.json");
        new Baseline(Map.of("A", Map.of("lookup_success", new BaselineMetric(0.9, 0.05, MetricDirection.HIGHER_IS_BETTER)),
                "Gone", Map.of("lookup_success", new BaselineMetric(1, 0, MetricDirection.HIGHER_IS_BETTER)))).write(file);
        RunReport run = report(new ScenarioResult("A", Verdict.PASS, "", Map.of("lookup_success", 0.95, "nodes", 100.0,
                "hops_mean", 3.0)));

        BaselineUpdate.Outcome kept = BaselineUpdate.apply(file, run, Optional.empty(), false);
        Map<String, BaselineMetric> a = Baseline.read(file).scenarios().get("A");
        assertThat(a.get("lookup_success")).isEqualTo(new BaselineMetric(0.95, 0.05, MetricDirection.HIGHER_IS_BETTER));
        assertThat(a.get("hops_mean")).isEqualTo(new BaselineMetric(3.0, 0.3, MetricDirection.LOWER_IS_BETTER));
        assertThat(a).doesNotContainKey("nodes");
        assertThat(kept.notGated()).containsExactly("nodes");
        assertThat(kept.changed()).isEqualTo(1);
        assertThat(kept.added()).isEqualTo(1);
        assertThat(Baseline.read(file).scenarios()).containsKey("Gone");

        BaselineUpdate.Outcome pruned = BaselineUpdate.apply(file, run, Optional.empty(), true);
        assertThat(Baseline.read(file).scenarios()).containsOnlyKeys("A");
        assertThat(pruned.pruned()).containsExactly("Gone");
    }

    @Test
    void gate_partialIgnoresScenariosNotRun_amendMarksRegressions() {
        Baseline b = new Baseline(Map.of("A", Map.of("lookup_success", new BaselineMetric(0.99, 0.01, MetricDirection.HIGHER_IS_BETTER)),
                "B", Map.of("lookup_success", new BaselineMetric(1, 0.01, MetricDirection.HIGHER_IS_BETTER))));
        RunReport run = report(new ScenarioResult("A", Verdict.PASS, "passed", Map.of("lookup_success", 0.9, "nodes", 5.0)));

        GateResult full = GateRun.compare(b, run, false);
        assertThat(full.unknowns()).extracting(GateCheck::scenario).containsExactly("B");
        GateResult partial = GateRun.compare(b, run, true);
        assertThat(partial.unknowns()).isEmpty();
        assertThat(partial.checks()).extracting(GateCheck::metric).containsExactly("lookup_success"); // "nodes" is not gated
        assertThat(partial.regressions()).singleElement().extracting(r -> r.message()).asString()
                .isEqualTo("lookup_success in \"A\": baseline 0.99, current 0.9, tolerance 0.01 (higher is better)");

        ScenarioResult amended = GateRun.amend(run, partial).scenario("A").orElseThrow();
        assertThat(amended.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(amended.message())
                .isEqualTo("Baseline regression (baseline -> current): lookup_success 0.99 -> 0.9 (tolerance 0.01, higher is better)"
                        + " | passed");
    }
}
