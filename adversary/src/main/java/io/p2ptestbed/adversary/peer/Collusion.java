package io.p2ptestbed.adversary.peer;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What colluding Sybils share: the set of their own contacts (so they can refer lookups to each other)
 * and a bounded pool of honest contacts any of them has heard of (to answer plausibly, or to forge).
 * Also the ground truth metrics need: "is this contact an adversary?". Synchronized, so a test or report
 * thread may read it while the attack runs on its scheduler.
 */
public final class Collusion {

    public static final int HONEST_POOL = 4096;

    private final Map<NodeId, Contact> members = new LinkedHashMap<>();
    private final Set<NodeAddress> memberAddresses = new HashSet<>();
    private final LinkedHashMap<NodeId, Contact> honest = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Contact> eldest) {
            return size() > HONEST_POOL;
        }
    };

    public synchronized void register(Contact c) {
        members.put(c.id(), c);
        memberAddresses.add(c.address());
        honest.remove(c.id());
    }

    public synchronized void unregister(Contact c) {
        if (members.remove(c.id(), c)) {
            memberAddresses.remove(c.address());
        }
    }

    public synchronized boolean isMember(NodeId id) {
        return members.containsKey(id);
    }

    public synchronized boolean isMemberAddress(NodeAddress a) {
        return memberAddresses.contains(a);
    }

    /** An adversary contact: a member id, or any contact pointing at a member's address (forged entries). */
    public synchronized boolean isAdversarial(Contact c) {
        return members.containsKey(c.id()) || memberAddresses.contains(c.address());
    }

    public synchronized List<Contact> members() {
        return List.copyOf(members.values());
    }

    public synchronized int size() {
        return members.size();
    }

    /** Up to {@code n} members closest to {@code target}, excluding {@code exclude} (may be null). */
    public synchronized List<Contact> closestMembers(NodeId target, int n, NodeId exclude) {
        return closest(members.values(), target, n, exclude);
    }

    public synchronized void learnHonest(Contact c) {
        if (!members.containsKey(c.id()) && !memberAddresses.contains(c.address())) {
            honest.put(c.id(), c);
        }
    }

    public synchronized List<Contact> closestHonest(NodeId target, int n) {
        return closest(honest.values(), target, n, null);
    }

    public synchronized int honestKnown() {
        return honest.size();
    }

    private static List<Contact> closest(Iterable<Contact> from, NodeId target, int n, NodeId exclude) {
        List<Contact> all = new ArrayList<>();
        for (Contact c : from) {
            if (!c.id().equals(exclude)) {
                all.add(c);
            }
        }
        all.sort(Comparator.comparing(Contact::id, target::compareDistance));
        return all.size() > n ? new ArrayList<>(all.subList(0, n)) : all;
    }
}
