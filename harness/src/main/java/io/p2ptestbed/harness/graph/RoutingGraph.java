package io.p2ptestbed.harness.graph;

import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The overlay as a JGraphT directed graph: an edge u -> v when v is in u's routing table. Only edges
 * between the given nodes are kept, so passing the honest nodes yields the honest subgraph.
 */
public final class RoutingGraph {

    private final Graph<NodeId, DefaultEdge> graph;

    private RoutingGraph(Graph<NodeId, DefaultEdge> graph) {
        this.graph = graph;
    }

    public static RoutingGraph of(Collection<? extends NodeHandle> nodes) {
        Graph<NodeId, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        nodes.forEach(n -> g.addVertex(n.id()));
        for (NodeHandle n : nodes) {
            for (Contact c : n.routingContacts()) {
                if (g.containsVertex(c.id()) && !c.id().equals(n.id())) {
                    g.addEdge(n.id(), c.id());
                }
            }
        }
        return new RoutingGraph(g);
    }

    public Graph<NodeId, DefaultEdge> graph() {
        return graph;
    }

    public int vertexCount() {
        return graph.vertexSet().size();
    }

    public int edgeCount() {
        return graph.edgeSet().size();
    }

    public List<java.util.Set<NodeId>> stronglyConnectedComponents() {
        return new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
    }

    public int stronglyConnectedComponentCount() {
        return stronglyConnectedComponents().size();
    }

    /** In-degree histogram: degree -> number of vertices. */
    public Map<Integer, Integer> inDegreeDistribution() {
        Map<Integer, Integer> h = new TreeMap<>();
        graph.vertexSet().forEach(v -> h.merge(graph.inDegreeOf(v), 1, Integer::sum));
        return h;
    }

    public int minInDegree() {
        return graph.vertexSet().stream().mapToInt(graph::inDegreeOf).min().orElse(0);
    }

    /**
     * BFS shortest paths from {@code sources} random vertices: returns [mean path length, max path length
     * (a lower bound on the diameter), unreachable pairs].
     */
    public double[] sampledPathLengths(int sources, RandomGenerator rng) {
        List<NodeId> vertices = new ArrayList<>(graph.vertexSet());
        vertices.sort(null);
        long sum = 0;
        long pairs = 0;
        int max = 0;
        long unreachable = 0;
        for (int s = 0; s < Math.min(sources, vertices.size()); s++) {
            NodeId src = vertices.get(rng.nextInt(vertices.size()));
            Map<NodeId, Integer> dist = new HashMap<>();
            ArrayDeque<NodeId> queue = new ArrayDeque<>();
            dist.put(src, 0);
            queue.add(src);
            while (!queue.isEmpty()) {
                NodeId u = queue.poll();
                int d = dist.get(u);
                for (NodeId v : Graphs.successorListOf(graph, u)) {
                    if (!dist.containsKey(v)) {
                        dist.put(v, d + 1);
                        queue.add(v);
                    }
                }
            }
            for (int d : dist.values()) {
                sum += d;
                max = Math.max(max, d);
            }
            pairs += dist.size() - 1;
            unreachable += vertices.size() - dist.size();
        }
        return new double[] {pairs == 0 ? 0 : (double) sum / pairs, max, unreachable};
    }
}
