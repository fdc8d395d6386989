package io.p2ptestbed.harness.attack;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.DinicMFImpl;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * Minimum vertex cuts of a directed routing-table graph, by Menger's theorem: for two vertices s and t
 * with no edge s -> t, the fewest vertices whose removal leaves no s -> t path equals the largest number
 * of s -> t paths sharing no vertex but s and t. That number is a maximum flow in the split graph, where
 * each vertex v becomes v_in -> v_out with capacity 1 and each edge u -> v becomes u_out -> v_in with
 * unbounded capacity (JGraphT's {@link DinicMFImpl}; flows are integral).
 *
 * <p>The graph's vertex connectivity is the minimum over all non-adjacent ordered pairs. Computing all
 * n² pairs is out of reach for thousands of nodes, so {@link #sample} evaluates chosen pairs (e.g. every
 * pair involving an eclipse victim, plus random ones): the result is an upper bound on the graph's
 * connectivity and exact for those pairs. Adjacent pairs have no separating vertex cut and are skipped.
 */
public final class VertexConnectivity {

    /** The minimum over the evaluated pairs, which pair attained it, and how many pairs were evaluated. */
    public record Result(int minCut, NodeId from, NodeId to, int pairs, double meanCut) {}

    private final Graph<NodeId, DefaultEdge> graph;
    private final Map<NodeId, Integer> index = new HashMap<>();
    private final List<NodeId> vertices = new ArrayList<>();
    private final SimpleDirectedWeightedGraph<Integer, DefaultWeightedEdge> split =
            new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
    private final DinicMFImpl<Integer, DefaultWeightedEdge> flow;

    public VertexConnectivity(Graph<NodeId, DefaultEdge> graph) {
        this.graph = graph;
        List<NodeId> sorted = new ArrayList<>(graph.vertexSet());
        sorted.sort(null);
        for (NodeId v : sorted) {
            index.put(v, vertices.size());
            vertices.add(v);
        }
        double unbounded = vertices.size() + 1.0;
        for (int i = 0; i < vertices.size(); i++) {
            split.addVertex(2 * i);
            split.addVertex(2 * i + 1);
            split.setEdgeWeight(split.addEdge(2 * i, 2 * i + 1), 1.0);
        }
        for (DefaultEdge e : graph.edgeSet()) {
            int u = index.get(graph.getEdgeSource(e));
            int v = index.get(graph.getEdgeTarget(e));
            if (u != v) {
                split.setEdgeWeight(split.addEdge(2 * u + 1, 2 * v), unbounded);
            }
        }
        this.flow = new DinicMFImpl<>(split);
    }

    /** The minimum number of vertices separating {@code t} from {@code s}; -1 when s -> t is an edge (no cut exists). */
    public int cut(NodeId s, NodeId t) {
        if (s.equals(t) || graph.containsEdge(s, t)) {
            return -1;
        }
        return (int) Math.round(flow.getMaximumFlowValue(2 * index.get(s) + 1, 2 * index.get(t)));
    }

    /**
     * Evaluates every non-adjacent pair (focus, x) and (x, focus) for {@code focusPairs} random x per
     * focus vertex, plus {@code randomPairs} random pairs.
     */
    public Result sample(List<NodeId> focus, int focusPairs, int randomPairs, RandomGenerator rng) {
        int min = Integer.MAX_VALUE;
        NodeId minFrom = null;
        NodeId minTo = null;
        int pairs = 0;
        long sum = 0;
        List<NodeId[]> todo = new ArrayList<>();
        for (NodeId f : focus) {
            for (int i = 0; i < focusPairs; i++) {
                NodeId x = vertices.get(rng.nextInt(vertices.size()));
                todo.add(new NodeId[] {f, x});
                todo.add(new NodeId[] {x, f});
            }
        }
        for (int i = 0; i < randomPairs; i++) {
            todo.add(new NodeId[] {vertices.get(rng.nextInt(vertices.size())), vertices.get(rng.nextInt(vertices.size()))});
        }
        for (NodeId[] p : todo) {
            int c = cut(p[0], p[1]);
            if (c < 0) {
                continue;
            }
            pairs++;
            sum += c;
            if (c < min) {
                min = c;
                minFrom = p[0];
                minTo = p[1];
            }
        }
        return new Result(pairs == 0 ? -1 : min, minFrom, minTo, pairs, pairs == 0 ? Double.NaN : (double) sum / pairs);
    }
}
