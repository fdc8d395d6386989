package io.p2ptestbed.overlay.gnutella;

import java.util.Arrays;

/**
 * A servent's routing and duplicate table: descriptor ids (16 bytes, as two longs) to the connection state a
 * descriptor came from, or to "this node" ({@link #put} with {@code null}). Open addressing with linear
 * probing over parallel primitive arrays, so a lookup on the flood path allocates nothing and boxes nothing
 * (one check per received query). Lookups never depend on iteration order; the table is never iterated.
 */
final class GuidTable<V> {

    /** The value stored for "seen, from this node". */
    private static final Object SELF = new Object();

    /** Key i at [2i] (high half) and [2i + 1] (low half), together, so a lookup touches one array; (0, 0) marks a free slot. */
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;
    /** The all-zero id, which cannot sit in the array (it marks free slots): its value, or null when absent. */
    private Object zeroValue;

    GuidTable() {
        allocate(16);
    }

    private void allocate(int capacity) {
        keys = new long[2 * capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        size = 0;
        zeroValue = null;
    }

    private static int hash(long hi, long lo) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ lo;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 29));
    }

    /** The slot holding the id, or the free slot where it would go (for a non-zero id). */
    private int slot(long hi, long lo) {
        int i = hash(hi, lo) & mask;
        while (true) {
            long h = keys[2 * i];
            long l = keys[2 * i + 1];
            if ((h == hi && l == lo) || (h == 0 && l == 0)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    boolean contains(long hi, long lo) {
        if (hi == 0 && lo == 0) {
            return zeroValue != null;
        }
        int i = slot(hi, lo);
        return keys[2 * i] != 0 || keys[2 * i + 1] != 0;
    }

    /** The value of a known id; null for an unknown id and for this node's own. */
    @SuppressWarnings("unchecked")
    V get(long hi, long lo) {
        Object v = hi == 0 && lo == 0 ? zeroValue : values[slot(hi, lo)];
        return v == SELF ? null : (V) v;
    }

    /** Records an id as coming from {@code from} (null: from this node), replacing what was there. */
    void put(long hi, long lo, V from) {
        Object v = from == null ? SELF : from;
        if (hi == 0 && lo == 0) {
            zeroValue = v;
            return;
        }
        int i = slot(hi, lo);
        if (keys[2 * i] == 0 && keys[2 * i + 1] == 0) {
            if (2 * (size + 1) > values.length) {
                grow();
                i = slot(hi, lo);
            }
            keys[2 * i] = hi;
            keys[2 * i + 1] = lo;
            size++;
        }
        values[i] = v;
    }

    private void grow() {
        long[] k = keys;
        Object[] v = values;
        Object zero = zeroValue;
        allocate(values.length * 2);
        zeroValue = zero;
        for (int j = 0; j < v.length; j++) {
            if (k[2 * j] != 0 || k[2 * j + 1] != 0) {
                int i = slot(k[2 * j], k[2 * j + 1]);
                keys[2 * i] = k[2 * j];
                keys[2 * i + 1] = k[2 * j + 1];
                values[i] = v[j];
                size++;
            }
        }
    }

    int size() {
        return size;
    }

    /** Forgets every id, keeping the arrays unless they grew large (a burst is not held on to). */
    void clear() {
        if (values.length > 1024 && 4 * size < values.length) {
            allocate(Math.max(16, Integer.highestOneBit(Math.max(1, size)) * 4));
            return;
        }
        Arrays.fill(keys, 0);
        Arrays.fill(values, null);
        size = 0;
        zeroValue = null;
    }
}
