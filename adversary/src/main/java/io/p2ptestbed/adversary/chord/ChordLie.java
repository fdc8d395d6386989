package io.p2ptestbed.adversary.chord;

/** What a colluding Chord node lies about (it otherwise runs the honest protocol, so it stays in the ring). */
public enum ChordLie {
    /** Honest: a Sybil that only wants to sit at a chosen place on the ring. */
    NONE,
    /** Answers no lookup step: queriers time out at it and must route around. */
    DROP_LOOKUPS,
    /**
     * Claims every key it is asked about: each lookup step it serves answers "done, the successor is" the
     * colluder closest clockwise after the key, so the querier ends at a colluder that does not own the key.
     */
    CLAIM_KEYS,
    /**
     * Poisons successor lists: every predecessor or successor-list reply carries, after its honest first
     * entry, made-up contacts (plausible ids just after the liar, addresses where nobody listens).
     */
    POISON_LISTS
}
