package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexPageTest {
    @TempDir
    Path dir;

    private RunReport report(List<Artefact> artefacts) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return RunReport.of(7L, t, t.plusSeconds(5), List.of(
                new ScenarioResult("Healthy <baseline>", Verdict.PASS, "ok", Map.of("lookup_success", 1.0)),
                new ScenarioResult("Eclipse & no defence", Verdict.FAIL, "victim eclipsed at t=40s",
                        Map.of("lookup_success", 0.41)),
                new ScenarioResult("Churn", Verdict.UNKNOWN, "metric missing", Map.of())), artefacts);
    }

    @Test
    void listsFailuresFirstWithKeyFrameAndRelativeLinksOnly() throws Exception {
        Path frame = new GraphRenderer(new RenderOptions(600, 450, 300)).render(
                new Frame("Eclipse & no defence", 0, TestGraphs.eclipse(10, 2, 2, 2, 1), Map.of()),
                dir.resolve("scenario 1/key frame.png"));
        Path dot = GraphExports.writeDot(TestGraphs.eclipse(10, 2, 2, 2, 1), dir.resolve("scenario 1/graph.dot"));
        RunReport r = report(List.of(
                Artefact.of(ArtefactKind.KEY_FRAME, dir, frame, "Eclipse & no defence", null),
                Artefact.of(ArtefactKind.DOT, dir, dot, "Eclipse & no defence", null),
                new Artefact(ArtefactKind.CHART, "charts/gone.png", null, "gone chart")));
        r.write(dir.resolve(RunReport.FILE_NAME));

        String html = Files.readString(IndexPage.write(dir, r));

        assertThat(dir.resolve("index.html")).isRegularFile();
        int fail = html.indexOf("<tr class=\"FAIL\">");
        int unknown = html.indexOf("<tr class=\"UNKNOWN\">");
        int pass = html.indexOf("<tr class=\"PASS\">");
        assertThat(fail).isPositive().isLessThan(unknown);
        assertThat(unknown).isLessThan(pass);
        assertThat(html).contains("Eclipse &amp; no defence", "Healthy &lt;baseline&gt;", "victim eclipsed at t=40s");
        assertThat(html).contains("<img src=\"scenario%201/key%20frame.png\"");
        assertThat(html).contains("href=\"scenario%201/graph.dot\"", "href=\"run-report.json\"");
        assertThat(html).contains("gone chart (missing)");
        assertThat(html).doesNotContain("cucumber.html");
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:|file:|/)");
        assertThat(html).doesNotContain("<script", "<link");
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            String target = java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(dir.resolve(target)).as("link target %s", target).exists();
        }
    }

    @Test
    void linksCucumberReportWhenPresent() throws Exception {
        Files.createDirectories(dir.resolve("cucumber"));
        Files.writeString(dir.resolve(IndexPage.CUCUMBER_REPORT), "<html></html>");
        String html = Files.readString(IndexPage.write(dir, report(List.of())));
        assertThat(html).contains("href=\"cucumber/cucumber.html\"");
    }
}
