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
                lastId = id;
                lastIndex = i;
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Where the last {@link #lookup} of {@link #lastId} ended (its entry, or the empty entry where it would go), so
     * that the {@link #have} or {@link #add} that follows it writes there without probing again (session 18).
     */
    private long lastId;
    private int lastIndex = -1;

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
        if (frameOrPending instanceof byte[]) {
            markHave(id);
        }
        return packed;
    }

    private void put(long id, long value) {
        int at = lastIndex;
        if (at >= 0 && lastId == id && (table[2 * at + 1] == 0 || table[2 * at] == id)) {
            table[2 * at] = id; // where the lookup just before ended (the table has not changed since: see rehash)
            table[2 * at + 1] = value;
            return;
        }
        int i = home(id);
        while (table[2 * i + 1] != 0 && table[2 * i] != id) {
            i = (i + 1) & mask;
        }
        table[2 * i] = id;
        table[2 * i + 1] = value;
    }

    private void rehash(int capacity) {
        lastIndex = -1;
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
        markHave(id);
    }

    /** Words of {@link #haveBits} at most (65,536 item numbers, 8 kB): beyond, items are only in the table. */
    static final int MAX_HAVE_WORDS = 1 << 10;
    /** Numbers below an item's are kept in the first window (items published a little earlier, arriving later). */
    private static final long WINDOW_BEHIND = 1024;

    /**
     * Session 18: one bit per {@link ItemNumbers item number} from {@link #haveBase}, set when the node has the item
     * (it is in this generation with {@link #HAVE}). Never set otherwise, so a set bit answers "have it?" without the
     * table; an item whose number falls outside the window (or has none) is only in the table.
     */
    private long[] haveBits;
    private long haveBase;

    private void markHave(long id) {
        long n = ItemNumbers.intern(id);
        long[] bits = haveBits;
        if (bits == null) {
            haveBase = Math.max(0, n - WINDOW_BEHIND) & ~63L;
            bits = haveBits = new long[(int) ((n - haveBase) >>> 6) + 16];
        } else if (n < haveBase || n - haveBase >= 64L * bits.length) {
            long base = Math.min(haveBase, Math.max(0, n - WINDOW_BEHIND) & ~63L);
            long end = Math.max(haveBase + 64L * bits.length, n + 1);
            long words = (end - base + 63) >>> 6;
            if (words > MAX_HAVE_WORDS) {
                return; // too far from the others: the table alone answers for it
            }
            long[] grown = new long[(int) Math.min(MAX_HAVE_WORDS, Math.max(words, 2L * bits.length))];
            System.arraycopy(bits, 0, grown, (int) ((haveBase - base) >>> 6), bits.length);
            haveBits = bits = grown;
            haveBase = base;
        }
        long i = n - haveBase;
        bits[(int) (i >>> 6)] |= 1L << i;
    }

    /** Whether the node surely has the item numbered {@code number} (false: ask the table). */
    boolean surelyHas(long number) {
        long[] bits = haveBits;
        if (bits == null) {
            return false;
        }
        long i = number - haveBase;
        return i >= 0 && i < 64L * bits.length && (bits[(int) (i >>> 6)] & 1L << i) != 0;
    }

    /** Bytes held (arrays and table; the frames themselves are shared): an estimate for benchmarks. */
    long footprintBytes() {
        return 16L + state.length * 4L + table.length * 8L + (haveBits == null ? 0 : 16L + haveBits.length * 8L);
    }
}
