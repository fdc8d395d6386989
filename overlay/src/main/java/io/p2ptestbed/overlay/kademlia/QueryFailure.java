package io.p2ptestbed.overlay.kademlia;

/** Why a lookup query did not count as an answer. */
public enum QueryFailure {
    /** No reply within the query timeout. */
    TIMEOUT,
    /** A KRPC error reply. */
    ERROR,
    /** A reply whose sender id differs from the id the lookup expected at that address. */
    WRONG_ID
}
