package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphstream.graph.Graph;
import org.graphstream.graph.Node;
import org.graphstream.graph.implementations.MultiGraph;
import org.graphstream.stream.SinkAdapter;
import org.graphstream.stream.file.FileSourceDGS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DgsTimelineTest {
    @TempDir
    Path dir;

    /** Graph state at the start of each step, plus the final state. */
    record Snapshot(int nodes, int edges, Map<String, String> roles, Map<String, List<Double>> xyz) {
    }

    @Test
    void dgsReplaysEveryFrameAsOneStepWithFixedPositions() throws Exception {
        OverlayGraph a = TestGraphs.eclipse(25, 4, 4, 0, 11);
        OverlayGraph b = TestGraphs.eclipse(25, 4, 4, 4, 11);
        List<GraphNode> fewer = new ArrayList<>(b.nodes().subList(0, b.nodes().size() - 1));
        String dropped = b.nodes().get(b.nodes().size() - 1).id();
        OverlayGraph c = OverlayGraph.lenient(
                TestGraphs.withFailures(new OverlayGraph(fewer, b.edges().stream()
                        .filter(e -> !e.from().equals(dropped) && !e.to().equals(dropped)).toList()), 1).nodes(),
                b.edges().stream().filter(e -> !e.from().equals(dropped) && !e.to().equals(dropped)).toList());
        List<Frame> frames = List.of(new Frame("s", 0, a, Map.of("m", 1.0)), new Frame("s", 1, b, Map.of("m", 0.5)),
                new Frame("s", 2, c, Map.of("m", 0.2)));

        Timeline t = new GraphRenderer().renderTimeline(frames, dir);

        Graph replay = new MultiGraph("replay", false, true);
        List<Snapshot> snapshots = new ArrayList<>();
        FileSourceDGS source = new FileSourceDGS();
        source.addSink(replay);
        source.addSink(new SinkAdapter() {
            @Override
            public void stepBegins(String sourceId, long timeId, double step) {
                snapshots.add(snapshot(replay));
            }
        });
        source.readAll(t.dgsFile().toString());
        snapshots.add(snapshot(replay));

        assertThat(snapshots).hasSize(4);
        assertThat(snapshots.get(0).nodes()).isZero();
        for (int i = 0; i < 3; i++) {
            OverlayGraph g = frames.get(i).graph();
            assertThat(snapshots.get(i + 1).nodes()).as("nodes after step %d", i).isEqualTo(g.nodes().size());
            assertThat(snapshots.get(i + 1).edges()).as("edges after step %d", i).isEqualTo(g.edges().size());
        }
        assertThat(snapshots.get(3).xyz()).doesNotContainKey(dropped);
        assertThat(snapshots.get(3).roles()).containsValue("FAILED");
        snapshots.get(3).xyz().forEach((id, p) -> assertThat(snapshots.get(1).xyz().get(id)).isEqualTo(p));
        assertThat(replay.getAttribute("metric.m")).isEqualTo(0.2);
    }

    private static Snapshot snapshot(Graph g) {
        Map<String, String> roles = new HashMap<>();
        Map<String, List<Double>> xyz = new HashMap<>();
        for (Node n : g) {
            roles.put(n.getId(), String.valueOf(n.getAttribute("role")));
            Object[] p = (Object[]) n.getAttribute("xyz");
            xyz.put(n.getId(), Arrays.stream(p).map(o -> ((Number) o).doubleValue()).toList());
        }
        return new Snapshot(g.getNodeCount(), g.getEdgeCount(), roles, xyz);
    }
}
