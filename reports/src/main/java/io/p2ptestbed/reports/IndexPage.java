package io.p2ptestbed.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code index.html} into a report folder: opens from disk without a server (relative
 * links only, inline CSS, no scripts or external resources). Scenarios are listed failures
 * first, each with its verdict, reason, metrics, key frame and artefact links; then run-wide
 * charts and files, the JSON report, Cucumber's report ({@value #CUCUMBER_REPORT}) if present,
 * and versions.
 */
public final class IndexPage {
    public static final String FILE_NAME = "index.html";
    public static final String CUCUMBER_REPORT = "cucumber/cucumber.html";

    private IndexPage() {
    }

    public static Path write(Path reportDir, RunReport report) {
        Path index = reportDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(reportDir);
            Files.writeString(index, render(reportDir, report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + index, e);
        }
        return index;
    }

    static String render(Path dir, RunReport report) {
        StringBuilder h = new StringBuilder(8192);
        Verdict overall = report.overallVerdict();
        long failed = report.scenarios().stream().filter(s -> s.verdict() == Verdict.FAIL).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Html.esc(overall + " - P2P testbed run, " + (report.seed() == null ? "seeds per scenario" : "seed " + report.seed()))).append("</title>\n<style>")
                .append(IndexStyle.CSS).append("</style></head><body>\n");
        h.append("<h1>P2P testbed run report</h1>\n<p class=\"overall ").append(overall).append("\">")
                .append(overall).append(" - ").append(failed).append(" of ").append(report.scenarios().size())
                .append(" scenarios failed</p>\n");
        h.append("<table class=\"meta\">")
                .append(row("seed", report.seed() == null ? "per scenario (each scenario's reason names its seed)" : String.valueOf(report.seed())))
                .append(row("started", String.valueOf(report.started())))
                .append(row("finished", String.valueOf(report.finished())))
                .append(row("runtime", String.valueOf(report.runtime())))
                .append(row("testbed version", report.versions().project()))
                .append(row("java", report.versions().java())).append("</table>\n");
        h.append("<h2>Scenarios</h2>\n<table class=\"scenarios\"><tr><th>verdict</th><th>scenario</th>"
                + "<th>reason</th><th>metrics</th><th>key frame</th><th>artefacts</th></tr>\n");
        List<ScenarioResult> sorted = report.scenarios().stream()
                .sorted(Comparator.comparingInt(s -> s.verdict().severityRank())).toList();
        for (ScenarioResult s : sorted) {
            h.append(scenarioRow(dir, report, s));
        }
        h.append("</table>\n");
        h.append(runWide(dir, report));
        h.append("<h2>Versions</h2>\n<table class=\"meta\">");
        report.versions().libraries().forEach((k, v) -> h.append(row(k, v)));
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static String scenarioRow(Path dir, RunReport report, ScenarioResult s) {
        StringBuilder h = new StringBuilder();
        h.append("<tr class=\"").append(s.verdict()).append("\"><td class=\"verdict\">").append(s.verdict())
                .append("</td><td class=\"name\">").append(Html.esc(s.name())).append("</td><td class=\"reason\">")
                .append(Html.esc(s.message())).append("</td><td class=\"metrics\">");
        for (Map.Entry<String, Double> m : s.metrics().entrySet()) {
            h.append(Html.esc(m.getKey())).append(" = ").append(Html.esc(FrameCaption.formatNumber(m.getValue())))
                    .append("<br>");
        }
        h.append("</td><td class=\"frame\">");
        List<Artefact> viewers = report.artefacts(ArtefactKind.VIEWER, s.name()).stream().filter(a -> exists(dir, a)).toList();
        for (Artefact v : viewers) {
            h.append("<div class=\"viewer\">").append(Html.link(v.path(), "open the viewer", true)).append("</div>");
        }
        for (Artefact a : report.artefacts(ArtefactKind.KEY_FRAME, s.name())) {
            if (exists(dir, a)) {
                String img = Html.esc(Html.href(a.path()));
                String href = viewers.isEmpty() ? img : Html.esc(Html.href(viewers.get(0).path()));
                h.append("<a href=\"").append(href).append("\"><img src=\"").append(img).append("\" alt=\"")
                        .append(Html.esc(a.title())).append("\" width=\"320\" loading=\"lazy\"></a>");
            } else {
                h.append(Html.link(a.path(), a.title(), false));
            }
        }
        h.append("</td><td class=\"links\">").append(links(dir, report.artefacts().stream()
                .filter(a -> s.name().equals(a.scenario()) && a.kind() != ArtefactKind.KEY_FRAME
                        && a.kind() != ArtefactKind.VIEWER).toList()))
                .append("</td></tr>\n");
        return h.toString();
    }

    private static String runWide(Path dir, RunReport report) {
        StringBuilder h = new StringBuilder("<h2>Run artefacts</h2>\n");
        List<Artefact> charts = report.artefacts(ArtefactKind.CHART, null);
        for (Artefact c : charts) {
            if (exists(dir, c)) {
                String href = Html.esc(Html.href(c.path()));
                h.append("<figure><a href=\"").append(href).append("\"><img src=\"").append(href)
                        .append("\" alt=\"").append(Html.esc(c.title())).append("\" width=\"600\"></a><figcaption>")
                        .append(Html.esc(c.title())).append("</figcaption></figure>\n");
            }
        }
        h.append("<ul class=\"files\">");
        if (Files.isRegularFile(dir.resolve(RunReport.FILE_NAME))) {
            h.append("<li>").append(Html.link(RunReport.FILE_NAME, "JSON run report", true)).append("</li>");
        }
        if (Files.isRegularFile(dir.resolve(CUCUMBER_REPORT))) {
            h.append("<li>").append(Html.link(CUCUMBER_REPORT, "Cucumber report", true)).append("</li>");
        }
        report.artefacts().stream().filter(a -> a.scenario() == null)
                .filter(a -> !a.path().equals(RunReport.FILE_NAME) && !a.path().equals(CUCUMBER_REPORT))
                .filter(a -> !(a.kind() == ArtefactKind.CHART && exists(dir, a)))
                .forEach(a -> h.append("<li>").append(kindLabel(a.kind())).append(": ")
                        .append(Html.link(a.path(), a.title(), exists(dir, a))).append("</li>"));
        return h.append("</ul>\n").toString();
    }

    private static String links(Path dir, List<Artefact> artefacts) {
        Map<ArtefactKind, List<Artefact>> byKind = artefacts.stream()
                .collect(Collectors.groupingBy(Artefact::kind, () -> new java.util.EnumMap<>(ArtefactKind.class),
                        Collectors.toList()));
        StringBuilder h = new StringBuilder();
        byKind.forEach((kind, list) -> {
            h.append("<div><span class=\"kind\">").append(kindLabel(kind)).append(":</span> ");
            h.append(list.stream().map(a -> Html.link(a.path(), a.title(), exists(dir, a)))
                    .collect(Collectors.joining(", ")));
            h.append("</div>");
        });
        return h.toString();
    }

    private static String kindLabel(ArtefactKind kind) {
        return switch (kind) {
            case KEY_FRAME -> "key frame";
            case VIEWER -> "viewer";
            case FRAME -> "time-lapse frames";
            case CHART -> "charts";
            case GRAPHML -> "GraphML";
            case GEXF -> "GEXF";
            case DOT -> "DOT";
            case DGS -> "DGS replay";
            case JSON_REPORT -> "JSON";
            case JUNIT_XML -> "JUnit XML";
            case BASELINE -> "baseline";
            case CUCUMBER_HTML -> "Cucumber";
            case OTHER -> "other";
        };
    }

    private static boolean exists(Path dir, Artefact a) {
        return Files.exists(dir.resolve(a.path()));
    }

    private static String row(String k, String v) {
        return "<tr><th>" + Html.esc(k) + "</th><td>" + Html.esc(v) + "</td></tr>";
    }
}
