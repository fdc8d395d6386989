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
        int failures;

        Sibling(Contact contact) {
            this.contact = contact;
        }
    }

    private final NodeId self;
    private final List<Sibling> siblings = new ArrayList<>();
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
        if (c.id().equals(self)) {
            return;
        }
        int lo = 0;
        int hi = siblings.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = self.compareDistance(siblings.get(mid).contact.id(), c.id());
            if (cmp == 0) {
                Sibling s = siblings.get(mid);
                if (s.contact.address().equals(c.address())) {
                    s.failures = 0;
                }
                return;
            }
            if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo >= capacity) {
            return;
        }
        siblings.add(lo, new Sibling(c));
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
