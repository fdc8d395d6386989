package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeId;

/**
 * Broadcast (publish to everyone) for overlays that spread messages: flooding, gossip, epidemics. The
 * harness publishes at one node and observes every delivery at every node, with its hop count and time,
 * to measure coverage, latency percentiles, traffic and residue.
 *
 * <p>All methods run on the node's scheduler thread (the harness hops onto it, as for the other
 * capabilities). A node delivers a given message at most once; later copies are duplicates and show in
 * its counters, not as deliveries.
 */
public interface Broadcast {

    /**
     * Publishes a message from this node. Returns the message's id: a protocol-chosen 64-bit digest of its
     * own message id (a Gnutella GUID, a transaction hash, ...), the same at every node that delivers it.
     * The publishing node counts as delivering it itself, at hop 0.
     */
    long publish(byte[] payload);

    /**
     * Adds a listener that sees every first delivery at this node. Listeners run on the node's scheduler
     * thread and must not block.
     */
    void addDeliveryListener(DeliveryListener listener);

    @FunctionalInterface
    interface DeliveryListener {
        void delivered(Delivery delivery);
    }

    /**
     * One first delivery of a message at a node.
     *
     * @param messageId   the id {@link #publish} returned at the origin
     * @param origin      the node that published it
     * @param at          the node that delivered it
     * @param hops        overlay hops from the origin (0 at the origin)
     * @param atMillis    scheduler time of the delivery
     */
    record Delivery(long messageId, NodeId origin, NodeId at, int hops, long atMillis) {}
}
