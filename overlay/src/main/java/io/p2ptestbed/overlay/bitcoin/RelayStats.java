package io.p2ptestbed.overlay.bitcoin;

import java.util.concurrent.atomic.LongAdder;

/**
 * Measurement only (session 18), off unless {@code -Dtestbed.bitcoin.relayStats=true}: how the received inventory and
 * addr frames fared in the sealed-frame table (found; their slot taken by a later frame; their slot empty; found with
 * other bytes) and how many inv entries a node answered from its have-bits without its seen table, printed to
 * standard error when the JVM exits. When off, {@link #ON} is a constant false and the calls fold away.
 */
final class RelayStats {

    static final boolean ON = Boolean.getBoolean("testbed.bitcoin.relayStats");
    /**
     * The sealed-frame table's slots (a power of two; the property is for measuring only). Session 18: 262,144 instead
     * of 32,768, at which 8.9% of the received frames at N = 3,000 had lost their slot to a later frame before they were
     * read (and were hashed, and not recycled): see docs/benchmarks.md, "Session 18". 3 MB of arrays.
     */
    static final int SEALED_SLOTS = Integer.getInteger("testbed.bitcoin.sealedSlots", 1 << 18);

    static final int FOUND = 0;
    static final int TAKEN = 1;
    static final int EMPTY = 2;
    static final int CHANGED = 3;
    static final int INV_ENTRIES = 4;
    static final int INV_BY_BITS = 5;

    private static final LongAdder[] COUNTS = new LongAdder[6];

    static {
        if (ON) {
            for (int i = 0; i < COUNTS.length; i++) {
                COUNTS[i] = new LongAdder();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.printf(
                    "relay stats: sealed-frame table (%,d slots): %,d received frames found, %,d lost their slot to a "
                            + "later frame, %,d found their slot empty, %,d changed; inv entries %,d, answered by the "
                            + "have-bits %,d%n", SEALED_SLOTS, sum(FOUND), sum(TAKEN), sum(EMPTY), sum(CHANGED),
                    sum(INV_ENTRIES), sum(INV_BY_BITS))));
        }
    }

    private RelayStats() {}

    private static long sum(int what) {
        return COUNTS[what].sum();
    }

    static void count(int what) {
        COUNTS[what].increment();
    }

    static void add(int what, long n) {
        COUNTS[what].add(n);
    }
}
