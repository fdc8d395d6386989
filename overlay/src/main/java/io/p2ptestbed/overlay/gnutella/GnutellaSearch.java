package io.p2ptestbed.overlay.gnutella;

import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * Gnutella's own capability: start a query (flooded, or sent with random walkers) and hear every query hit
 * that comes back to this node, with its arrival time, to measure the response storm at the querier.
 */
public interface GnutellaSearch {

    /** Starts a query for {@code criteria} (space-separated keywords) with {@code ttl}; returns its message id. */
    long query(String criteria, int ttl);

    void addHitListener(HitListener listener);

    @FunctionalInterface
    interface HitListener {
        void hit(Hit hit);
    }

    /**
     * One query hit arrived at the querier.
     *
     * @param messageId the query's message id
     * @param responder the responding servent's address (from the hit)
     * @param results   results it carried
     * @param hops      hops it travelled
     * @param atMillis  scheduler time of arrival
     */
    record Hit(long messageId, NodeAddress responder, int results, int hops, long atMillis) {}
}
