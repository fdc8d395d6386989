package io.p2ptestbed.adversary.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The colluding Pastry nodes, known to each other, and the honest nodes they suppress. */
public final class PastryColluders {

    private final List<Contact> members = new ArrayList<>();
    private final Set<NodeId> memberIds = new HashSet<>();
    private final Set<NodeAddress> suppressed = new HashSet<>();

    public synchronized void add(Contact c) {
        if (memberIds.add(c.id())) {
            members.add(c);
        }
    }

    public synchronized List<Contact> members() {
        return List.copyOf(members);
    }

    public synchronized boolean contains(NodeId id) {
        return memberIds.contains(id);
    }

    public synchronized int size() {
        return members.size();
    }

    /** Up to n colluders numerically closest to the key, closest first (the lie "these are the key's root and replicas"). */
    public synchronized List<Contact> closest(NodeId key, int n) {
        List<Contact> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> PastryIds.compareDistance(key, a.id(), b.id()));
        return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
    }

    /** Nodes the colluders hide (id suppression). */
    public synchronized void suppress(NodeAddress a) {
        suppressed.add(a);
    }

    public synchronized boolean suppressed(NodeAddress a) {
        return suppressed.contains(a);
    }
}
