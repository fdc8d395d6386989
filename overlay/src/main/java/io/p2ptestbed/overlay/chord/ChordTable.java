package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A node's ring state: its successor list, predecessor and 160 fingers. Plain arrays, no maps: at 100,000
 * nodes this is most of the simulation's heap. Consecutive fingers usually name the same node and then hold
 * the very same {@link Contact} object, so a table costs one array of references plus about log2 N contacts.
 */
final class ChordTable {

    private final Contact self;
    private final Contact[] successors;
    private int size;
    private Contact predecessor;
    private final Contact[] fingers = new Contact[NodeId.BITS];

    ChordTable(Contact self, int r) {
        this.self = self;
        this.successors = new Contact[r];
    }

    Contact self() {
        return self;
    }

    int capacity() {
        return successors.length;
    }

    /** The first successor, or self when the node is alone. */
    Contact successor() {
        return size == 0 ? self : successors[0];
    }

    boolean hasSuccessor() {
        return size > 0;
    }

    List<Contact> successors() {
        return List.of(Arrays.copyOf(successors, size));
    }

    Contact predecessor() {
        return predecessor;
    }

    void setPredecessor(Contact p) {
        predecessor = p;
    }

    /**
     * Replaces the successor list by {@code first} followed by {@code rest}, skipping self, duplicates and
     * nulls, cut to r entries. Pass {@code first == null} to keep only {@code rest}.
     */
    void setSuccessors(Contact first, List<Contact> rest) {
        Contact[] old = Arrays.copyOf(successors, size);
        size = 0;
        if (first != null) {
            add(first);
        }
        for (int i = 0; i < rest.size() && size < successors.length; i++) {
            add(rest.get(i));
        }
        Arrays.fill(successors, size, successors.length, null);
        if (size > 0 && (old.length == 0 || !old[0].equals(successors[0]))) {
            fingers[0] = successors[0];
        }
    }

    private void add(Contact c) {
        if (c == null || c.id().equals(self.id())) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (successors[i].id().equals(c.id())) {
                return;
            }
        }
        successors[size++] = c;
    }

    /** Drops a contact that failed from the successor list, predecessor and fingers. Returns whether it was the first successor. */
    boolean forget(Contact dead) {
        boolean wasFirst = size > 0 && successors[0].equals(dead);
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (!successors[i].equals(dead)) {
                successors[w++] = successors[i];
            }
        }
        Arrays.fill(successors, w, size, null);
        size = w;
        if (dead.equals(predecessor)) {
            predecessor = null;
        }
        for (int i = 0; i < fingers.length; i++) {
            if (dead.equals(fingers[i])) {
                fingers[i] = null;
            }
        }
        return wasFirst;
    }

    Contact finger(int i) {
        return fingers[i];
    }

    void setFinger(int i, Contact c) {
        fingers[i] = c;
    }

    /**
     * Seeds empty fingers from contacts learnt elsewhere (a joiner's successor's fingers): finger i becomes the
     * first known contact at or after id + 2^i. Filled fingers are left alone; fix_fingers corrects the rest.
     */
    void seedFingers(List<Contact> known) {
        Contact[] k = known.stream().filter(c -> !c.id().equals(self.id())).toArray(Contact[]::new);
        Arrays.sort(k, (a, b) -> ChordMath.compareClockwise(self.id(), a.id(), b.id()));
        int j = 0;
        for (int i = 0; i < fingers.length && j < k.length; i++) {
            NodeId start = ChordMath.plusPowerOfTwo(self.id(), i);
            while (j < k.length && ChordMath.between(self.id(), k[j].id(), start)) {
                j++;
            }
            if (j < k.length && fingers[i] == null) {
                fingers[i] = k[j];
            }
        }
    }

    /** The farthest finger set, or null. */
    Contact anyFinger() {
        for (int i = fingers.length - 1; i >= 0; i--) {
            if (fingers[i] != null) {
                return fingers[i];
            }
        }
        return null;
    }

    List<Contact> fingers() {
        return Arrays.asList(fingers.clone());
    }

    List<Contact> distinctFingers() {
        List<Contact> out = new ArrayList<>();
        Contact last = null;
        for (Contact f : fingers) {
            if (f != null && f != last && !out.contains(f)) {
                out.add(f);
            }
            last = f;
        }
        return out;
    }

    /** Whether {@code key} lies in (self, successor]: then the first successor owns it. */
    boolean successorOwns(NodeId key) {
        return size == 0 || ChordMath.betweenRightIncl(self.id(), key, successors[0].id());
    }

    /**
     * Up to {@code max} known nodes strictly between self and the key, the closest preceding the key first
     * (the paper's closest_preceding_node, with fallbacks): fingers and successors both count.
     *
     * <p>Fingers are scanned downwards from the highest one whose start precedes the key (the bit length of
     * the clockwise distance to the key), and only until {@code max} distinct fingers were found: lower fingers
     * lie farther from the key. The successor list is always scanned (near the key it beats the fingers).
     */
    List<Contact> closestPreceding(NodeId key, int max) {
        Contact[] best = new Contact[max];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (ChordMath.between(self.id(), successors[i].id(), key)) {
                n = insert(best, n, successors[i], key);
            }
        }
        int found = 0;
        Contact last = null;
        for (int i = highestFingerBefore(key); i >= 0 && found < max; i--) {
            Contact c = fingers[i];
            if (c == null || c == last || !ChordMath.between(self.id(), c.id(), key)) {
                continue;
            }
            last = c;
            found++;
            n = insert(best, n, c, key);
        }
        return n == 0 ? List.of() : List.of(Arrays.copyOf(best, n));
    }

    /** The index of the highest finger whose start lies in (self, key]: bit length of (key - self) minus one. */
    private int highestFingerBefore(NodeId key) {
        return ChordMath.distanceHighBit(self.id(), key);
    }

    /** Inserts c into best[0..n) kept sorted by clockwise distance from c to the key (closest first). */
    private static int insert(Contact[] best, int n, Contact c, NodeId key) {
        for (int i = 0; i < n; i++) {
            if (best[i].id().equals(c.id())) {
                return n;
            }
        }
        int pos = n;
        // closer to the key (preceding it) = farther clockwise from the key to ... compare distances c -> key
        while (pos > 0 && ChordMath.compareClockwise(key, c.id(), best[pos - 1].id()) > 0) {
            pos--;
        }
        if (pos >= best.length) {
            return n;
        }
        int end = Math.min(n, best.length - 1);
        System.arraycopy(best, pos, best, pos + 1, end - pos);
        best[pos] = c;
        return Math.min(n + 1, best.length);
    }
}
