package io.p2ptestbed.features.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.features.report.FrameStore;
import io.p2ptestbed.features.report.RunManifest;
import io.p2ptestbed.reports.ArtefactKind;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.ScenarioResult;
import io.p2ptestbed.reports.Verdict;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code testbed run} on a small suite (one pass, one failure, one undefined step), then replay and
 * render on the report it wrote. The folder is kept in {@code target/cli-test/small} for inspection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunReportFolderTest {

    static final String PASSING = "Lookups in a small network succeed";
    static final String FAILING = "A deliberately failing expectation";

    final Path out = Path.of("target", "cli-test", "small").toAbsolutePath();
    Cli.Result run;
    RunReport report;

    @BeforeAll
    void runTheSmallSuite() {
        run = Cli.exec("run", "classpath:testbed-cli/small.feature", "--out", out.toString());
        report = RunReport.read(out.resolve(RunReport.FILE_NAME));
    }

    @Test
    void exitCodeIs1_andTheSummaryNamesTheFailure() {
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL    " + FAILING).contains("Then lookup success is below 1%")
                .contains("report: " + out.resolve("index.html")).contains("scenarios: 1 passed, 1 failed");
        assertThat(run.out()).contains("[===").contains("2/2");
        assertThat(run.out()).doesNotContain("\r");
    }

    @Test
    void verdictsComeFromCucumber_withTheFailingStepAndError() {
        assertThat(report.scenarios()).extracting(ScenarioResult::name).containsExactly(PASSING, FAILING);
        assertThat(result(PASSING).verdict()).isEqualTo(Verdict.PASS);
        assertThat(result(PASSING).message()).startsWith("passed in").contains("seed 3, simulated runtime, testbed-cli/small.feature:4");
        assertThat(result(PASSING).metrics()).containsEntry("lookup_success", 1.0).containsKey("hops_mean");
        assertThat(result(FAILING).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result(FAILING).message()).contains("Step \"Then lookup success is below 1%\" failed")
                .contains("lookup success %").contains("seed 4");
        assertThat(report.seed()).as("seeds 3 and 4: per scenario").isNull();
        assertThat(report.versions().libraries()).containsKey("cucumber-core");
    }

    @Test
    void everyListedArtefactExists_andKeyFramesArePngs() throws Exception {
        for (var a : report.artefacts()) {
            assertThat(out.resolve(a.path())).as(a.kind() + " " + a.path()).exists();
        }
        for (String name : List.of(PASSING, FAILING)) {
            var key = report.artefacts(ArtefactKind.KEY_FRAME, name);
            assertThat(key).hasSize(1);
            BufferedImage png = ImageIO.read(out.resolve(key.get(0).path()).toFile());
            assertThat(png.getWidth()).isEqualTo(1200);
            assertThat(report.artefacts(ArtefactKind.VIEWER, name)).hasSize(1);
        }
        // the full exports (gzipped) and the PNG time-lapse only for the failure (default --exports failed)
        assertThat(report.artefacts(ArtefactKind.GRAPHML, FAILING)).singleElement().extracting(a -> a.path()).asString()
                .endsWith("graph.graphml.gz");
        assertThat(report.artefacts(ArtefactKind.DGS, FAILING)).hasSize(1);
        assertThat(report.artefacts(ArtefactKind.FRAME, FAILING)).isNotEmpty();
        assertThat(report.artefacts(ArtefactKind.GRAPHML, PASSING)).isEmpty();
        assertThat(report.artefacts(ArtefactKind.FRAME, PASSING)).isEmpty();
        assertThat(report.artefacts(ArtefactKind.KEY_FRAME, FAILING).get(0).title()).contains("at failure");
        assertThat(out.resolve("cucumber/cucumber.html")).isRegularFile();
        assertThat(out.resolve("cucumber/cucumber-junit.xml")).isRegularFile();
    }

    @Test
    void indexPage_listsTheFailureFirst_withReasonAndPicture() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("FAIL - 1 of 2 scenarios failed", "seeds per scenario");
        int fail = html.indexOf("<tr class=\"FAIL\">");
        int pass = html.indexOf("<tr class=\"PASS\">");
        assertThat(fail).isPositive().isLessThan(pass);
        String failRow = html.substring(fail, html.indexOf("</tr>", fail));
        assertThat(failRow).contains(FAILING).contains("lookup success is below 1%").contains("<img src=\"");
        assertThat(html).contains("href=\"cucumber/cucumber.html\"");
    }

    @Test
    void manifestPinsEachScenarioToItsFileLineAndSeed_andFramesAreSaved() {
        RunManifest m = RunManifest.read(out).orElseThrow();
        RunManifest.Scenario s = m.scenario(PASSING).orElseThrow();
        assertThat(s.location()).isEqualTo("classpath:testbed-cli/small.feature:4");
        assertThat(s.seed()).isEqualTo(3L);
        assertThat(s.runtime()).isEqualTo("simulated");
        assertThat(out.resolve(s.featureCopy())).content().contains("Scenario: " + PASSING);
        var frames = FrameStore.frames(FrameStore.read(out.resolve(s.dir()).resolve(FrameStore.FILE_NAME)));
        assertThat(frames).isNotEmpty().hasSizeLessThanOrEqualTo(6);
        assertThat(frames.get(frames.size() - 1).graph().nodes()).hasSize(60);
        assertThat(frames.get(frames.size() - 1).graph().edges()).isNotEmpty();
    }

    @Test
    void replay_reproducesIdenticalMetrics_forPassingAndFailingScenarios() {
        Path replayDir = out.resolveSibling("small-replay");
        Cli.Result r = Cli.exec("replay", "--report", out.resolve(RunReport.FILE_NAME).toString(),
                "--scenario", PASSING, "--scenario", FAILING, "--out", replayDir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("IDENTICAL  " + PASSING).contains("IDENTICAL  " + FAILING)
                .contains("replay: metrics identical to the recorded run");
        RunReport again = RunReport.read(replayDir.resolve(RunReport.FILE_NAME));
        assertThat(again.scenario(PASSING).orElseThrow().metrics()).isEqualTo(result(PASSING).metrics());
        assertThat(again.scenarios()).hasSize(2);
    }

    @Test
    void render_redrawsAndExportsTheSavedFrames() throws Exception {
        Path target = out.resolveSibling("small-render");
        Cli.Result png = Cli.exec("render", "--report", out.toString(), "--scenario", PASSING, "--out", target.toString(),
                "--size", "800x600");
        assertThat(png.exit()).isZero();
        Path first = Path.of(png.out().lines().findFirst().orElseThrow());
        assertThat(ImageIO.read(first.toFile()).getWidth()).isEqualTo(800);
        for (String format : List.of("graphml", "gexf", "dot", "dgs")) {
            Cli.Result r = Cli.exec("render", "--report", out.toString(), "--scenario", PASSING, "--format", format,
                    "--out", target.toString());
            assertThat(r.exit()).as(format).isZero();
            Path file = Path.of(r.out().strip().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(Files.size(file)).as(format).isPositive();
        }
        assertThat(Files.readString(target.resolve("lookups-in-a-small-network-succeed/graph.graphml")))
                .contains("<graphml").contains("HONEST");
        assertThat(Cli.exec("render", "--report", out.toString(), "--scenario", "nope").exit()).isEqualTo(2);
        assertThat(Cli.exec("render", "--report", out.toString(), "--scenario", PASSING, "--frame", "99").exit()).isEqualTo(2);
    }

    private ScenarioResult result(String name) {
        return report.scenario(name).orElseThrow();
    }
}
