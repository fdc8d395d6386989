package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Builds a complete report folder in {@code target/demo-report} (kept for inspection) from
 * synthetic scenarios and checks every artefact the run report lists exists.
 */
class ReportFolderDemoTest {
    @Test
    void writesACompleteReportFolder() throws Exception {
        Path dir = Path.of("target", "demo-report");
        Instant start = Instant.parse("2025-03-01T10:00:00Z");
        GraphRenderer renderer = new GraphRenderer();
        List<Artefact> artefacts = new ArrayList<>();
        List<Interval> attack = List.of(new Interval("eclipse", 20_000, 60_000), new Interval("partition", 70_000, 80_000));

        List<Frame> eclipse = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            OverlayGraph g = TestGraphs.eclipse(120, 12, 8, i * 2, 21);
            double share = g.attackerShareOfRoutes(TestGraphs.VICTIM);
            eclipse.add(new Frame("Eclipse without defence", i * 20_000L, g,
                    Map.of("lookup_success", 1.0 - 0.6 * share, "victim_attacker_share", share)));
        }
        artefacts.addAll(ScenarioArtefacts.write(dir, "Eclipse without defence", eclipse, attack, renderer));
        List<Frame> healthy = List.of(new Frame("Eclipse with IP limits", 0, TestGraphs.eclipse(60, 6, 6, 1, 3),
                Map.of("lookup_success", 0.998)));
        artefacts.addAll(ScenarioArtefacts.write(dir, "Eclipse with IP limits", healthy, List.of(), renderer));

        Map<String, List<double[]>> sweep = new LinkedHashMap<>();
        sweep.put("no defence", List.of(new double[] {0, 1}, new double[] {0.1, 0.8}, new double[] {0.2, 0.45}, new double[] {0.3, 0.2}));
        sweep.put("IP limits", List.of(new double[] {0, 1}, new double[] {0.1, 0.99}, new double[] {0.2, 0.93}, new double[] {0.3, 0.81}));
        artefacts.add(Artefact.of(ArtefactKind.CHART, dir, Charts.lookupSuccessVsAdversaryFraction(
                "Lookup success vs adversary fraction", sweep, dir.resolve("charts/sweep.png")), null, "lookup success sweep"));

        Baseline baseline = new Baseline(Map.of("Eclipse with IP limits",
                Map.of("lookup_success", new BaselineMetric(0.998, 0.01, MetricDirection.HIGHER_IS_BETTER)),
                "Eclipse without defence",
                Map.of("lookup_success", new BaselineMetric(0.95, 0.01, MetricDirection.HIGHER_IS_BETTER))));
        List<ScenarioResult> results = List.of(
                new ScenarioResult("Eclipse with IP limits", Verdict.PASS, "victim kept honest routes", healthy.get(0).metrics()),
                new ScenarioResult("Eclipse without defence", Verdict.FAIL, "victim fully eclipsed at t=80 s",
                        eclipse.get(eclipse.size() - 1).metrics()));
        RunReport report = RunReport.of(42L, start, start.plusSeconds(95), results, artefacts);
        GateResult gate = BaselineGate.compare(baseline, report);
        Path junit = BaselineGate.writeJUnitXml(gate, dir.resolve("baseline-gate.xml"));
        report = report.withArtefacts(List.of(Artefact.of(ArtefactKind.JUNIT_XML, dir, junit, null, "baseline gate")));
        report.write(dir.resolve(RunReport.FILE_NAME));
        Path index = IndexPage.write(dir, report);

        assertThat(gate.regressions()).extracting(Regression::scenario).containsExactly("Eclipse without defence");
        assertThat(index).isRegularFile();
        for (Artefact a : RunReport.read(dir.resolve(RunReport.FILE_NAME)).artefacts()) {
            assertThat(dir.resolve(a.path())).as(a.kind() + " " + a.path()).isRegularFile();
        }
        assertThat(Files.readString(index)).contains("eclipse-without-defence/frames/frame-004.png");
    }
}
