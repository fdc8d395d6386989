package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.junit.jupiter.api.Test;

class ViewerLayoutTest {

    /**
     * The shape of Bitcoin's eclipse graphs: a connected network and 1,600 attacker addresses with no edge. JGraphT's
     * Barnes-Hut layout refused it (FRQuadTree.insert: IllegalArgumentException) and the report lost the graph.
     */
    @Test
    void aLargeGraphWithManyEdgelessNodesIsLaidOutInsideTheBox() {
        List<String> ids = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add("10.0." + (i / 250) + "." + (i % 250) + ":8333");
        }
        for (int i = 0; i < 200; i++) {
            for (int k = 1; k <= 4; k++) {
                edges.add(new GraphEdge(ids.get(i), ids.get((i + k * 7) % 200), false));
            }
        }
        for (int i = 0; i < 1600; i++) {
            ids.add("10.1." + (i / 250) + "." + (i % 250) + ":8333");
        }
        assertThat(ViewerLayout.kind(ids)).isEqualTo(ViewerLayout.FORCE);

        Map<String, double[]> at = ViewerLayout.force(ids, edges, 1411);

        assertThat(at).hasSize(ids.size());
        assertThat(at.values()).allSatisfy(p -> {
            assertThat(p[0]).isBetween(-1.0, 1.0);
            assertThat(p[1]).isBetween(-1.0, 1.0);
        });
        assertThat(Set.copyOf(at.keySet())).containsAll(ids);
    }

    /** The array-based repulsion changes the speed only: every position equals JGraphT's own, bit for bit. */
    @Test
    void theExactLayoutPlacesEveryNodeWhereJGraphTsOwnPlacesIt() {
        Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        Random r = new Random(7);
        for (int i = 0; i < 300; i++) {
            g.addVertex("n" + i);
        }
        for (int i = 0; i < 250; i++) {
            for (int k = 0; k < 3; k++) {
                int j = r.nextInt(250);
                if (j != i) {
                    g.addEdge("n" + i, "n" + j);
                }
            }
        }
        MapLayoutModel2D<String> theirs = new MapLayoutModel2D<>(Box2D.of(0, 0, 2, 2));
        new FRLayoutAlgorithm2D<String, DefaultEdge>(60, FRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR, new Random(42))
                .layout(g, theirs);
        MapLayoutModel2D<String> ours = new MapLayoutModel2D<>(Box2D.of(0, 0, 2, 2));
        new ViewerLayout.ExactFR<String, DefaultEdge>(60, new Random(42)).layout(g, ours);

        for (String v : g.vertexSet()) {
            assertThat(ours.get(v).getX()).as(v).isEqualTo(theirs.get(v).getX());
            assertThat(ours.get(v).getY()).as(v).isEqualTo(theirs.get(v).getY());
        }
    }
}
