package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;

/**
 * What a lookup reached.
 *
 * @param key       the key routed to
 * @param reached   the node(s) the lookup ends on, closest first in the overlay's key space (empty on failure)
 * @param hops      overlay hops taken (iterative: rounds of queries on the best path)
 * @param messages  requests sent for this lookup
 * @param failures  requests that timed out or were refused
 * @param startMillis scheduler time at the start
 * @param endMillis   scheduler time at the end
 */
public record RouteResult(NodeId key, List<Contact> reached, int hops, int messages, int failures,
                          long startMillis, long endMillis) {

    public RouteResult {
        reached = List.copyOf(reached);
    }

    public boolean found() {
        return !reached.isEmpty();
    }

    /** The node the lookup names as responsible for the key; null on failure. */
    public Contact owner() {
        return reached.isEmpty() ? null : reached.get(0);
    }

    public long durationMillis() {
        return endMillis - startMillis;
    }
}
