package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.function.Predicate;

/**
 * Where the neutral defences plug into a node: a filter on every inbound request (rate limiting,
 * reputation bans) and a filter on every contact the node is about to take as a neighbour (IP diversity,
 * id-bound-to-address checks).
 */
public interface Guards {

    /** Decides on one inbound request before the protocol handles it. */
    @FunctionalInterface
    interface InboundFilter {
        boolean admit(NodeAddress from, long nowMillis);
    }

    void addInboundFilter(InboundFilter filter);

    /** A contact the predicate refuses never becomes a neighbour (it may still be queried once). */
    void addNeighbourFilter(Predicate<Contact> filter);

    /** Merges a defence's counters into the node's {@link OverlayNode#counters()}. */
    void addCounterSource(java.util.function.Supplier<java.util.Map<String, Long>> source);
}
