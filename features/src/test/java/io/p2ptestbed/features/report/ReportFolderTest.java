package io.p2ptestbed.features.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.features.run.ScenarioRecord;
import io.p2ptestbed.reports.Artefact;
import io.p2ptestbed.reports.ArtefactKind;
import io.p2ptestbed.reports.Frame;
import io.p2ptestbed.reports.GraphEdge;
import io.p2ptestbed.reports.GraphNode;
import io.p2ptestbed.reports.Interval;
import io.p2ptestbed.reports.OverlayGraph;
import io.p2ptestbed.reports.Role;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder writer on synthetic records: outline examples, sweeps, bounded frames, no-frame scenarios. */
class ReportFolderTest {

    @TempDir
    Path dir;

    static OverlayGraph ring(int n, int attackers) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new GraphNode(String.format("%040x", i), i == 0 ? Role.VICTIM : i <= attackers ? Role.ATTACKER : Role.HONEST));
            edges.add(new GraphEdge(String.format("%040x", i), String.format("%040x", (i + 1) % n)));
            edges.add(new GraphEdge(String.format("%040x", 0), String.format("%040x", i == 0 ? 1 : i)));
        }
        return new OverlayGraph(nodes, edges);
    }

    static ScenarioRecord record(String name, int frames, List<String> csv) {
        List<Frame> fs = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            fs.add(new Frame(name + " - frame " + i, i * 30_000L, ring(40, i),
                    Map.of("victim_attacker_share", i / 40.0, "success_at_" + (i * 30) + "s", 1.0 - i * 0.05, "nodes", 40.0)));
        }
        return new ScenarioRecord(name, "classpath:x/outline.feature", "simulated", 9, "PASSED", "",
                Map.of("lookup_success", 0.9), fs, List.of(new Interval("eclipse", 30_000, 200_000)), csv);
    }

    @Test
    void outlineExamplesGetUniqueNames_sweepIsCharted_framesAreBounded() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/sweep.csv"),
                "defence,d,adversary_fraction,lookup_success\nnone,1,0,1\nnone,1,0.3,0.4\nip-limit,1,0,1\nip-limit,1,0.3,0.9\n");
        List<ReportFolder.Entry> entries = List.of(
                new ReportFolder.Entry(new CaseOutcome("Sweep", "classpath:x/outline.feature", 10, List.of(), "PASSED", "", 1200),
                        record("Sweep", 12, List.of("data/sweep.csv", "data/missing.csv"))),
                new ReportFolder.Entry(new CaseOutcome("Sweep", "classpath:x/outline.feature", 11, List.of(), "FAILED",
                        "Step \"Then x\" failed: boom", 800), record("Sweep", 2, List.of())),
                new ReportFolder.Entry(new CaseOutcome("No network", "classpath:x/outline.feature", 20, List.of(), "SKIPPED", "", 0),
                        new ScenarioRecord("No network", "u", "simulated", 1, "SKIPPED", "", Map.of(), List.of(), List.of(), List.of())),
                new ReportFolder.Entry(new CaseOutcome("No record", "classpath:x/outline.feature", 30, List.of(), "PASSED", "", 5), null));
        RunReport r = ReportFolder.write(dir, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:01:00Z"),
                entries, Map.of("classpath:x/outline.feature", "Feature: x\n"));

        assertThat(r.scenarioNames()).containsExactly("Sweep (x/outline.feature:10)", "Sweep (x/outline.feature:11)",
                "No network", "No record");
        assertThat(r.scenarios().get(1).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.scenarios().get(1).message()).startsWith("Step \"Then x\" failed: boom [seed 9");
        assertThat(r.scenarios().get(2).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.scenarios().get(2).message()).startsWith("SKIPPED");
        assertThat(r.seed()).isNull(); // two different seeds among the records, no override: per scenario

        String first = "Sweep (x/outline.feature:10)";
        // a pass gets its viewer and key frame; the time-lapse PNGs and the (gzipped) exports are for failures
        assertThat(r.artefacts(ArtefactKind.FRAME, first)).isEmpty();
        assertThat(r.artefacts(ArtefactKind.GRAPHML, first)).isEmpty();
        assertThat(r.artefacts(ArtefactKind.VIEWER, first)).singleElement().extracting(Artefact::path).asString()
                .endsWith("/viewer.html");
        assertThat(dir.resolve("sweep-x-outline-feature-10/viewer-data.js")).content().startsWith("window.P2P_VIEWER_DATA = \"");
        assertThat(dir.resolve("viewer/vendor/sigma.min.js")).isRegularFile();
        String failed = "Sweep (x/outline.feature:11)";
        assertThat(r.artefacts(ArtefactKind.FRAME, failed)).hasSize(2);
        assertThat(r.artefacts(ArtefactKind.GRAPHML, failed)).singleElement().extracting(Artefact::path).asString()
                .endsWith("graph.graphml.gz");
        assertThat(r.artefacts(ArtefactKind.DGS, failed)).singleElement().extracting(Artefact::path).asString()
                .endsWith("timeline.dgs.gz");
        assertThat(r.artefacts(ArtefactKind.KEY_FRAME, first)).singleElement()
                .extracting(Artefact::title).asString().contains("frame 11");
        assertThat(r.artefacts(ArtefactKind.CHART, first)).extracting(Artefact::title)
                .contains("success over time", "victim_attacker_share over time", "lookup success vs adversary fraction")
                .doesNotContain("nodes over time");
        // run-wide charts in index.html: the sweep CSV and each measured curve (success_at_<N>s)
        assertThat(r.artefacts(ArtefactKind.CHART, null)).extracting(Artefact::path)
                .anySatisfy(p -> assertThat(p).endsWith(ScenarioFiles.SWEEP_CHART))
                .anySatisfy(p -> assertThat(p).endsWith("chart-success.png"));
        assertThat(r.artefacts(ArtefactKind.OTHER, first)).extracting(Artefact::path).contains("data/sweep.csv");
        assertThat(r.artefacts(ArtefactKind.KEY_FRAME, "No network")).isEmpty();
        for (Artefact a : r.artefacts()) {
            assertThat(dir.resolve(a.path())).as(a.path()).exists();
        }
        assertThat(FrameStore.read(dir.resolve("sweep-x-outline-feature-10").resolve(FrameStore.FILE_NAME)).frames())
                .hasSize(FrameSampler.DEFAULT_MAX_FRAMES);
        RunManifest m = RunManifest.read(dir).orElseThrow();
        assertThat(m.scenarios()).extracting(RunManifest.Scenario::location)
                .containsExactly("classpath:x/outline.feature:10", "classpath:x/outline.feature:11",
                        "classpath:x/outline.feature:20", "classpath:x/outline.feature:30");
        assertThat(dir.resolve(m.scenarios().get(0).featureCopy())).hasContent("Feature: x");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("Sweep (x/outline.feature:11)").contains("boom");
    }
}
