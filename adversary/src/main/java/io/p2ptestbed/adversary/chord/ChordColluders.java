package io.p2ptestbed.adversary.chord;

import io.p2ptestbed.overlay.chord.ChordMath;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.List;

/** The colluding Chord attackers, known to each other: whom to name when a lie needs a "successor". */
public final class ChordColluders {

    private final List<Contact> members = new ArrayList<>();

    public synchronized void add(Contact c) {
        members.add(c);
    }

    public synchronized List<Contact> members() {
        return List.copyOf(members);
    }

    public synchronized boolean contains(NodeId id) {
        return members.stream().anyMatch(c -> c.id().equals(id));
    }

    /** Up to n colluders clockwise from the key (at or after it), closest first: the lie "these own the key". */
    public synchronized List<Contact> from(NodeId key, int n) {
        List<Contact> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> ChordMath.compareClockwise(key, a.id(), b.id()));
        return sorted.subList(0, Math.min(n, sorted.size()));
    }
}
