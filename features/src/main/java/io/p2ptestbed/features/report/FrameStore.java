package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.Frame;
import io.p2ptestbed.reports.GraphEdge;
import io.p2ptestbed.reports.GraphNode;
import io.p2ptestbed.reports.Interval;
import io.p2ptestbed.reports.OverlayGraph;
import io.p2ptestbed.reports.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph data behind a scenario's pictures, saved as {@value #FILE_NAME} in its folder so that
 * {@code testbed render} can draw or export them again without rerunning. Gzipped JSON:
 * <pre>{"format": "p2ptestbed-frames/1", "scenario": "...",
 *  "intervals": [{"label": "churn", "start": 1000, "end": 9000}],
 *  "frames": [{"caption": "...", "virtualTimeMillis": 0, "metrics": {"lookup_success": 1.0},
 *              "nodes": [["&lt;id hex&gt;", "HONEST", "n0", "10.0.0.1:6881"], ...],
 *              "edges": [[0, 5], [0, 7, 1], ...]}]}</pre>
 * Edges are index pairs into {@code nodes} (routing-table entry from -&gt; to), with a third element 1
 * when the entry is the adversary's although its target is not an attacker node (a forged address);
 * this keeps a 1000-node frame at a few hundred kilobytes. The node address is optional.
 */
public final class FrameStore {

    public static final String FILE_NAME = "frames.json.gz";
    public static final String FORMAT = "p2ptestbed-frames/1";

    /** The saved form of a whole scenario. */
    public record Saved(String format, String scenario, List<Interval> intervals, List<SavedFrame> frames) {}

    /** The saved form of one frame. */
    public record SavedFrame(String caption, long virtualTimeMillis, Map<String, Double> metrics,
                             List<List<String>> nodes, List<int[]> edges) {}

    private FrameStore() {}

    public static Path write(Path file, String scenario, List<Frame> frames, List<Interval> intervals) {
        List<SavedFrame> saved = new ArrayList<>();
        for (Frame f : frames) {
            Map<String, Integer> index = new HashMap<>();
            List<List<String>> nodes = new ArrayList<>();
            for (GraphNode n : f.graph().nodes()) {
                index.put(n.id(), nodes.size());
                nodes.add(n.address() == null ? List.of(n.id(), n.role().name(), n.label())
                        : List.of(n.id(), n.role().name(), n.label(), n.address()));
            }
            List<int[]> edges = new ArrayList<>(f.graph().edges().size());
            for (GraphEdge e : f.graph().edges()) {
                int from = index.get(e.from());
                int to = index.get(e.to());
                edges.add(e.adversarial() ? new int[] {from, to, 1} : new int[] {from, to});
            }
            saved.add(new SavedFrame(f.caption(), f.virtualTimeMillis(), new LinkedHashMap<>(f.metrics()), nodes, edges));
        }
        ReportJson.write(new Saved(FORMAT, scenario, List.copyOf(intervals), saved), file, false);
        return file;
    }

    public static Saved read(Path file) {
        Saved s = ReportJson.read(file, Saved.class);
        if (s.format() == null || !s.format().startsWith("p2ptestbed-frames/")) {
            throw new IllegalArgumentException(file + " is not a saved frames file (format " + s.format() + ")");
        }
        return s;
    }

    /** The frames of a saved file, as the renderer takes them. */
    public static List<Frame> frames(Saved saved) {
        List<Frame> out = new ArrayList<>();
        for (SavedFrame f : saved.frames()) {
            List<GraphNode> nodes = new ArrayList<>(f.nodes().size());
            for (List<String> n : f.nodes()) {
                nodes.add(new GraphNode(n.get(0), Role.valueOf(n.get(1)), n.size() > 2 ? n.get(2) : null,
                        n.size() > 3 ? n.get(3) : null));
            }
            List<GraphEdge> edges = new ArrayList<>(f.edges().size());
            for (int[] e : f.edges()) {
                edges.add(new GraphEdge(nodes.get(e[0]).id(), nodes.get(e[1]).id(), e.length > 2 && e[2] != 0));
            }
            out.add(new Frame(f.caption(), f.virtualTimeMillis(), new OverlayGraph(nodes, edges), f.metrics()));
        }
        return out;
    }
}
