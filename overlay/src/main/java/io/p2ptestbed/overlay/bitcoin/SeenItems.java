package io.p2ptestbed.overlay.bitcoin;

import com.carrotsearch.hppc.LongIntHashMap;
import java.util.Arrays;

/**
 * One generation of a node's seen cache (Core's relay state for transactions and blocks), without an object per
 * item: the 64-bit item id maps (a primitive hppc map) to a slot in parallel arrays that hold the item's base type
 * and hop count, and either the encoded {@code tx}/{@code block} frame (once the node has the item; the very bytes
 * it arrived in, shared with the peers that sent it in the simulator) or, while it is only announced and asked
 * for, the node's request state for it (any object that is not a byte[]). A node keeps two generations and drops the older one every
 * {@code seenMillis}, as before. Never iterated.
 */
final class SeenItems {

    private final LongIntHashMap slots = new LongIntHashMap();
    private int size;
    /** Per slot: base type in bits 0..15, hop count in bits 16..23. */
    private int[] meta = new int[16];
    /** Per slot: the frame (byte[]) once the node has the item, else its request state. */
    private Object[] state = new Object[16];

    /** The slot of an item, or -1. */
    int find(long id) {
        int i = slots.indexOf(id);
        return slots.indexExists(i) ? slots.indexGet(i) : -1;
    }

    /** Adds an item (not present) and returns its slot. */
    int add(long id, int type, int hops, Object frameOrPending) {
        if (size == meta.length) {
            int cap = size + (size >> 1);
            meta = Arrays.copyOf(meta, cap);
            state = Arrays.copyOf(state, cap);
        }
        int s = size++;
        meta[s] = (type & 0xFFFF) | Math.min(255, hops) << 16;
        state[s] = frameOrPending;
        slots.put(id, s);
        return s;
    }

    int size() {
        return size;
    }

    int type(int slot) {
        return meta[slot] & 0xFFFF;
    }

    int hops(int slot) {
        return (meta[slot] >>> 16) & 0xFF;
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

    /** The node has the item now: its frame replaces the request state. */
    void have(int slot, byte[] frame) {
        state[slot] = frame;
    }

    /** Bytes held (arrays and map; the frames themselves are shared): an estimate for benchmarks. */
    long footprintBytes() {
        return 16L + meta.length * 4L + state.length * 4L + slots.keys.length * 8L + slots.values.length * 4L;
    }
}
