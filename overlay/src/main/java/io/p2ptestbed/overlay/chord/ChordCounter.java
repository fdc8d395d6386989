package io.p2ptestbed.overlay.chord;

/** A node's counters; {@link #key()} is the name in {@code counters()}. Kept in a long[] per node. */
public enum ChordCounter {
    SENT("chord.sent"),
    RECEIVED("chord.received"),
    MALFORMED("chord.malformed"),
    ERRORS_SENT("chord.errors.sent"),
    ERRORS_RECEIVED("chord.errors.received"),
    TIMEOUTS("chord.timeouts"),
    UNMATCHED_REPLIES("chord.replies.unmatched"),
    LOOKUPS("chord.lookups"),
    LOOKUP_FAILURES("chord.lookups.failed"),
    LOOKUP_BAD_PROGRESS("chord.lookups.badProgress"),
    REFUSED_INBOUND("chord.refused.inbound"),
    REFUSED_BIND("chord.refused.bindIds"),
    REFUSED_NEIGHBOUR("chord.refused.neighbour"),
    VERIFY_PINGS("chord.verify.pings"),
    VERIFY_FAILED("chord.verify.failed"),
    VERIFY_INCONSISTENT("chord.verify.inconsistent"),
    SUCCESSOR_FAILED("chord.successor.failed"),
    PREDECESSOR_FAILED("chord.predecessor.failed"),
    KEYS_HANDED_OVER("chord.keys.handedOver"),
    KEYS_RECEIVED("chord.keys.received"),
    CROSS_CHECK_DISAGREED("chord.crossCheck.disagreed"),
    RING_REPAIRS("chord.ring.repairs"),
    REJOINS("chord.rejoins"),
    REUNION_LOOKUPS("chord.reunion.lookups"),
    REUNIONS("chord.reunion.adopted");

    private final String key;

    ChordCounter(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
