package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.Map;

/** A node of a running scenario, as the harness sees it, whatever the runtime. */
public interface NodeHandle {

    int index();

    NodeId id();

    NodeAddress address();

    boolean alive();

    /** A snapshot of the node's routing table. */
    List<Contact> routingContacts();

    /** A snapshot of the node's counters (including defence counters). */
    Map<String, Long> stats();

    /**
     * The node's ring neighbours (successors, predecessor) on ring overlays; empty on overlays without a
     * ring or runtimes that cannot read them.
     */
    default java.util.Optional<RingSnapshot> ring() {
        return java.util.Optional.empty();
    }

    /** A copy of a node's ring neighbours. */
    record RingSnapshot(List<Contact> successors, Contact predecessor) {}

    default Contact contact() {
        return new Contact(id(), address());
    }
}
