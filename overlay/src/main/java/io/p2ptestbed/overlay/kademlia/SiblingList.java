package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * S/Kademlia's sibling list (Baumgart and Mies 2007, section 4.2): the {@code s} closest live contacts to
 * the node's own id, kept apart from the k-buckets so that a node always knows its whole neighbourhood
 * even when the bucket covering it is full. The list is fed with every contact the routing table did
 * not reject (so admission defences apply to it too) and loses a contact after {@code maxFailures}
 * consecutive failed queries, or when the node evicts it.
 *
 * <p>Mutated only on the owning node's thread.
 */
public final class SiblingList {

    /** Per sibling: XOR distance to self (high, middle, low | port << 32), then IPv4 address | failures << 32. */
    private static final int S = 4;
    private static final long[] NONE = new long[0];

    private final NodeId self;
    private long[] list = NONE;
    private int size;
    private int capacity;
    /**
     * The high distance word of the farthest sibling while the list is full, else all ones: most offers
     * are decided from this field alone, without touching the list (the list is cold memory by then).
     */
    private long fullFarHi = -1L;
    private final long selfHi;
    private final long selfMid;
    private final int selfLo;

    SiblingList(NodeId self, int capacity) {
        this.self = self;
        this.selfHi = self.hi();
        this.selfMid = self.mid();
        this.selfLo = self.lo();
        setCapacity(capacity);
    }

    void setCapacity(int capacity) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("sibling list size must be in [1, 1024], got " + capacity);
        }
        this.capacity = capacity;
        size = Math.min(size, capacity);
        updateFar();
    }

    private void updateFar() {
        fullFarHi = size >= capacity ? list[(size - 1) * S] : -1L;
    }

    public int capacity() {
        return capacity;
    }

    /** Compares the distance of entry {@code i} with (hi, mid, lo). */
    private int compare(int i, long hi, long mid, long lo) {
        int o = i * S;
        int c = Long.compareUnsigned(list[o], hi);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(list[o + 1], mid);
        return c != 0 ? c : Long.compare(list[o + 2] & 0xFFFFFFFFL, lo);
    }

    /** Offers a contact that just proved alive; keeps it when it is among the {@code s} closest to self. */
    void offer(Contact c) {
        NodeId id = c.id();
        long hi = id.hi() ^ selfHi;
        if (Long.compareUnsigned(hi, fullFarHi) > 0) {
            return; // farther than the farthest of a full list, decided on the high word
        }
        long mid = id.mid() ^ selfMid;
        long lo = (id.lo() ^ selfLo) & 0xFFFFFFFFL;
        if ((hi | mid | lo) == 0) {
            return;
        }
        int n = size;
        if (n >= capacity && compare(n - 1, hi, mid, lo) < 0) {
            return; // farther than the farthest of a full list: the common case once the list has settled
        }
        int lo2 = 0;
        int hi2 = n;
        while (lo2 < hi2) {
            int m = (lo2 + hi2) >>> 1;
            int cmp = compare(m, hi, mid, lo);
            if (cmp == 0) {
                int o = m * S;
                if ((int) list[o + 3] == c.address().ip() && (int) (list[o + 2] >>> 32) == c.address().port()) {
                    list[o + 3] &= 0xFFFFFFFFL;
                }
                return;
            }
            if (cmp < 0) {
                lo2 = m + 1;
            } else {
                hi2 = m;
            }
        }
        if (lo2 >= capacity) {
            return;
        }
        if (n < capacity && (n + 1) * S > list.length) {
            list = java.util.Arrays.copyOf(list, Math.min(capacity, Math.max(4, n * 2)) * S);
        }
        int keep = Math.min(n, capacity - 1);
        System.arraycopy(list, lo2 * S, list, (lo2 + 1) * S, (keep - lo2) * S);
        int o = lo2 * S;
        list[o] = hi;
        list[o + 1] = mid;
        list[o + 2] = lo | ((long) c.address().port() << 32);
        list[o + 3] = c.address().ip() & 0xFFFFFFFFL;
        size = keep + 1;
        updateFar();
    }

    private int indexOf(NodeId id) {
        long hi = id.hi() ^ self.hi();
        long mid = id.mid() ^ self.mid();
        long lo = (id.lo() ^ self.lo()) & 0xFFFFFFFFL;
        for (int i = 0; i < size; i++) {
            if (compare(i, hi, mid, lo) == 0) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        System.arraycopy(list, (i + 1) * S, list, i * S, (size - i - 1) * S);
        size--;
        updateFar();
    }

    void failed(NodeId id, int maxFailures) {
        int i = indexOf(id);
        if (i >= 0) {
            int o = i * S + 3;
            long failures = (list[o] >>> 32) + 1;
            list[o] = (list[o] & 0xFFFFFFFFL) | (failures << 32);
            if (failures >= maxFailures) {
                removeAt(i);
            }
        }
    }

    boolean remove(NodeId id) {
        int i = indexOf(id);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** The siblings, closest to the node's own id first. */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int o = i * S;
            NodeId id = new NodeId(list[o] ^ self.hi(), list[o + 1] ^ self.mid(), (int) list[o + 2] ^ self.lo());
            out.add(new Contact(id, new NodeAddress((int) list[o + 3], (int) (list[o + 2] >>> 32))));
        }
        return out;
    }

    public int size() {
        return size;
    }
}
