package io.p2ptestbed.features.report;

import io.p2ptestbed.features.run.ScenarioRecord;
import io.p2ptestbed.reports.Artefact;
import io.p2ptestbed.reports.ArtefactKind;
import io.p2ptestbed.reports.Charts;
import io.p2ptestbed.reports.Frame;
import io.p2ptestbed.reports.GraphExports;
import io.p2ptestbed.reports.GraphRenderer;
import io.p2ptestbed.reports.OverlayGraph;
import io.p2ptestbed.reports.SweepPoint;
import io.p2ptestbed.reports.Timeline;
import io.p2ptestbed.reports.ViewerPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one scenario's files into {@code <report>/<dir>/}: like the reports module's
 * {@code ScenarioArtefacts}, but with the cost bounded for whole-suite runs. At most
 * {@link FrameSampler#maxFrames()} frames (6 unless set) are saved in {@value FrameStore#FILE_NAME} (and drawn
 * as a PNG time-lapse for failed scenarios), charts are drawn only for metrics that change (see
 * {@link MetricCharts}), the viewer holds every recorded frame, and the exports (GraphML, GEXF, DOT,
 * DGS; gzipped) are written for failed scenarios or with {@code --exports all} (see {@link Exports}).
 */
final class ScenarioFiles {

    static final String SWEEP_CHART = "lookup-success-vs-adversary-fraction.png";
    static final String KEY_FRAME = "key-frame.png";

    private ScenarioFiles() {}

    /**
     * The drawn part: the key frame (the last frame) and the charts; with {@code full} (a failed
     * scenario, or {@code --exports all}) the whole PNG time-lapse and the gzipped DGS replay instead of
     * the key frame alone. Nothing if the scenario took no frames. GraphStream drawing stays on one thread.
     */
    static List<Artefact> writePictures(Path reportDir, String dir, String name, ScenarioRecord r, GraphRenderer renderer,
                                        boolean full) {
        List<Artefact> out = new ArrayList<>();
        if (r.frames().isEmpty()) {
            return out;
        }
        Path folder = reportDir.resolve(dir);
        List<Frame> shown = shown(r);
        Frame last = shown.get(shown.size() - 1);
        if (!full) {
            Path key = renderer.render(last, folder.resolve(KEY_FRAME));
            out.add(Artefact.of(ArtefactKind.KEY_FRAME, reportDir, key, name, last.caption()));
        } else {
            Timeline t = renderer.renderTimeline(shown, folder.resolve("frames"));
            List<Path> pngs = t.framePngs();
            out.add(Artefact.of(ArtefactKind.KEY_FRAME, reportDir, pngs.get(pngs.size() - 1), name, last.caption()));
            for (int i = 0; i < pngs.size(); i++) {
                out.add(Artefact.of(ArtefactKind.FRAME, reportDir, pngs.get(i), name,
                        "t=" + virtualTime(shown.get(i).virtualTimeMillis())));
            }
            out.add(Artefact.of(ArtefactKind.DGS, reportDir, Gzip.compress(t.dgsFile()), name, "time-lapse replay (gzipped)"));
        }
        out.addAll(MetricCharts.write(reportDir, folder, name, r.frames(), r.intervals()));
        return out;
    }

    /**
     * The data part, independent of the drawing (so it can run beside it): the viewer over every
     * recorded frame, the saved frames for {@code testbed render}, and with {@code full} gzipped
     * GraphML, GEXF and DOT of the last frame's full graph.
     */
    static List<Artefact> writeGraphData(Path reportDir, String dir, String name, ScenarioRecord r, boolean full) {
        List<Artefact> out = new ArrayList<>();
        if (r.frames().isEmpty()) {
            return out;
        }
        Path folder = reportDir.resolve(dir);
        out.add(Artefact.of(ArtefactKind.VIEWER, reportDir, ViewerPage.write(folder, name, r.frames(), r.intervals(),
                MetricCharts.series(r.frames(), r.intervals()), r.seed()), name, "interactive viewer"));
        List<Frame> shown = shown(r);
        if (full) {
            OverlayGraph last = shown.get(shown.size() - 1).graph();
            out.add(Artefact.of(ArtefactKind.GRAPHML, reportDir,
                    Gzip.compress(GraphExports.writeGraphMl(last, folder.resolve("graph.graphml"))), name, null));
            out.add(Artefact.of(ArtefactKind.GEXF, reportDir,
                    Gzip.compress(GraphExports.writeGexf(last, folder.resolve("graph.gexf"))), name, null));
            out.add(Artefact.of(ArtefactKind.DOT, reportDir,
                    Gzip.compress(GraphExports.writeDot(last, folder.resolve("graph.dot"))), name, null));
        }
        out.add(Artefact.of(ArtefactKind.OTHER, reportDir,
                FrameStore.write(folder.resolve(FrameStore.FILE_NAME), name, shown, r.intervals()), name,
                "graph data of the frames (testbed render)"));
        return out;
    }

    private static List<Frame> shown(ScenarioRecord r) {
        return FrameSampler.pick(r.frames(), FrameSampler.maxFrames());
    }

    /**
     * The data files the scenario wrote (paths relative to the report folder), and for each one
     * that is an adversary-fraction sweep a chart of it, listed with the scenario and run-wide.
     */
    static List<Artefact> writeDataFiles(Path reportDir, String dir, String name, ScenarioRecord r) {
        List<Artefact> out = new ArrayList<>();
        int sweeps = 0;
        for (String rel : r.csvFiles()) {
            Path csv = reportDir.resolve(rel);
            if (!Files.isRegularFile(csv)) {
                continue;
            }
            out.add(Artefact.of(ArtefactKind.OTHER, reportDir, csv, name, csv.getFileName().toString()));
            Path drawn = csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", ".png"));
            if (!drawn.equals(csv) && Files.isRegularFile(drawn)) { // a chart the scenario drew of its own data
                String title = drawn.getFileName().toString();
                out.add(Artefact.of(ArtefactKind.CHART, reportDir, drawn, name, title));
                out.add(Artefact.of(ArtefactKind.CHART, reportDir, drawn, null, name + ": " + title));
            }
            Optional<Map<String, List<SweepPoint>>> sweep = SweepCsv.read(csv);
            if (sweep.isPresent()) {
                String file = sweeps++ == 0 ? SWEEP_CHART : SWEEP_CHART.replace(".png", "-" + sweeps + ".png");
                Path png = Charts.lookupSuccessSweep(name + ": lookup success vs adversary fraction", sweep.get(),
                        reportDir.resolve(dir).resolve(file));
                out.add(Artefact.of(ArtefactKind.CHART, reportDir, png, name, "lookup success vs adversary fraction"));
                out.add(Artefact.of(ArtefactKind.CHART, reportDir, png, null, name + ": lookup success vs adversary fraction"));
            } else {
                out.addAll(CurveCsv.charts(reportDir, dir, name, csv));
            }
        }
        return out;
    }

    /** "12.3 s" below a minute, "3 min 05 s" above. */
    static String virtualTime(long millis) {
        if (Math.abs(millis) < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%d min %02d s", millis / 60_000, (millis % 60_000) / 1000);
    }
}
