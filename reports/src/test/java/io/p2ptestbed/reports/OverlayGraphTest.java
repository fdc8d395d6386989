package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayGraphTest {
    private static final List<GraphNode> NODES = List.of(
            new GraphNode("v", Role.VICTIM, "victim"), new GraphNode("a1", Role.ATTACKER),
            new GraphNode("a2", Role.ATTACKER), new GraphNode("h", Role.HONEST));

    @Test
    void rejectsEdgesToUnknownNodesAndDuplicateIds() {
        assertThatThrownBy(() -> new OverlayGraph(NODES, List.of(new GraphEdge("v", "ghost"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v->ghost");
        assertThatThrownBy(() -> new OverlayGraph(List.of(new GraphNode("x", Role.HONEST), new GraphNode("x", Role.ATTACKER)),
                List.of())).hasMessageContaining("duplicate node id x");
    }

    @Test
    void lenientAddsUnknownEndpointsAsFailedNodes() {
        OverlayGraph g = OverlayGraph.lenient(NODES, List.of(new GraphEdge("v", "ghost")));
        assertThat(g.nodesById().get("ghost").role()).isEqualTo(Role.FAILED);
        assertThat(g.nodes()).hasSize(5);
    }

    @Test
    void computesNeighboursAndAttackerShareOfRoutes() {
        OverlayGraph g = new OverlayGraph(NODES, List.of(new GraphEdge("v", "a1"), new GraphEdge("v", "a2"),
                new GraphEdge("v", "h"), new GraphEdge("v", "h"), new GraphEdge("h", "v")));
        assertThat(g.edges()).hasSize(4);
        assertThat(g.outNeighbours("v")).containsExactly("a1", "a2", "h");
        assertThat(g.inNeighbours("v")).containsExactly("h");
        assertThat(g.attackerShareOfRoutes("v")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(g.attackerShareOfRoutes("a1")).isNaN();
    }

    @Test
    void labelDefaultsToId() {
        assertThat(new GraphNode("abc", Role.HONEST).label()).isEqualTo("abc");
    }
}
