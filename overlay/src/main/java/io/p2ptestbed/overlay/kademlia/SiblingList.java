package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
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

    private static final class Sibling {
        final Contact contact;
        /** XOR distance to self, so that ordering needs no pointer chasing. */
        final long dHi;
        final long dMid;
        final long dLo;
        int failures;

        Sibling(Contact contact, NodeId self) {
            this.contact = contact;
            NodeId id = contact.id();
            this.dHi = id.hi() ^ self.hi();
            this.dMid = id.mid() ^ self.mid();
            this.dLo = (id.lo() ^ self.lo()) & 0xFFFFFFFFL;
        }

        /** Compares this sibling's distance to self with the given one. */
        int compareTo(long hi, long mid, long lo) {
            int c = Long.compareUnsigned(dHi, hi);
            if (c != 0) {
                return c;
            }
            c = Long.compareUnsigned(dMid, mid);
            return c != 0 ? c : Long.compare(dLo, lo);
        }
    }

    private final NodeId self;
    private final List<Sibling> siblings = new ArrayList<>(0);
    private int capacity;

    SiblingList(NodeId self, int capacity) {
        this.self = self;
        setCapacity(capacity);
    }

    void setCapacity(int capacity) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("sibling list size must be in [1, 1024], got " + capacity);
        }
        this.capacity = capacity;
        while (siblings.size() > capacity) {
            siblings.remove(siblings.size() - 1);
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Offers a contact that just proved alive; keeps it when it is among the {@code s} closest to self. */
    void offer(Contact c) {
        NodeId id = c.id();
        long hi = id.hi() ^ self.hi();
        long mid = id.mid() ^ self.mid();
        long lo = (id.lo() ^ self.lo()) & 0xFFFFFFFFL;
        if ((hi | mid | lo) == 0) {
            return;
        }
        int n = siblings.size();
        if (n >= capacity && siblings.get(n - 1).compareTo(hi, mid, lo) < 0) {
            return; // farther than the farthest of a full list: the common case once the list has settled
        }
        int lo2 = 0;
        int hi2 = n;
        while (lo2 < hi2) {
            int m = (lo2 + hi2) >>> 1;
            Sibling s = siblings.get(m);
            int cmp = s.compareTo(hi, mid, lo);
            if (cmp == 0) {
                if (s.contact.address().equals(c.address())) {
                    s.failures = 0;
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
        siblings.add(lo2, new Sibling(c, self));
        if (siblings.size() > capacity) {
            siblings.remove(siblings.size() - 1);
        }
    }

    void failed(NodeId id, int maxFailures) {
        for (int i = 0; i < siblings.size(); i++) {
            Sibling s = siblings.get(i);
            if (s.contact.id().equals(id)) {
                if (++s.failures >= maxFailures) {
                    siblings.remove(i);
                }
                return;
            }
        }
    }

    boolean remove(NodeId id) {
        return siblings.removeIf(s -> s.contact.id().equals(id));
    }

    /** The siblings, closest to the node's own id first. */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>(siblings.size());
        for (Sibling s : siblings) {
            out.add(s.contact);
        }
        return out;
    }

    public int size() {
        return siblings.size();
    }
}
