package io.p2ptestbed.overlay.pastry;

/** A node's counters; {@link #key()} is the name in {@code counters()}. Kept in a long[] per node. */
public enum PastryCounter {
    SENT("pastry.sent"),
    RECEIVED("pastry.received"),
    MALFORMED("pastry.malformed"),
    TIMEOUTS("pastry.timeouts"),
    UNMATCHED_REPLIES("pastry.replies.unmatched"),
    /** Replies that came after their request had timed out (their round trip still adapts the timeout). */
    LATE_REPLIES("pastry.replies.late"),
    REFUSED_INBOUND("pastry.refused.inbound"),
    REFUSED_NEIGHBOUR("pastry.refused.neighbour"),
    ROUTES("pastry.routes"),
    ROUTES_FAILED("pastry.routes.failed"),
    FORWARDED("pastry.forwarded"),
    DELIVERED("pastry.delivered"),
    RARE_CASE("pastry.route.rareCase"),
    HOP_FAILED("pastry.route.hopFailed"),
    LEAF_FAILED("pastry.leaf.failed"),
    LEAF_REPAIRS("pastry.leaf.repairs"),
    TABLE_FAILED("pastry.table.failed"),
    TABLE_REPAIRS("pastry.table.repairs"),
    PROXIMITY_PROBES("pastry.proximity.probes"),
    PROXIMITY_REPLACED("pastry.proximity.replaced"),
    JOINS("pastry.joins"),
    JOIN_FAILURES("pastry.joins.failed"),
    /** Defence counters ({@code defence.*}, summed over the honest nodes by the neutral defence steps). */
    REFUSED_UNBOUND("defence.pastry.refused_unbound"),
    REDUNDANT_ROUTES("defence.pastry.redundant_routes"),
    FAILURE_TEST_FAILED("defence.pastry.failure_test_failed"),
    /** Neighbour-set anycast: answers refused (they name an uncertified contact). */
    ANYCAST_REJECTED("defence.pastry.anycast_rejected"),
    /** Neighbour-set anycast: answers flagged by the density test (sparser than gamma allows; kept). */
    ANYCAST_SPARSE("defence.pastry.anycast_sparse"),
    /** Neighbour-set anycast: rounds of asking the candidate replica roots after the anycast itself. */
    ANYCAST_ROUNDS("defence.pastry.anycast_rounds");

    private final String key;

    PastryCounter(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
