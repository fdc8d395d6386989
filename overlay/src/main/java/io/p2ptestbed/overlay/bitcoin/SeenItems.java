package io.p2ptestbed.overlay.bitcoin;

import java.util.Arrays;

/**
 * One generation of a node's seen cache (Core's relay state for transactions and blocks), without an object per
 * item: the 64-bit item id maps to a table entry that holds the item's base type and hop count and a slot in an array
 * that holds either the encoded {@code tx}/{@code block} frame (once the node has the item; the very bytes it arrived in, shared with
 * the peers that sent it in the simulator) or, while it is only announced and asked for, the node's request state
 * for it (any object that is not a byte[]). A node keeps two generations and drops the older one every
 * {@code seenMillis}, as before. Never iterated.
 *
 * <p>The id-to-slot map is one open-addressing table (linear probing) whose entries are two adjacent longs, the id
 * and a packed value (a used bit, a "have" bit, the slot), so that the relay's commonest question, "do I have this
 * announced item already?", reads one cache line of one array (session 11: the hppc map it replaced kept keys and
 * values in two arrays, and the answer needed the slot's state as well: three or four cache misses per inventory
 * entry, the relay's largest cost). Session 14: the type and hop count moved from an array of their own into the
 * packed value, so that a delivery reads them from the same cache line.
 */
final class SeenItems {

    /** In a packed value: the node has the item (its frame is in the slot). */
    static final long HAVE = 1L << 32;
    /** In a packed value: the entry is in use (0 = an empty table entry). */
    private static final long USED = 1L << 33;

    /** In a packed value: where the base type (16 bits) and then the hop count (8 bits) start. */
    private static final int META_SHIFT = 34;

    /** table[2i] = an item id, table[2i + 1] = hops, type, USED, HAVE (if had) and slot, packed; 0 when empty. */
    private long[] table = new long[2 * 64];
    private int mask = 63;
    private int size;
    /** Per slot: the frame (byte[]) once the node has the item, else its request state. */
    private Object[] state = new Object[16];

    private int home(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /**
     * The item's packed value ({@link #HAVE} bit, slot in the low 32 bits: {@link #slotOf}, {@link #typeOf},
     * {@link #hopsOf}), or 0 when absent.
     */
    long lookup(long id) {
        long[] t = table;
        int i = home(id);
        while (true) {
            long v = t[2 * i + 1];
            if (v == 0 || t[2 * i] == id) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Reads the table entry where {@code id} would be found first, and nothing more: a node touches the entries of a
     * whole inv frame before it looks them up one by one, so that their cache misses overlap instead of coming one
     * after another (the lookups are the relay's largest cost).
     */
    long touch(long id) {
        return table[2 * home(id) + 1];
    }

    static int slotOf(long packed) {
        return (int) packed;
    }

    /** The item's base type, from its packed value. */
    static int typeOf(long packed) {
        return (int) (packed >>> META_SHIFT) & 0xFFFF;
    }

    /** The item's hop count, from its packed value. */
    static int hopsOf(long packed) {
        return (int) (packed >>> (META_SHIFT + 16)) & 0xFF;
    }

    /** The slot of an item, or -1. */
    int find(long id) {
        long v = lookup(id);
        return v == 0 ? -1 : slotOf(v);
    }

    /** Adds an item (not present) and returns its slot. */
    int add(long id, int type, int hops, Object frameOrPending) {
        return slotOf(addPacked(id, type, hops, frameOrPending));
    }

    /** Adds an item (not present) and returns its packed value (as {@link #lookup} would). */
    long addPacked(long id, int type, int hops, Object frameOrPending) {
        if (size == state.length) {
            state = Arrays.copyOf(state, size + (size >> 1));
        }
        int s = size++;
        state[s] = frameOrPending;
        if (size * 4L > (mask + 1) * 3L) {
            rehash(2 * (mask + 1));
        }
        long packed = (long) Math.min(255, hops) << (META_SHIFT + 16) | (long) (type & 0xFFFF) << META_SHIFT | USED
                | (frameOrPending instanceof byte[] ? HAVE : 0) | s;
        put(id, packed);
        return packed;
    }

    private void put(long id, long value) {
        int i = home(id);
        while (table[2 * i + 1] != 0 && table[2 * i] != id) {
            i = (i + 1) & mask;
        }
        table[2 * i] = id;
        table[2 * i + 1] = value;
    }

    private void rehash(int capacity) {
        long[] old = table;
        table = new long[2 * capacity];
        mask = capacity - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                put(old[i], old[i + 1]);
            }
        }
    }

    int size() {
        return size;
    }


    /** The item's frame, or null while it is pending. */
    byte[] frame(int slot) {
        return state[slot] instanceof byte[] f ? f : null;
    }

    /** The item's request state, or null once the node has it. */
    Object pending(int slot) {
        Object o = state[slot];
        return o instanceof byte[] ? null : o;
    }

    /** The node has the item {@code id} (whose packed value is {@code packed}) now: its frame replaces the request state. */
    void have(long id, long packed, byte[] frame) {
        state[slotOf(packed)] = frame;
        put(id, packed | HAVE);
    }

    /** Bytes held (arrays and table; the frames themselves are shared): an estimate for benchmarks. */
    long footprintBytes() {
        return 16L + state.length * 4L + table.length * 8L;
    }
}
