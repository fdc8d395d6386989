package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.NodeId;

/**
 * A set of node ids kept as primitives (open addressing, linear probing): one flat array instead of a
 * HashSet's node per member. Exact: members compare on all 160 bits. Grows when three quarters full.
 */
final class IdSet {

    private long[] slots; // per slot: hi, mid, lo | 1 << 32 (the flag marks the slot used)
    private int size;

    IdSet(int expected) {
        int cap = 16;
        while (cap * 3 < expected * 4) {
            cap <<= 1;
        }
        slots = new long[cap * 3];
    }

    private static int hash(long hi, long mid, int lo) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (mid * 0xC2B2AE3D27D4EB4FL) ^ lo;
        return (int) (h ^ (h >>> 29));
    }

    /** Adds the id; returns false when it was already present. */
    boolean add(NodeId id) {
        return add(id.hi(), id.mid(), id.lo());
    }

    /** Adds the id with these words (as {@link NodeId#hi}, {@link NodeId#mid}, {@link NodeId#lo}). */
    boolean add(long hi, long mid, int idLo) {
        long lo = (idLo & 0xFFFFFFFFL) | (1L << 32);
        int mask = slots.length / 3 - 1;
        int i = hash(hi, mid, idLo) & mask;
        while (true) {
            int o = i * 3;
            long l = slots[o + 2];
            if (l == 0) {
                slots[o] = hi;
                slots[o + 1] = mid;
                slots[o + 2] = lo;
                if (++size * 4 > (mask + 1) * 3) {
                    grow();
                }
                return true;
            }
            if (l == lo && slots[o] == hi && slots[o + 1] == mid) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length / 3 - 1;
        for (int o = 0; o < old.length; o += 3) {
            if (old[o + 2] != 0) {
                int i = hash(old[o], old[o + 1], (int) old[o + 2]) & mask;
                while (slots[i * 3 + 2] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i * 3] = old[o];
                slots[i * 3 + 1] = old[o + 1];
                slots[i * 3 + 2] = old[o + 2];
            }
        }
    }
}
