package io.p2ptestbed.harness.pastry;

import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.node.control.ControlJson;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.pastry.PastryDegreeView;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Pastry node's degree bound (Singh et al., INFOCOM 2006) as its audits left it: the bound, its back-pointers and
 * the ids its audits banned, read the same way on every runtime: in the JVM through {@link PastryDegreeView} on the
 * node's own thread, in a container through its node host's {@code GET /v1/pastry/degree}. A node without the bound
 * answers bound 0 and empty sets.
 */
public record PastryDegree(int bound, List<Contact> backPointers, Set<NodeId> banned) {

    public static PastryDegree of(NetworkRuntime rt, NodeHandle node) {
        if (rt instanceof LocalRuntime local) {
            return local.onOverlay((LocalNode) node, o -> o.capability(PastryDegreeView.class)
                    .map(d -> new PastryDegree(d.auditConfig().degreeBound(), List.copyOf(d.backPointers()), Set.copyOf(d.banned())))
                    .orElse(new PastryDegree(0, List.of(), Set.of())));
        }
        if (node instanceof DockerNode d) {
            Fields f = d.control().call("GET", "pastry/degree", d.slot(), null);
            Set<NodeId> banned = new HashSet<>();
            for (Object id : Fields.list(f.get("banned"), "banned")) {
                banned.add(NodeId.fromHex(String.valueOf(id)));
            }
            return new PastryDegree((int) f.integer("degreeBound"), ControlJson.toContacts(f.get("backPointers"), "backPointers"),
                    Set.copyOf(banned));
        }
        throw new UnsupportedCapabilityException("reading Pastry's degree bound reaches nodes in this JVM or in containers; the "
                + rt.kind().label() + " runtime cannot yet");
    }
}
