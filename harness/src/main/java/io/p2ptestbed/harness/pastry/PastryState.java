package io.p2ptestbed.harness.pastry;

import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.node.control.ControlJson;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.pastry.PastryView;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Pastry node's state as Rowstron and Druschel define it (leaf set, neighbourhood set, routing-table rows), read
 * the same way on every runtime: in the JVM through {@link PastryView} on the node's own thread, in a container
 * through its node host's {@code GET /v1/pastry/state}.
 */
public record PastryState(List<Contact> leafSet, List<Contact> neighbourhoodSet, List<List<Contact>> rows) {

    /** Every routing-table entry, row by row. */
    public List<Contact> tableEntries() {
        List<Contact> all = new ArrayList<>();
        rows.forEach(all::addAll);
        return all;
    }

    /** The state of {@code node} on {@code rt}; a clear refusal where the runtime or the overlay cannot say. */
    public static PastryState of(NetworkRuntime rt, NodeHandle node) {
        if (rt instanceof LocalRuntime local) {
            return local.onOverlay((LocalNode) node, o -> {
                PastryView v = o.capability(PastryView.class).orElseThrow(() -> new UnsupportedCapabilityException(
                        "the leaf set, neighbourhood set and routing table are Pastry's; this network runs " + o.protocol()));
                List<List<Contact>> rows = new ArrayList<>();
                for (int r = 0; r < v.config().rows(); r++) {
                    rows.add(List.copyOf(v.row(r)));
                }
                return new PastryState(List.copyOf(v.leafSet()), List.copyOf(v.neighbourhoodSet()), rows);
            });
        }
        if (node instanceof DockerNode d) {
            Fields f = d.control().call("GET", "pastry/state", d.slot(), null);
            List<List<Contact>> rows = new ArrayList<>();
            for (Object row : Fields.list(f.get("rows"), "rows")) {
                rows.add(ControlJson.toContacts(row, "row"));
            }
            return new PastryState(ControlJson.toContacts(f.get("leafSet"), "leafSet"),
                    ControlJson.toContacts(f.get("neighbourhoodSet"), "neighbourhoodSet"), rows);
        }
        throw new UnsupportedCapabilityException("reading Pastry's state reaches nodes in this JVM or in containers; the "
                + rt.kind().label() + " runtime cannot yet");
    }
}
