package io.p2ptestbed.reports;

/** What a node is in a rendered scenario. Drives colour, size and export attributes. */
public enum Role {
    /** Ordinary, well-behaved peer. */
    HONEST,
    /** Node controlled by the adversary (e.g. a Sybil identity). */
    ATTACKER,
    /** Node the attack targets (e.g. the node being eclipsed). */
    VICTIM,
    /** Crashed, partitioned away or departed node. */
    FAILED
}
