package io.p2ptestbed.overlay.pastry;

import com.carrotsearch.hppc.LongLongHashMap;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;

/**
 * A node's cache of certified ids ({@code bindIds}): for each address it has checked, the 128 bits of the address's
 * certified id (SHA-1 of the address), unboxed in two primitive maps keyed by the packed address. A contact is bound
 * when its id is exactly that id. The check is a pure function of the address, so the cache changes nothing but the
 * cost: SHA-1 once per address. Past {@code max} addresses the cache is emptied and refilled as contacts come.
 * Replaces a {@code LinkedHashMap<NodeAddress, NodeId>} of up to 4,096 entries a node (some 150 bytes an entry with
 * its id object), which at 10,000 nodes with leaf sets of 32 held most of a 4 GB heap.
 */
final class PastryCertified {

    private final int max;
    private final LongLongHashMap hi = new LongLongHashMap();
    private final LongLongHashMap mid = new LongLongHashMap();

    PastryCertified(int max) {
        this.max = max;
    }

    /** Whether {@code c}'s id is the certified id of its address. */
    boolean bound(Contact c) {
        long k = PastryRtts.key(c.address());
        int slot = hi.indexOf(k);
        long h;
        long m;
        if (hi.indexExists(slot)) {
            h = hi.indexGet(slot);
            m = mid.get(k);
        } else {
            NodeId certified = PastryIds.forAddress(c.address());
            if (hi.size() >= max) {
                hi.clear();
                mid.clear();
            }
            h = certified.hi();
            m = certified.mid();
            hi.put(k, h);
            mid.put(k, m);
        }
        NodeId id = c.id();
        return id.hi() == h && id.mid() == m && id.lo() == 0;
    }
}
