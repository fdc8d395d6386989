package io.p2ptestbed.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphstream.graph.Graph;
import org.graphstream.graph.implementations.MultiGraph;
import org.graphstream.stream.file.FileSinkDGS;

/**
 * Writes a time-lapse as a GraphStream DGS file: one {@code st} step per frame, followed by the
 * node/edge additions, removals and attribute changes since the previous frame. Graph attributes
 * {@code caption}, {@code virtualTimeMillis} and {@code metric.<name>} describe each step. Nodes
 * carry fixed {@code xyz}, {@code role} and {@code ui.class}, so a viewer can replay it as drawn.
 */
final class DgsTimelineWriter {
    private DgsTimelineWriter() {
    }

    static void write(List<Frame> frames, SceneSync scene, int styleNodeCount, Path dgs) throws IOException {
        Headless.ensure();
        Graph g = new MultiGraph("timeline", false, false);
        FileSinkDGS sink = new FileSinkDGS();
        g.addSink(sink);
        sink.begin(dgs.toString());
        try {
            g.setAttribute("ui.stylesheet", GraphStyle.stylesheet(styleNodeCount));
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                g.stepBegins(i);
                g.setAttribute("caption", f.caption());
                g.setAttribute("virtualTimeMillis", f.virtualTimeMillis());
                for (Map.Entry<String, Double> m : f.metrics().entrySet()) {
                    g.setAttribute("metric." + m.getKey(), m.getValue());
                }
                scene.sync(g, f.graph());
            }
        } finally {
            sink.end();
            g.removeSink(sink);
        }
    }
}
