package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeAddress;
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

    /**
     * Adds a listener that sees every answer that comes back to this node for a message it published: a search
     * overlay's replies (Gnutella's query hits at the querier: the response storm). Overlays whose broadcasts are not
     * answered keep this default, which never calls the listener. Listeners run on the node's scheduler thread.
     */
    default void addAnswerListener(AnswerListener listener) {}

    @FunctionalInterface
    interface AnswerListener {
        void answered(Answer answer);
    }

    /**
     * One answer to a message this node published, as it arrived here.
     *
     * @param messageId the id {@link #publish} returned
     * @param responder the node that answered (as the answer names it)
     * @param results   results it carried
     * @param hops      overlay hops it travelled
     * @param atMillis  scheduler time of arrival
     */
    record Answer(long messageId, NodeAddress responder, int results, int hops, long atMillis) {}
}
