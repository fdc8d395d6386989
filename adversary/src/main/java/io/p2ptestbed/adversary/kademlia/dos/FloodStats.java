package io.p2ptestbed.adversary.kademlia.dos;

import java.util.Map;

/**
 * A flood's counters.
 *
 * @param perType     traffic by query type
 * @param startMillis when the first datagram went out (scheduler time), -1 before start
 * @param endMillis   when the flood stopped sending, -1 while running
 * @param finished    whether it stopped (a bound was reached, or {@code stop()} was called)
 */
public record FloodStats(Map<QueryType, TypeStats> perType, long startMillis, long endMillis, boolean finished) {

    public FloodStats {
        perType = Map.copyOf(perType);
    }

    public TypeStats total() {
        return perType.values().stream().reduce(TypeStats.ZERO, TypeStats::plus);
    }

    public long sent() {
        return total().sent();
    }

    /** Replies of either kind ("r" or "e") received from the target. */
    public long answered() {
        TypeStats t = total();
        return t.answered() + t.errors();
    }

    public TypeStats of(QueryType t) {
        return perType.getOrDefault(t, TypeStats.ZERO);
    }
}
