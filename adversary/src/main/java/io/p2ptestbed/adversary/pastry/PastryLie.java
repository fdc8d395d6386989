package io.p2ptestbed.adversary.pastry;

/**
 * What a malicious Pastry node does (Castro et al. 2002: malicious nodes collude; they may drop or misroute
 * messages and give bad routing state). It otherwise runs the honest protocol, so it joins, answers pings
 * and stays in honest tables like any node.
 */
public enum PastryLie {
    /** Honest: a node that only sits where it was placed (or turned, but not yet lying). */
    NONE,
    /** Acknowledges every route it is given (so the previous hop does not route around it) and drops it. */
    DROP_ROUTES,
    /**
     * Acknowledges every route and ends it at once: it answers the origin "reached", naming as root and
     * replica set the colluders numerically closest to the key (real nodes: with certified ids it cannot
     * make ids up). Joins are served honestly, so the overlay forms.
     */
    MISROUTE,
    /**
     * Acknowledges every route and ends it at once, answering the origin that made-up contacts, numerically
     * closest to the key, are its root and replica set: ids just around the key, at 127.250.255.x port 7
     * where nobody listens (certified ids refuse them: their ids are not their addresses' hashes).
     */
    FABRICATE,
    /**
     * Id suppression: never names the suppressed nodes in anything it sends (leaf sets, rows, route answers)
     * and never forwards a route to them, so routes that pass it end at the next closest node.
     */
    SUPPRESS,
    /**
     * Bad routing state: every leaf set and row it sends names colluders only (those closest to the asker), and
     * it misroutes like {@link #MISROUTE}.
     */
    POISON,
    /**
     * Singh et al.'s (INFOCOM 2006) Eclipse attacker: it tries to fill honest routing tables with colluders. Every
     * leaf set and row it sends names fellow colluders that fit the asker's routing table (one per slot of the row
     * asked for), it accepts every link (back-pointer) request whatever its bound, and it advertises itself to the
     * honest nodes it has seen; in audits it lies ({@link PastryEclipseTactics}). Routes are served honestly.
     */
    ECLIPSE
}
