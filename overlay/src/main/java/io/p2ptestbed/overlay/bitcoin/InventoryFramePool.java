package io.p2ptestbed.overlay.bitcoin;

/**
 * Per thread, the inventory frames ({@code inv}, {@code getdata}) its nodes received and read, by entry count, for
 * the frames they send next (session 17). In the simulator a frame is handed to its receiver as the very array its
 * sender sealed, and the relay allocated one exact array per frame: at N = 3,000 those arrays were 82% of the
 * relay's 6.0 GB of allocation, i.e. most of its collections. A frame is given back only when its receiver has read
 * it and the codec found it to be an array a node sealed for that one peer and nothing else holds
 * ({@link BitcoinCodec#sealOnce}); a frame from a socket, a clone, an attacker's frame are never given back.
 *
 * <p>Per thread, not per node: in a sharded simulation a thread runs one shard at a time, and shards move between
 * threads from window to window. Which array a frame is written into never shows in what is simulated (every byte
 * of a reused array is written again), so the pool changes nothing a run computes, only its allocation.
 */
final class InventoryFramePool {

    /** Entry counts up to this are pooled (a frame's count is one byte below 253: the trickled batches). */
    static final int MAX_ENTRIES = 252;
    /** Arrays kept per entry count. */
    static final int DEPTH = 16;

    private static final ThreadLocal<InventoryFramePool> POOL = ThreadLocal.withInitial(InventoryFramePool::new);

    /** free[n][0 .. size[n]): arrays of frames of n entries (all of one length). */
    private final byte[][][] free = new byte[MAX_ENTRIES + 1][][];
    private final int[] size = new int[MAX_ENTRIES + 1];

    private InventoryFramePool() {}

    /** An array for a frame of {@code n} entries that this thread was given back, or null. */
    static byte[] take(int n) {
        return n > MAX_ENTRIES ? null : POOL.get().pop(n);
    }

    /** Keeps {@code frame}, an inventory frame of {@code n} entries that nothing else holds, for a later frame. */
    static void give(byte[] frame, int n) {
        if (n > 0 && n <= MAX_ENTRIES) {
            POOL.get().push(frame, n);
        }
    }

    private byte[] pop(int n) {
        int k = size[n];
        if (k == 0) {
            return null;
        }
        byte[][] stack = free[n];
        byte[] f = stack[--k];
        stack[k] = null;
        size[n] = k;
        return f;
    }

    private void push(byte[] frame, int n) {
        byte[][] stack = free[n];
        if (stack == null) {
            stack = free[n] = new byte[DEPTH][];
        }
        int k = size[n];
        if (k < DEPTH) {
            stack[k] = frame;
            size[n] = k + 1;
        }
    }
}
