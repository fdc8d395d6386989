package io.p2ptestbed.overlay.pastry;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * A node's measured round-trip times, unboxed: one primitive map entry per contact, keyed by its address, whose value
 * packs a 32-bit fingerprint of the contact's id with the RTT. A contact whose address is held under another id's
 * fingerprint is absent (a put takes the entry over). Replaces a {@code LinkedHashMap<Contact, Long>}: the boxed map's
 * look-ups (a hash, then a chase through Contact, NodeId and NodeAddress objects) were the simulation's hottest spot,
 * and its entries the largest part of a node's memory. Never iterated where the order would matter.
 */
final class PastryRtts {

    /** A contact probed whose RTT is not known yet. */
    static final long PROBING = -1;
    /** {@link #get}: no entry. */
    static final long ABSENT = -2;

    private final int max;
    private final LongLongHashMap map = new LongLongHashMap();

    /** @param max entries kept; past it the entries of contacts that are not in the node's state are dropped */
    PastryRtts(int max) {
        this.max = max;
    }

    /** An address packed in a long (IPv4 and port), the key of the node's primitive maps. */
    static long key(NodeAddress a) {
        return ((long) a.ip() << 16) | a.port();
    }

    private static long fingerprint(Contact c) {
        long h = c.id().hi() * 0x9E3779B97F4A7C15L ^ c.id().mid();
        return (h ^ (h >>> 32)) << 32;
    }

    /** The RTT in ms, {@link #PROBING}, or {@link #ABSENT}. */
    long get(Contact c) {
        long v = map.getOrDefault(key(c.address()), Long.MIN_VALUE);
        if (v == Long.MIN_VALUE || (v & 0xFFFF_FFFF_0000_0000L) != fingerprint(c)) {
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
        map.put(key(c.address()), v);
        if (map.size() > max) {
            LongHashSet keep = new LongHashSet();
            for (Contact k : state.all()) {
                keep.add(key(k.address()));
            }
            keep.add(key(c.address()));
            map.removeAll((long k, long value) -> !keep.contains(k)); // a set, whatever the iteration order
        }
    }

    void remove(Contact c) {
        long k = key(c.address());
        long v = map.getOrDefault(k, Long.MIN_VALUE);
        if (v != Long.MIN_VALUE && (v & 0xFFFF_FFFF_0000_0000L) == fingerprint(c)) {
            map.remove(k);
        }
    }

    int size() {
        return map.size();
    }
}
