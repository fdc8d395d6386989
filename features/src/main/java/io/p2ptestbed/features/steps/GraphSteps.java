package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.p2ptestbed.features.world.DefenceWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.attack.VertexConnectivity;
import io.p2ptestbed.harness.graph.RoutingGraph;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The honest routing-table graph (edges between live honest nodes only: attacker entries are not
 * edges) and its resilience: strong connectivity, and minimum vertex cuts by Menger's theorem.
 */
public class GraphSteps {

    /** Pairs evaluated per victim in each direction, and random pairs, for the minimum vertex cut. */
    static final int PAIRS_PER_VICTIM = 15;
    static final int RANDOM_PAIRS = 30;

    private final TestbedWorld world;

    public GraphSteps(TestbedWorld world) {
        this.world = world;
    }

    @Then("the honest routing-table graph is strongly connected")
    public void stronglyConnected() {
        RoutingGraph g = RoutingGraph.of(world.runtime().liveNodes());
        int sccs = g.stronglyConnectedComponentCount();
        world.record("honest_scc_count", sccs);
        world.record("honest_graph_edges", g.edgeCount());
        world.record("honest_in_degree_min", g.minInDegree());
        assertThat(sccs).as("strongly connected components of the honest graph (%d nodes, defences %s)", g.vertexCount(),
                DefenceWorld.of(world).label()).isEqualTo(1);
    }

    /**
     * The fewest honest nodes an adversary would have to take down (or eclipse) to cut one honest node off
     * from another: evaluated exactly for {@value #PAIRS_PER_VICTIM} pairs from and to every victim and
     * {@value #RANDOM_PAIRS} random pairs (non-adjacent ones; adjacent pairs cannot be cut by removing
     * vertices). The minimum over those pairs bounds the graph's vertex connectivity from above.
     */
    @Then("the honest routing-table graph's minimum vertex cut is at least {int}")
    public void minVertexCut(int floor) {
        VertexConnectivity.Result r = sampleCuts();
        assertThat(r.minCut()).as("minimum vertex cut over %d pairs (mean %.1f), attained from %s to %s (defences %s)", r.pairs(),
                r.meanCut(), r.from(), r.to(), DefenceWorld.of(world).label()).isGreaterThanOrEqualTo(floor);
    }

    @Then("the honest routing-table graph's minimum vertex cut is at most {int}")
    public void minVertexCutAtMost(int ceiling) {
        VertexConnectivity.Result r = sampleCuts();
        assertThat(r.minCut()).as("minimum vertex cut over %d pairs (mean %.1f), attained from %s to %s (defences %s)", r.pairs(),
                r.meanCut(), r.from(), r.to(), DefenceWorld.of(world).label()).isLessThanOrEqualTo(ceiling);
    }

    private VertexConnectivity.Result sampleCuts() {
        RoutingGraph g = RoutingGraph.of(world.runtime().liveNodes());
        VertexConnectivity vc = new VertexConnectivity(g.graph());
        List<NodeId> focus = new ArrayList<>();
        for (NodeId v : world.victims()) {
            if (g.graph().containsVertex(v)) {
                focus.add(v);
            }
        }
        focus.sort(null);
        VertexConnectivity.Result r = vc.sample(focus, PAIRS_PER_VICTIM, RANDOM_PAIRS, world.rng("vertex-cut"));
        world.record("min_vertex_cut", r.minCut());
        world.record("mean_vertex_cut", r.meanCut());
        world.record("vertex_cut_pairs", r.pairs());
        assertThat(r.pairs()).as("non-adjacent pairs evaluated").isPositive();
        return r;
    }
}
