package io.p2ptestbed.overlay.bitcoin;

import java.util.Arrays;

/**
 * A node's announcements in the order it made them (the inventory entries its peers' trickle queues hold), written
 * once per item instead of once per peer. Every relaying peer reads the log through its own {@link Cursor} from the
 * moment its handshake completed; the few entries a peer must not get (it announced the item, or sent it) are
 * recorded in that peer's skip list. A peer's queue is therefore exactly the entries from its cursor on minus its
 * skips, in the same order as the per-peer lists this replaces (session 12: adding an entry to each peer's list and
 * reading it back through an {@code InvItem} and its hash array cost a third of the relay).
 *
 * <p>Entries are the inventory type (with the hop count in bits 16..23) and the 32-byte hash, in two primitive
 * arrays. Entries every cursor has passed are dropped when the arrays fill up.
 */
final class AnnounceLog {

    private int[] types = new int[64];
    private byte[] hashes = new byte[64 * 32];
    /** Absolute index of entry 0. */
    private long base;
    private int size;

    /** One peer's place in the log: the next entry it has not been sent, and the entries it is not to get. */
    static final class Cursor {
        long next;
        /** Absolute indices of the entries the peer is not to get, ascending (those before {@link #next} are spent). */
        private long[] skips = new long[0];
        private int skipCount;

        /** The peer takes part from the log's current end (its handshake completed). */
        void startAt(long end) {
            next = end;
            skipCount = 0;
        }

        /** The peer is not to be sent entry {@code index}, the log's last (indices come in order). */
        void skip(long index) {
            if (next == index) { // nothing waits before it: no skip to remember (a peer left out of everything holds no log)
                next = index + 1;
                skipCount = 0;
                return;
            }
            if (skipCount == skips.length) {
                skips = Arrays.copyOf(skips, Math.max(4, 2 * skipCount));
            }
            skips[skipCount++] = index;
        }
    }

    long end() {
        return base + size;
    }

    boolean isFull() {
        return size == types.length;
    }

    /** Appends an entry (call {@link #compact} first when {@link #isFull}); returns its absolute index. */
    long append(int type, byte[] hash) {
        types[size] = type;
        System.arraycopy(hash, 0, hashes, size * 32, 32);
        return base + size++;
    }

    /** Drops the entries before {@code keepFrom} (no cursor needs them), and grows when still more than half full. */
    void compact(long keepFrom) {
        int drop = (int) Math.max(0, Math.min(size, keepFrom - base));
        if (drop > 0) {
            System.arraycopy(types, drop, types, 0, size - drop);
            System.arraycopy(hashes, drop * 32, hashes, 0, (size - drop) * 32);
            size -= drop;
            base += drop;
        }
        if (2 * size > types.length) {
            types = Arrays.copyOf(types, 2 * types.length);
            hashes = Arrays.copyOf(hashes, 2 * hashes.length);
        }
    }

    /** Entries waiting for the cursor's peer. */
    int pending(Cursor c) {
        int skipped = 0;
        for (int s = 0; s < c.skipCount; s++) {
            if (c.skips[s] >= c.next) {
                skipped++;
            }
        }
        return (int) (end() - c.next) - skipped;
    }

    /**
     * Writes the cursor's next {@code n} entries (skipping those it is not to get) as inventory entries (type, then
     * hash) into {@code out} from {@code at}, and moves the cursor past them. The skip list is emptied once the cursor
     * reaches the end.
     */
    void write(Cursor c, int n, byte[] out, int at) {
        long i = c.next;
        int s = 0;
        while (s < c.skipCount && c.skips[s] < i) {
            s++;
        }
        for (int k = 0; k < n; i++) {
            if (s < c.skipCount && c.skips[s] == i) {
                s++;
                continue;
            }
            int e = (int) (i - base);
            BitcoinCodec.putInt(out, at, types[e]);
            System.arraycopy(hashes, e * 32, out, at + 4, 32);
            at += 36;
            k++;
        }
        c.next = i;
        if (i == end()) {
            c.skipCount = 0;
        }
    }

    /** Bytes held: for benchmarks. */
    long footprintBytes() {
        return 32L + types.length * 4L + hashes.length;
    }

}
