package io.p2ptestbed.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphstream.graph.Graph;
import org.graphstream.graph.implementations.MultiGraph;

/**
 * Draws overlay snapshots as PNGs (GraphStream Swing renderer, headless) and time-lapses as PNG
 * series plus a DGS replay file.
 *
 * <p>Layout is computed by us, never by GraphStream: nodes of a key space sit on a ring in id order with the
 * victim in the centre ({@link RingLayout}); nodes of an unstructured overlay (ids that are not key-space
 * hex, see {@link ViewerLayout#kind}) get the viewer's seeded force-directed layout. For a time-lapse the node sample and the positions
 * are computed once from all frames, so a node keeps its place in every image. Instances are
 * stateless; calls sets {@code org.graphstream.ui=swing} and, unless already set,
 * {@code java.awt.headless=true}.
 */
public final class GraphRenderer {
    public static final String DGS_FILE_NAME = "timeline.dgs";

    private final RenderOptions options;

    public GraphRenderer() {
        this(RenderOptions.DEFAULTS);
    }

    public GraphRenderer(RenderOptions options) {
        this.options = options;
        Headless.ensure();
    }

    /** Renders one frame to {@code png} (parent directories are created) and returns it. */
    public Path render(Frame frame, Path png) {
        NodeSample sample = NodeSample.select(List.of(frame.graph()), options.sampleThreshold());
        new FrameSeries(sample, List.of(frame.graph())).draw(frame, png);
        return png;
    }

    /**
     * Writes {@code frame-000.png}, {@code frame-001.png}, ... and {@value #DGS_FILE_NAME} into
     * {@code dir}. All frames share one node sample and one layout.
     */
    public Timeline renderTimeline(List<Frame> frames, Path dir) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames");
        }
        NodeSample sample = NodeSample.select(frames.stream().map(Frame::graph).toList(), options.sampleThreshold());
        FrameSeries series = new FrameSeries(sample, frames.stream().map(Frame::graph).toList());
        int digits = Math.max(3, String.valueOf(frames.size() - 1).length());
        List<Path> pngs = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            Path png = dir.resolve(String.format("frame-%0" + digits + "d.png", i));
            series.draw(frames.get(i), png);
            pngs.add(png);
        }
        Path dgs = dir.resolve(DGS_FILE_NAME);
        try {
            DgsTimelineWriter.write(frames, series.scene, sample.keptIds().size(), dgs);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + dgs, e);
        }
        return new Timeline(pngs, dgs);
    }

    /** One GraphStream scene kept in sync across consecutive frames. */
    private final class FrameSeries {
        private final NodeSample sample;
        private final SceneSync scene;
        private final Graph graph = new MultiGraph("frame", false, false);
        private boolean anchored;

        FrameSeries(NodeSample sample, List<OverlayGraph> graphs) {
            this.sample = sample;
            this.scene = new SceneSync(sample, graphs);
            graph.setAttribute("ui.stylesheet", GraphStyle.stylesheet(sample.keptIds().size()));
        }

        void draw(Frame frame, Path png) {
            List<String> caption = FrameCaption.lines(frame, sample);
            PngFrameWriter writer = new PngFrameWriter(options);
            if (!anchored) {
                double[] box = writer.worldBox(maxCaptionLines());
                SceneSync.addAnchors(graph, box[0], box[1], box[2], box[3]);
                anchored = true;
            }
            scene.sync(graph, frame.graph());
            try {
                Files.createDirectories(png.toAbsolutePath().getParent());
                writer.write(graph, caption, png);
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + png, e);
            }
        }

        /** Caption height is reserved for the most victims any frame lists, so frames align. */
        private int maxCaptionLines() {
            int victims = sample.victimIds().size();
            return 3 + Math.min(victims, FrameCaption.MAX_VICTIMS_LISTED) + (victims > FrameCaption.MAX_VICTIMS_LISTED ? 1 : 0);
        }
    }
}
