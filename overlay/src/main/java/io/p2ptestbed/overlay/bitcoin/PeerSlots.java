package io.p2ptestbed.overlay.bitcoin;

import java.util.Arrays;

/**
 * A node's numbering of its current peers (small integers, the lowest free one first, reused after a peer leaves) and
 * two bit sets over it kept by the node itself: the peers whose trickle timer runs, and the peers marked for the
 * announcement being made (those that announced the item or sent it). The relay's loops over a node's peers read these
 * few words instead of every peer's object and its connection (session 14: at N = 10,000 each of those reads missed
 * the caches). Every change names the peer that makes it: a peer that has left (its slot free or taken by another)
 * changes nothing, so a late timer or a stale announcer cannot set another peer's bits.
 */
final class PeerSlots {

    private Object[] owners = new Object[16];
    private long[] trickling = new long[1];
    private long[] marked = new long[1];

    /** Gives {@code peer} the lowest free slot (its bits clear). */
    int take(Object peer) {
        int slot = 0;
        while (slot < owners.length && owners[slot] != null) {
            slot++;
        }
        if (slot == owners.length) {
            owners = Arrays.copyOf(owners, 2 * owners.length);
            int words = (owners.length + 63) >>> 6;
            trickling = Arrays.copyOf(trickling, words);
            marked = Arrays.copyOf(marked, words);
        }
        owners[slot] = peer;
        trickling[slot >>> 6] &= ~(1L << slot);
        return slot;
    }

    /** {@code peer} left: its slot is free (nothing, if the slot is no longer its). */
    void release(Object peer, int slot) {
        if (owners[slot] == peer) {
            owners[slot] = null;
            trickling[slot >>> 6] &= ~(1L << slot);
        }
    }

    /** Every peer left. */
    void clear() {
        Arrays.fill(owners, null);
        Arrays.fill(trickling, 0);
        Arrays.fill(marked, 0);
    }

    /** Records whether {@code peer}'s trickle timer runs (mirrors its own flag while it holds the slot). */
    void trickling(Object peer, int slot, boolean on) {
        if (owners[slot] == peer) {
            if (on) {
                trickling[slot >>> 6] |= 1L << slot;
            } else {
                trickling[slot >>> 6] &= ~(1L << slot);
            }
        }
    }

    boolean trickling(int slot) {
        return (trickling[slot >>> 6] & 1L << slot) != 0;
    }

    /** Marks {@code peer} for the announcement being made (nothing, if it has left). */
    void mark(Object peer, int slot) {
        if (owners[slot] == peer) {
            marked[slot >>> 6] |= 1L << slot;
        }
    }

    boolean marked(int slot) {
        return (marked[slot >>> 6] & 1L << slot) != 0;
    }

    void unmarkAll() {
        Arrays.fill(marked, 0);
    }
}
