package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewerPageTest {

    static OverlayGraph graph(boolean attacked) {
        List<GraphNode> nodes = List.of(new GraphNode("0a", Role.VICTIM, "v", "10.0.0.1:1"), new GraphNode("1b", Role.HONEST),
                new GraphNode("2c", attacked ? Role.ATTACKER : Role.HONEST), new GraphNode("3d", Role.HONEST));
        return new OverlayGraph(nodes, List.of(new GraphEdge("0a", "1b"), new GraphEdge("0a", "2c"),
                new GraphEdge("0a", "3d", attacked), new GraphEdge("1b", "0a")));
    }

    @Test
    void nodesKeepOnePositionAcrossFramesAndEdgesCarryTheAdversaryFlag() {
        List<Frame> frames = List.of(new Frame("before", 0, graph(false), Map.of()),
                new Frame("after", 1000, graph(true), Map.of("victim_adversary_share", 2 / 3.0)));
        ViewerPage.Data d = ViewerPage.data("s", frames, List.of(new Interval("eclipse", 0, 1000)), List.of(), 1);
        assertThat(d.layout()).isEqualTo("ring");
        assertThat(d.nodes()).hasSize(4);
        assertThat(d.nodes().get(0)).containsExactly("0a", "v", "10.0.0.1:1", 0.0, 0.0); // the victim in the centre
        assertThat(d.frames().get(0).roles()).isEqualTo("VHHH");
        assertThat(d.frames().get(1).roles()).isEqualTo("VHAH");
        assertThat(d.frames().get(1).edges()).containsExactly(0, 1, 0, 0, 2, 0, 0, 3, 1, 1, 0, 0);
        assertThat(graph(true).attackerShareOfRoutes("0a")).isEqualTo(2 / 3.0);
    }

    @Test
    void idsOutsideAKeyspaceGetAForceLayout() {
        assertThat(ViewerLayout.kind(List.of("peer-1", "peer-2"))).isEqualTo("force");
        OverlayGraph g = new OverlayGraph(List.of(new GraphNode("peer-1", Role.HONEST), new GraphNode("peer-2", Role.HONEST)),
                List.of(new GraphEdge("peer-1", "peer-2")));
        ViewerPage.Data d = ViewerPage.data("s", List.of(new Frame("f", 0, g, Map.of())), List.of(), List.of(), 7);
        assertThat(d.layout()).isEqualTo("force");
        assertThat(d.nodes()).allSatisfy(n -> assertThat((double) n.get(3)).isBetween(-1.0, 1.0));
    }
}
