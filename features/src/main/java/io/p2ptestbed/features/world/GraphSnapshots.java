package io.p2ptestbed.features.world;

import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.reports.GraphEdge;
import io.p2ptestbed.reports.GraphNode;
import io.p2ptestbed.reports.OverlayGraph;
import io.p2ptestbed.reports.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a running network into the reports module's neutral graph: nodes with roles, routing edges.
 *
 * <p>Networks above {@value #FULL_GRAPH_LIMIT} nodes are sampled before they become a frame (the
 * renderer draws a few hundred nodes anyway, and a 10,000-node frame would hold millions of edges in
 * memory for the whole run): victims, every node a victim routes to, and every n-th node by index, with
 * only the edges among the kept nodes and to attackers.
 */
public final class GraphSnapshots {

    public static final int FULL_GRAPH_LIMIT = 2_000;
    static final int SAMPLE_TARGET = 1_000;

    private GraphSnapshots() {}

    /**
     * @param victims   ids drawn as victims
     * @param attackers contacts drawn as attackers (Sybils are not harness nodes, so they come as contacts;
     *                  a member of the network that turned adversarial is drawn as an attacker too)
     */
    public static OverlayGraph of(NetworkRuntime rt, Set<NodeId> victims, Set<Contact> attackers) {
        List<? extends NodeHandle> all = rt.nodes();
        Set<NodeId> attackerIds = new HashSet<>();
        Set<Object> attackerAddresses = new HashSet<>();
        attackers.forEach(a -> {
            attackerIds.add(a.id());
            attackerAddresses.add(a.address());
        });
        List<NodeHandle> kept = keep(all, victims);
        // unstructured overlays: nodes named by index, not by key-space id, so reports draw them force-directed
        boolean structured = rt.keySpace().structured();
        Map<NodeId, String> names = new java.util.HashMap<>();
        for (NodeHandle n : all) {
            names.put(n.id(), structured ? n.id().toHex() : "node-" + n.index());
        }
        java.util.function.Function<Contact, String> name = c -> names.getOrDefault(c.id(),
                structured ? c.id().toHex() : "peer-" + c.id().toHex());
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        List<GraphEdge> edges = new ArrayList<>();
        for (NodeHandle n : kept) {
            Role role = attackerIds.contains(n.id()) ? Role.ATTACKER
                    : !n.alive() ? Role.FAILED : victims.contains(n.id()) ? Role.VICTIM : Role.HONEST;
            nodes.put(names.get(n.id()), new GraphNode(names.get(n.id()), role, "n" + n.index(), String.valueOf(n.address())));
        }
        for (Contact a : attackers) {
            nodes.putIfAbsent(name.apply(a), new GraphNode(name.apply(a), Role.ATTACKER, "sybil " + a.address(),
                    String.valueOf(a.address())));
        }
        boolean sampled = kept.size() < all.size();
        for (NodeHandle n : kept) {
            if (!n.alive()) {
                continue;
            }
            for (Contact c : n.routingContacts()) {
                String to = name.apply(c);
                if (!nodes.containsKey(to)) {
                    if (sampled) {
                        continue;
                    }
                    nodes.put(to, new GraphNode(to, Role.FAILED, "unknown " + c.address(), String.valueOf(c.address())));
                }
                // the adversary's entry as ground truth counts it: an attacker's id or an attacker's address
                edges.add(new GraphEdge(names.get(n.id()), to, attackerIds.contains(c.id()) || attackerAddresses.contains(c.address())));
            }
        }
        return new OverlayGraph(new ArrayList<>(nodes.values()), edges);
    }

    private static List<NodeHandle> keep(List<? extends NodeHandle> all, Set<NodeId> victims) {
        if (all.size() <= FULL_GRAPH_LIMIT) {
            return new ArrayList<>(all);
        }
        int step = (all.size() + SAMPLE_TARGET - 1) / SAMPLE_TARGET;
        Set<NodeId> neighbours = new HashSet<>();
        for (NodeHandle n : all) {
            if (victims.contains(n.id()) && n.alive()) {
                n.routingContacts().forEach(c -> neighbours.add(c.id()));
            }
        }
        List<NodeHandle> kept = new ArrayList<>();
        for (NodeHandle n : all) {
            if (n.index() % step == 0 || victims.contains(n.id()) || neighbours.contains(n.id())) {
                kept.add(n);
            }
        }
        return kept;
    }
}
