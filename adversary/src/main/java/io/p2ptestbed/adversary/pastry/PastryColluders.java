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

    /**
     * Up to n colluders that fit the asker's routing table, one per slot, from the {@code start}-th member on
     * (attackers spread their links): those that fit {@code row} first (row r holds
     * the nodes sharing r digits with the asker, one per column), then the rows after it, then before it.
     */
    public synchronized List<Contact> forTable(NodeId asker, int row, int n, int b, int start) {
        List<Contact> out = new ArrayList<>();
        Set<Long> slots = new HashSet<>();
        int rows = PastryIds.BITS / b;
        for (int pass = 0; pass < 3 && out.size() < n; pass++) {
            for (int i = 0; i < members.size(); i++) {
                Contact c = members.get(Math.floorMod(start + i, members.size()));
                if (out.size() >= n || c.id().equals(asker)) {
                    continue;
                }
                int r = PastryIds.sharedDigits(asker, c.id(), b);
                boolean wanted = pass == 0 ? r == row : pass == 1 ? r > row : r < row;
                if (wanted && r < rows && slots.add((long) r << 16 | PastryIds.digit(c.id(), r, b))) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Auditors whose challenge went through a colluder acting as anonymizer, by (anonymizer, target). */
    private final java.util.Map<String, Contact> auditors = new java.util.LinkedHashMap<>();

    /** Told of every relayed audit (colluders in other processes pass it on), or null: in one process they share this. */
    private java.util.function.BiConsumer<NodeAddress, Contact> relayListener;

    /** Calls {@code l} with (target, auditor) whenever {@link #auditRelayed} records a relay. */
    public synchronized void onAuditRelayed(java.util.function.BiConsumer<NodeAddress, Contact> l) {
        relayListener = l;
    }

    /** A colluder relays an audit of {@code target} for {@code auditor}: it tells the others who asks. */
    public void auditRelayed(NodeAddress anonymizer, NodeAddress target, Contact auditor) {
        java.util.function.BiConsumer<NodeAddress, Contact> l;
        synchronized (this) {
            record(anonymizer, target, auditor);
            l = relayListener;
        }
        if (l != null) {
            l.accept(target, auditor);
        }
    }

    /** Records a relay a fellow colluder told of ({@link #auditRelayed} without telling anyone). */
    public synchronized void record(NodeAddress anonymizer, NodeAddress target, Contact auditor) {
        auditors.remove(anonymizer + ">" + target);
        auditors.put(anonymizer + ">" + target, auditor);
        if (auditors.size() > 4096) {
            auditors.remove(auditors.keySet().iterator().next());
        }
    }

    /** The member at {@code a}, or null. */
    public synchronized Contact at(NodeAddress a) {
        for (Contact c : members) {
            if (c.address().equals(a)) {
                return c;
            }
        }
        return null;
    }

    /** The auditor behind a challenge that a colluder anonymizer sends to {@code target}, or null. */
    public synchronized Contact auditorVia(NodeAddress anonymizer, NodeAddress target) {
        return auditors.get(anonymizer + ">" + target);
    }

    /** Nodes the colluders hide (id suppression). */
    public synchronized void suppress(NodeAddress a) {
        suppressed.add(a);
    }

    public synchronized boolean suppressed(NodeAddress a) {
        return suppressed.contains(a);
    }
}
