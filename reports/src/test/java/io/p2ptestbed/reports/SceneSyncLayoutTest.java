package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key frames pick the ring for key-space ids and the viewer's force-directed layout for unstructured overlays. */
class SceneSyncLayoutTest {

    private static OverlayGraph graph(java.util.function.IntFunction<String> id, int n) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new GraphNode(id.apply(i), Role.HONEST));
            edges.add(new GraphEdge(id.apply(i), id.apply((i + 1) % n), false));
            edges.add(new GraphEdge(id.apply(i), id.apply((i * 7 + 3) % n), false));
        }
        return new OverlayGraph(nodes, edges);
    }

    @Test
    void keySpaceIdsSitOnTheRing() {
        OverlayGraph g = graph(i -> String.format("%040x", i * 977L), 30);
        Map<String, double[]> pos = new SceneSync(NodeSample.select(List.of(g), 300), List.of(g)).positions();
        for (double[] p : pos.values()) {
            assertThat(Math.hypot(p[0], p[1])).isCloseTo(RingLayout.RING_RADIUS, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void unstructuredNodesGetTheSameForceDirectedLayoutAsTheViewer() {
        OverlayGraph g = graph(i -> "node-" + i, 30);
        Map<String, double[]> pos = new SceneSync(NodeSample.select(List.of(g), 300), List.of(g)).positions();
        assertThat(pos.values().stream().filter(p -> Math.hypot(p[0], p[1]) < 0.9 * RingLayout.RING_RADIUS))
                .as("nodes off the ring").isNotEmpty();
        Map<String, double[]> viewer = ViewerLayout.force(g.nodes().stream().map(GraphNode::id).toList(), g.edges(),
                SceneSync.FORCE_SEED);
        pos.forEach((id, p) -> assertThat(p).as(id).containsExactly(viewer.get(id)));
    }
}
