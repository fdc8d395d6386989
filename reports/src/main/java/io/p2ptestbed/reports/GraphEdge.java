package io.p2ptestbed.reports;

import java.util.Objects;

/** A directed routing entry: node {@code from} has {@code to} in its routing table. */
public record GraphEdge(String from, String to) {
    public GraphEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Stable edge id used in GraphStream, DGS and exports. */
    public String id() {
        return from + "->" + to;
    }
}
