package io.p2ptestbed.harness.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

class VertexConnectivityTest {

    private static List<NodeId> ids(int n) {
        SplittableRandom rng = new SplittableRandom(1);
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(NodeId.random(rng));
        }
        return ids;
    }

    @Test
    void aDirectedCycleIsCutByOneVertex() {
        List<NodeId> v = ids(6);
        DefaultDirectedGraph<NodeId, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        v.forEach(g::addVertex);
        for (int i = 0; i < v.size(); i++) {
            g.addEdge(v.get(i), v.get((i + 1) % v.size()));
        }
        VertexConnectivity vc = new VertexConnectivity(g);
        assertThat(vc.cut(v.get(0), v.get(3))).isEqualTo(1);
        assertThat(vc.cut(v.get(0), v.get(1))).as("adjacent: no vertex cut").isEqualTo(-1);
    }

    @Test
    void threeInternallyDisjointPathsNeedThreeVerticesRemoved() {
        // s -> a_i -> t for i = 1..3, plus a1 -> a2 (does not add a disjoint path)
        List<NodeId> v = ids(5);
        NodeId s = v.get(0);
        NodeId t = v.get(4);
        DefaultDirectedGraph<NodeId, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        v.forEach(g::addVertex);
        for (int i = 1; i <= 3; i++) {
            g.addEdge(s, v.get(i));
            g.addEdge(v.get(i), t);
        }
        g.addEdge(v.get(1), v.get(2));
        VertexConnectivity vc = new VertexConnectivity(g);
        assertThat(vc.cut(s, t)).isEqualTo(3);
        assertThat(vc.cut(t, s)).as("no path back").isZero();
    }

    @Test
    void aBottleneckVertexIsFoundWhateverTheEdgeCounts() {
        // two 4-cliques joined through one vertex m, both ways: any pair across is cut by m alone
        List<NodeId> v = ids(9);
        DefaultDirectedGraph<NodeId, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        v.forEach(g::addVertex);
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                if (a != b) {
                    g.addEdge(v.get(a), v.get(b));
                    g.addEdge(v.get(5 + a), v.get(5 + b));
                }
            }
            g.addEdge(v.get(a), v.get(4));
            g.addEdge(v.get(4), v.get(a));
            g.addEdge(v.get(5 + a), v.get(4));
            g.addEdge(v.get(4), v.get(5 + a));
        }
        VertexConnectivity vc = new VertexConnectivity(g);
        assertThat(vc.cut(v.get(0), v.get(6))).isEqualTo(1);
        VertexConnectivity.Result r = vc.sample(List.of(v.get(0)), 20, 20, new SplittableRandom(2));
        assertThat(r.minCut()).isEqualTo(1);
    }
}
