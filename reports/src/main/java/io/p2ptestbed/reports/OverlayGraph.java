package io.p2ptestbed.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Neutral, immutable routing graph: nodes with roles, directed edges = routing-table entries.
 * Duplicate edges are collapsed. The canonical constructor rejects edges to unknown nodes; use
 * {@link #lenient} when routing tables may still point at nodes the snapshot does not list.
 */
public record OverlayGraph(List<GraphNode> nodes, List<GraphEdge> edges) {

    public OverlayGraph {
        nodes = List.copyOf(nodes);
        Map<String, GraphEdge> unique = new LinkedHashMap<>();
        edges.forEach(e -> unique.putIfAbsent(e.id(), e));
        edges = List.copyOf(unique.values());
        Set<String> ids = new LinkedHashSet<>();
        for (GraphNode n : nodes) {
            if (!ids.add(n.id())) {
                throw new IllegalArgumentException("duplicate node id " + n.id());
            }
        }
        for (GraphEdge e : edges) {
            if (!ids.contains(e.from()) || !ids.contains(e.to())) {
                throw new IllegalArgumentException("edge " + e.id() + " references an unknown node");
            }
        }
    }

    /**
     * Builds a graph, adding every edge endpoint that is not among {@code nodes} as a
     * {@link Role#FAILED} node labelled "unknown id" (a stale routing entry to a departed node).
     */
    public static OverlayGraph lenient(Collection<GraphNode> nodes, Collection<GraphEdge> edges) {
        Map<String, GraphNode> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.putIfAbsent(n.id(), n));
        for (GraphEdge e : edges) {
            for (String id : List.of(e.from(), e.to())) {
                byId.computeIfAbsent(id, k -> new GraphNode(k, Role.FAILED, "unknown " + k));
            }
        }
        return new OverlayGraph(new ArrayList<>(byId.values()), new ArrayList<>(edges));
    }

    public Map<String, GraphNode> nodesById() {
        Map<String, GraphNode> map = new LinkedHashMap<>();
        nodes.forEach(n -> map.put(n.id(), n));
        return map;
    }

    public List<GraphNode> nodesWithRole(Role role) {
        return nodes.stream().filter(n -> n.role() == role).toList();
    }

    /** Ids this node has routing entries for. */
    public Set<String> outNeighbours(String id) {
        Set<String> out = new LinkedHashSet<>();
        edges.stream().filter(e -> e.from().equals(id)).forEach(e -> out.add(e.to()));
        return out;
    }

    /** Ids of nodes that have a routing entry for this node. */
    public Set<String> inNeighbours(String id) {
        Set<String> in = new LinkedHashSet<>();
        edges.stream().filter(e -> e.to().equals(id)).forEach(e -> in.add(e.from()));
        return in;
    }

    /**
     * Share of a node's routing entries that are the adversary's (point to an attacker, or are flagged
     * {@link GraphEdge#adversarial}): 1.0 means fully eclipsed, NaN if the node has no routing entries.
     */
    public double attackerShareOfRoutes(String id) {
        Map<String, Role> roles = new HashMap<>();
        nodes.forEach(n -> roles.put(n.id(), n.role()));
        List<GraphEdge> out = edges.stream().filter(e -> e.from().equals(id)).toList();
        if (out.isEmpty()) {
            return Double.NaN;
        }
        long bad = out.stream().filter(e -> isAdversarial(e, roles)).count();
        return (double) bad / out.size();
    }

    /** An entry is the adversary's if it points to an attacker or is flagged so (forged address). */
    public static boolean isAdversarial(GraphEdge e, Map<String, Role> roles) {
        return e.adversarial() || roles.get(e.to()) == Role.ATTACKER;
    }
}
