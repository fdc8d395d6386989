package io.p2ptestbed.overlay.gnutella;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;

/**
 * Gnutella's own capability: start a query (flooded, or sent with random walkers) and hear every query hit
 * that comes back to this node, with its arrival time, to measure the response storm at the querier.
 */
public interface GnutellaSearch {

    /** Starts a query for {@code criteria} (space-separated keywords) with {@code ttl}; returns its message id. */
    long query(String criteria, int ttl);

    /**
     * An attack: starts a query flood from this node, {@code perSecond} queries a second with {@code ttl}, until
     * {@code millis} have passed or {@code perSecond * millis / 1000} queries went out (bounded in rate, count and
     * time: at most {@value #MAX_FLOOD_RATE} a second for at most {@value #MAX_FLOOD_MILLIS} ms). Each query asks
     * for a random string nobody shares. Returns the ids of the queries started so far, a list that grows as
     * the flood runs.
     */
    List<Long> flood(int perSecond, long millis, int ttl);

    int MAX_FLOOD_RATE = 1000;
    long MAX_FLOOD_MILLIS = 600_000;

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
