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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a running network into the reports module's neutral graph: nodes with roles, routing edges. */
public final class GraphSnapshots {

    private GraphSnapshots() {}

    /**
     * @param victims   ids drawn as victims
     * @param attackers contacts drawn as attackers (Sybils are not harness nodes, so they come as contacts)
     */
    public static OverlayGraph of(NetworkRuntime rt, Set<NodeId> victims, Set<Contact> attackers) {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        List<GraphEdge> edges = new ArrayList<>();
        for (NodeHandle n : rt.nodes()) {
            Role role = !n.alive() ? Role.FAILED : victims.contains(n.id()) ? Role.VICTIM : Role.HONEST;
            nodes.put(n.id().toHex(), new GraphNode(n.id().toHex(), role, "n" + n.index()));
        }
        for (Contact a : attackers) {
            nodes.putIfAbsent(a.id().toHex(), new GraphNode(a.id().toHex(), Role.ATTACKER, "sybil " + a.address()));
        }
        for (NodeHandle n : rt.nodes()) {
            if (!n.alive()) {
                continue;
            }
            for (Contact c : n.routingContacts()) {
                String to = c.id().toHex();
                if (!nodes.containsKey(to)) {
                    nodes.put(to, new GraphNode(to, Role.FAILED, "unknown " + c.address()));
                }
                edges.add(new GraphEdge(n.id().toHex(), to));
            }
        }
        return new OverlayGraph(new ArrayList<>(nodes.values()), edges);
    }
}
