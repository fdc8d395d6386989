package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One node of any overlay, as the harness sees it. Every method runs on the node's scheduler thread (the
 * virtual-time loop in simulation, its event loop on sockets); the harness hops onto it.
 */
public interface OverlayNode {

    /** The registered name of the node's protocol, e.g. {@code kademlia} or {@code chord}. */
    String protocol();

    NodeId id();

    NodeAddress address();

    default Contact contact() {
        return new Contact(id(), address());
    }

    /** Opens the node for traffic (binds its handler, starts its timers). */
    void start();

    /** Joins the overlay through any of the seeds; completes when the node has taken its place. */
    CompletableFuture<Void> join(List<NodeAddress> seeds);

    /** Leaves: stops timers and answers nothing more. Idempotent. */
    void stop();

    boolean isRunning();

    /** The node's out-edges of the overlay graph: routing table, successors and fingers, peers, ... */
    List<Contact> neighbours();

    /** A snapshot of the node's counters, defence counters included. */
    Map<String, Long> counters();

    Scheduler scheduler();

    /**
     * A capability of this node: {@link KeyRouting}, {@link ValueStore}, {@link Guards}, or a
     * protocol-specific interface. Empty when the node does not offer it.
     */
    <C> Optional<C> capability(Class<C> type);

    /** The capability, or an {@link UnsupportedCapabilityException} naming the protocol and what was asked. */
    default <C> C require(Class<C> type, String forWhat) {
        return capability(type).orElseThrow(() -> new UnsupportedCapabilityException(protocol(), type, forWhat));
    }
}
