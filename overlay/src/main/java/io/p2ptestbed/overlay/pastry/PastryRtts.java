package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * A node's measured round-trip times, unboxed: one entry per contact, keyed by its address, whose value packs a 32-bit
 * fingerprint of the contact's id with the RTT. A contact whose address is held under another id's fingerprint is
 * absent (a put takes the entry over). Replaces a {@code LinkedHashMap<Contact, Long>}: the boxed map's look-ups (a
 * hash, then a chase through Contact, NodeId and NodeAddress objects) were the simulation's hottest spot, and its
 * entries the largest part of a node's memory.
 *
 * <p>The table is its own open addressing (linear probing, at most three quarters full) on one array in which each
 * key sits beside its value: a look-up in a node's cold state costs one cache miss, where a map of two parallel arrays
 * (hppc's {@code LongLongHashMap}, used until 2026-12-06) cost two. Never iterated where the order would matter.
 */
final class PastryRtts {

    /** A contact probed whose RTT is not known yet. */
    static final long PROBING = -1;
    /** {@link #get}: no entry. */
    static final long ABSENT = -2;

    private final int max;
    /**
     * Slot i: the stored key at {@code 2i} ({@link #key}; 0 marks a free slot), its value at {@code 2i + 1}. A power
     * of two slots.
     */
    private long[] slots = new long[2 * 8];
    private int size;

    /** @param max entries kept; past it the entries of contacts that are not in the node's state are dropped */
    PastryRtts(int max) {
        this.max = max;
    }

    /**
     * The packed address ({@code ip << 16 | port}, in [-2^47, 2^47)) with its top bit flipped: never 0, so 0 can mark
     * a free slot of this table.
     */
    private static long slotKey(NodeAddress a) {
        return key(a) ^ Long.MIN_VALUE;
    }

    /** An address packed in a long (IPv4 and port), the key of the node's primitive maps. */
    static long key(NodeAddress a) {
        return ((long) a.ip() << 16) | a.port();
    }

    private static long fingerprint(Contact c) {
        long h = c.id().hi() * 0x9E3779B97F4A7C15L ^ c.id().mid();
        return (h ^ (h >>> 32)) << 32;
    }

    /** The first slot (its key's index in {@link #slots}) to probe for a key. */
    private static int home(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The index of the key's entry in {@link #slots}, or -1. */
    private int find(long key) {
        long[] s = slots;
        int mask = (s.length >>> 1) - 1;
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            long k = s[2 * i];
            if (k == key) {
                return 2 * i;
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    /** The RTT in ms, {@link #PROBING}, or {@link #ABSENT}. */
    long get(Contact c) {
        int at = find(slotKey(c.address()));
        if (at < 0) {
            return ABSENT;
        }
        long v = slots[at + 1];
        if ((v & 0xFFFF_FFFF_0000_0000L) != fingerprint(c)) {
            return ABSENT;
        }
        return (v & 0xFFFF_FFFFL) - 1; // 0 is PROBING
    }

    boolean contains(Contact c) {
        return get(c) != ABSENT;
    }

    /**
     * Sets the RTT ({@code >= 0}, at most 2^31 ms) or {@link #PROBING}. {@code state}: the node's, read only when the
     * table is full.
     */
    void put(Contact c, long rtt, PastryState state) {
        long v = fingerprint(c) | (Math.min(rtt, Integer.MAX_VALUE - 1L) + 1);
        long key = slotKey(c.address());
        long[] s = slots;
        int mask = (s.length >>> 1) - 1;
        int i = home(key, mask);
        for (long k; (k = s[2 * i]) != 0; i = (i + 1) & mask) {
            if (k == key) {
                s[2 * i + 1] = v;
                return;
            }
        }
        s[2 * i] = key;
        s[2 * i + 1] = v;
        if (++size > max) {
            keepOnly(state, key);
        }
        if (4L * size > 3L * (slots.length >>> 1)) {
            rehash(slots.length);
        }
    }

    /** Past the bound: only the entries of contacts in the state, and {@code justPut}, stay (a set: no order). */
    private void keepOnly(PastryState state, long justPut) {
        PastryRtts keep = new PastryRtts(Integer.MAX_VALUE);
        for (Contact k : state.all()) {
            keep.put(k, 0, state);
        }
        long[] old = slots;
        slots = new long[old.length];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            long k = old[i];
            if (k != 0 && (k == justPut || keep.find(k) >= 0)) {
                insert(k, old[i + 1]);
            }
        }
    }

    /** The entries into a table of {@code longs / 2} slots. */
    private void rehash(int longs) {
        long[] old = slots;
        slots = new long[2 * longs];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                insert(old[i], old[i + 1]);
            }
        }
    }

    /** A key not in the table (rehashing). */
    private void insert(long key, long value) {
        long[] s = slots;
        int mask = (s.length >>> 1) - 1;
        int i = home(key, mask);
        while (s[2 * i] != 0) {
            i = (i + 1) & mask;
        }
        s[2 * i] = key;
        s[2 * i + 1] = value;
        size++;
    }

    void remove(Contact c) {
        int at = find(slotKey(c.address()));
        if (at < 0 || (slots[at + 1] & 0xFFFF_FFFF_0000_0000L) != fingerprint(c)) {
            return;
        }
        // backward-shift deletion: an entry after the gap moves into it unless its home lies cyclically in (gap, j]
        long[] s = slots;
        int mask = (s.length >>> 1) - 1;
        int gap = at >>> 1;
        for (int j = (gap + 1) & mask; s[2 * j] != 0; j = (j + 1) & mask) {
            int h = home(s[2 * j], mask);
            boolean stays = gap <= j ? (h > gap && h <= j) : (h > gap || h <= j);
            if (!stays) {
                s[2 * gap] = s[2 * j];
                s[2 * gap + 1] = s[2 * j + 1];
                gap = j;
            }
        }
        s[2 * gap] = 0;
        s[2 * gap + 1] = 0;
        size--;
    }

    int size() {
        return size;
    }
}
