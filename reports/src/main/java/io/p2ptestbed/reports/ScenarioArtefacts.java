package io.p2ptestbed.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Convenience that writes everything for one scenario into {@code <reportDir>/<slug>/}: the
 * time-lapse frames and DGS replay, the key frame (the last frame), GraphML/GEXF/DOT exports of
 * the last frame's graph, and one timeline chart per metric found in the frames, with the given
 * attack/fault intervals shaded. Returns the artefacts (paths relative to {@code reportDir}) to
 * put into the {@link RunReport}.
 */
public final class ScenarioArtefacts {
    private ScenarioArtefacts() {
    }

    public static List<Artefact> write(Path reportDir, String scenario, List<Frame> frames, List<Interval> intervals,
            GraphRenderer renderer) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario + " has no frames");
        }
        Path dir = reportDir.resolve(slug(scenario));
        List<Artefact> out = new ArrayList<>();
        Timeline timeline = renderer.renderTimeline(frames, dir.resolve("frames"));
        List<Path> pngs = timeline.framePngs();
        Path last = pngs.get(pngs.size() - 1);
        out.add(Artefact.of(ArtefactKind.KEY_FRAME, reportDir, last, scenario, "final state"));
        for (int i = 0; i < pngs.size(); i++) {
            out.add(Artefact.of(ArtefactKind.FRAME, reportDir, pngs.get(i), scenario,
                    "t=" + FrameCaption.formatVirtualTime(frames.get(i).virtualTimeMillis())));
        }
        out.add(Artefact.of(ArtefactKind.DGS, reportDir, timeline.dgsFile(), scenario, "time-lapse replay"));
        OverlayGraph finalGraph = frames.get(frames.size() - 1).graph();
        out.add(Artefact.of(ArtefactKind.GRAPHML, reportDir,
                GraphExports.writeGraphMl(finalGraph, dir.resolve("graph.graphml")), scenario, null));
        out.add(Artefact.of(ArtefactKind.GEXF, reportDir,
                GraphExports.writeGexf(finalGraph, dir.resolve("graph.gexf")), scenario, null));
        out.add(Artefact.of(ArtefactKind.DOT, reportDir,
                GraphExports.writeDot(finalGraph, dir.resolve("graph.dot")), scenario, null));
        Set<String> metrics = new LinkedHashSet<>();
        frames.forEach(f -> metrics.addAll(f.metrics().keySet()));
        for (String metric : metrics) {
            Path png = Charts.metricTimeline(scenario + ": " + metric, metric,
                    List.of(TimeSeries.fromFrames(metric, frames)), intervals,
                    dir.resolve("chart-" + slug(metric) + ".png"));
            out.add(Artefact.of(ArtefactKind.CHART, reportDir, png, scenario, metric + " over time"));
        }
        return out;
    }

    /** File-system friendly, stable folder name: "Eclipse with IP limits" -> "eclipse-with-ip-limits". */
    public static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "scenario" : s;
    }
}
