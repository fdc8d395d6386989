package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
}
