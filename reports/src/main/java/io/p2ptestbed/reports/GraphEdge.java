package io.p2ptestbed.reports;

import java.util.Objects;

/**
 * A directed routing entry: node {@code from} has {@code to} in its routing table.
 *
 * @param adversarial the entry is the adversary's even though {@code to} is not drawn as an attacker
 *                    (e.g. an honest id with a forged attacker address); an entry to an attacker node is
 *                    adversarial anyway, see {@link OverlayGraph#isAdversarial}
 */
public record GraphEdge(String from, String to, boolean adversarial) {
    public GraphEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public GraphEdge(String from, String to) {
        this(from, to, false);
    }

    /** Stable edge id used in GraphStream, DGS and exports. */
    public String id() {
        return from + "->" + to;
    }
}
