package io.p2ptestbed.adversary.kademlia.dos;

import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.overlay.id.NodeId;

/** Which node id a flood's queries claim as sender ("id" argument). */
public sealed interface SourceIds {

    /** Every query from the same spoofed id. */
    record Fixed(NodeId id) implements SourceIds {}

    /** Ids rotated round-robin through a pool of {@code size} random ids. */
    record Pool(int size) implements SourceIds {
        public Pool {
            if (size < 1 || size > 1_000_000) {
                throw new IllegalArgumentException("id pool size must be in [1, 1000000], got " + size);
            }
        }
    }

    /**
     * A fresh id for every query, drawn in {@code placement}: routing-table churn pressure, every query
     * offers the victim a contact it has never seen.
     */
    record Fresh(Placement placement) implements SourceIds {}
}
