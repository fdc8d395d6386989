package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.Arrays;
import java.util.List;

/**
 * One side of a leaf set: the |L|/2 nodes numerically closest to the node on one side of the ring, nearest first. The
 * members' ids and addresses are kept beside them in primitive arrays, so that taking in a leaf set (every keep-alive
 * pong brings one) compares and finds members without reading the contact objects: in a simulation of many nodes
 * those reads were cache misses that dominated the cost of an event.
 */
final class PastryLeafSide {

    private final long selfHi;
    private final long selfMid;
    private final boolean clockwise;
    private final int capacity;
    private final Contact[] members;
    /**
     * The members' id words and packed addresses, interleaved: member i's high word, second word, last 32 bits and
     * address at {@code W * i} (one array: a leaf set taken in reads one or two cache lines, not four arrays).
     */
    private final long[] words;
    private static final int W = 4;
    private int size;

    PastryLeafSide(NodeId self, boolean clockwise, int capacity) {
        this.selfHi = self.hi();
        this.selfMid = self.mid();
        this.clockwise = clockwise;
        this.capacity = capacity;
        this.members = new Contact[capacity];
        this.words = new long[W * capacity];
    }

    static long address(Contact c) {
        return ((long) c.address().ip() << 16) | c.address().port();
    }

    int size() {
        return size;
    }

    Contact get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return members[i];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Whether the side holds |L|/2 members. */
    boolean full() {
        return size == capacity;
    }

    /** The farthest member's high id word (0 when empty). */
    long farHi() {
        return size == 0 ? 0 : words[W * (size - 1)];
    }

    /** The farthest member's second id word (0 when empty). */
    long farMid() {
        return size == 0 ? 0 : words[W * (size - 1) + 1];
    }

    /** The members, nearest first (a copy). */
    List<Contact> list() {
        return List.of(Arrays.copyOf(members, size));
    }

    void addTo(List<Contact> out) {
        out.addAll(Arrays.asList(members).subList(0, size));
    }

    private int indexOf(long h, long m, int l, long a) {
        for (int i = 0; i < size; i++) {
            if (same(i, h, m, l, a)) {
                return i;
            }
        }
        return -1;
    }

    private boolean same(int i, long h, long m, int l, long a) {
        int at = W * i;
        return words[at] == h && words[at + 1] == m && words[at + 2] == l && words[at + 3] == a;
    }

    /** Whether member {@code i} of {@code other} is a member of this side (as {@link #contains} of it). */
    boolean holds(PastryLeafSide other, int i) {
        int at = W * i;
        long[] o = other.words;
        return indexOf(o[at], o[at + 1], (int) o[at + 2], o[at + 3]) >= 0;
    }

    /** Writes member i as {@link PastryCodec#encodeList} writes a contact, at {@code at}; returns the index after it. */
    int writeMember(int i, byte[] b, int at) {
        return PastryCodec.writeContact(b, at, words[W * i], words[W * i + 1], words[W * i + 3]);
    }

    boolean contains(Contact c) {
        return indexOf(c.id().hi(), c.id().mid(), c.id().lo(), address(c)) >= 0;
    }

    /** Distance from the node to (h, m) on this side, compared with member i's: negative when member i is nearer. */
    private int compareMember(int i, long h, long m) {
        long mh = words[W * i];
        long mm = words[W * i + 1];
        return clockwise ? PastryIds.compareClockwise(selfHi, selfMid, mh, mm, h, m)
                : PastryIds.compareCounterClockwise(selfHi, selfMid, mh, mm, h, m);
    }

    /**
     * Inserts c in its place; false when it is a member already or farther than every member of a full side.
     */
    boolean insert(Contact c) {
        long a = address(c);
        int at = place(c.id().hi(), c.id().mid(), c.id().lo(), a);
        if (at < 0) {
            return false;
        }
        insertAt(at, c, a);
        return true;
    }

    /**
     * Where the contact of these id words and packed address would go, or -1 when it is a member already or farther
     * than every member of a full side. One pass: the side is sorted by distance, so a member equal to it sits where
     * the distances are equal.
     */
    int place(long h, long m, int l, long a) {
        if (size == capacity && compareMember(size - 1, h, m) < 0) {
            return -1; // farther than the farthest member of a full side: most contacts a leaf set names
        }
        int at = 0;
        int cmp = 1;
        while (at < size && (cmp = compareMember(at, h, m)) < 0) {
            at++;
        }
        for (int j = at; cmp == 0 && j < size && words[W * j] == h && words[W * j + 1] == m; j++) { // same distance: same 128 bits
            if (same(j, h, m, l, a)) {
                return -1;
            }
        }
        return at < capacity ? at : -1;
    }

    /** Inserts c at {@code at} from {@link #place} (its packed address {@code a}); the farthest member of a full side falls off. */
    void insertAt(int at, Contact c, long a) {
        int moved = Math.min(size, capacity - 1) - at;
        System.arraycopy(members, at, members, at + 1, moved);
        System.arraycopy(words, W * at, words, W * (at + 1), W * moved);
        members[at] = c;
        words[W * at] = c.id().hi();
        words[W * at + 1] = c.id().mid();
        words[W * at + 2] = c.id().lo();
        words[W * at + 3] = a;
        size = Math.min(size + 1, capacity);
    }

    /** Removes c; false when it was not a member. */
    boolean remove(Contact c) {
        int i = indexOf(c.id().hi(), c.id().mid(), c.id().lo(), address(c));
        if (i < 0) {
            return false;
        }
        int moved = size - i - 1;
        System.arraycopy(members, i + 1, members, i, moved);
        System.arraycopy(words, W * (i + 1), words, W * i, W * moved);
        members[--size] = null;
        return true;
    }
}
