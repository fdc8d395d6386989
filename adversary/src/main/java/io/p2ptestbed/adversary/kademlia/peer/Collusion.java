package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.adversary.sybil.Ids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
    /** Member ids in unsigned order, rebuilt lazily after a change: closest-member queries use prefix ranges. */
    private NodeId[] sortedMembers;
    private final LinkedHashMap<NodeId, Contact> honest = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Contact> eldest) {
            return size() > HONEST_POOL;
        }
    };

    public synchronized void register(Contact c) {
        sortedMembers = null;
        members.put(c.id(), c);
        memberAddresses.add(c.address());
        honest.remove(c.id());
    }

    public synchronized void unregister(Contact c) {
        if (members.remove(c.id(), c)) {
            memberAddresses.remove(c.address());
            sortedMembers = null;
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

    /**
     * Up to {@code n} members closest to {@code target}, excluding {@code exclude} (may be null). Every
     * colluder reply asks this, so it does not sort all members: ids sharing the first L bits with the
     * target form a contiguous range of the sorted ids and are all closer than any id outside it, so the
     * closest are in the longest such range that still holds enough of them.
     */
    public synchronized List<Contact> closestMembers(NodeId target, int n, NodeId exclude) {
        if (sortedMembers == null) {
            sortedMembers = members.keySet().toArray(NodeId[]::new);
            Arrays.sort(sortedMembers);
        }
        int want = n + 1;
        int from = 0;
        int to = sortedMembers.length;
        for (int len = 1; len <= NodeId.BITS && to - from > want; len++) {
            int lo = lowerBound(Ids.withPrefix(target, ZERO, len), false);
            int hi = lowerBound(Ids.withPrefix(target, ONES, len), true);
            if (hi - lo < want) {
                break;
            }
            from = lo;
            to = hi;
        }
        List<Contact> range = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            range.add(members.get(sortedMembers[i]));
        }
        return closest(range, target, n, exclude);
    }

    /** Index of the first sorted member {@code > key} ({@code after}) or {@code >= key}. */
    private int lowerBound(NodeId key, boolean after) {
        int lo = 0;
        int hi = sortedMembers.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = sortedMembers[mid].compareTo(key);
            if (c < 0 || (after && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Per querier and key, the colluders it was given or has queried ({@link #freshMembers}); bounded. */
    private final LinkedHashMap<Used, Set<NodeId>> used = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Used, Set<NodeId>> eldest) {
            return size() > USED_KEYS;
        }
    };

    /** Querier-and-key pairs the fresh-colluder memory keeps (least recently used forgotten first). */
    public static final int USED_KEYS = 1 << 16;

    private record Used(NodeAddress querier, NodeId key) {}

    /** Notes that {@code querier} has queried colluder {@code colluder} about {@code key}: it is used up for it. */
    public synchronized void markUsed(NodeAddress querier, NodeId key, NodeId colluder) {
        used.computeIfAbsent(new Used(querier, key), u -> new HashSet<>()).add(colluder);
    }

    /**
     * Up to {@code n} members closest to {@code key} that {@code querier} has neither been given nor queried
     * for this key (nor {@code exclude}); they are then used up for it. The collusion shares this memory, so
     * every colluder of a lookup path hands out colluders no earlier reply named.
     */
    public synchronized List<Contact> freshMembers(NodeAddress querier, NodeId key, int n, NodeId exclude) {
        Set<NodeId> gone = used.computeIfAbsent(new Used(querier, key), u -> new HashSet<>());
        List<Contact> out = new ArrayList<>(n);
        for (Contact c : closestMembers(key, n + gone.size() + 1, exclude)) {
            if (out.size() < n && !gone.contains(c.id())) {
                out.add(c);
            }
        }
        out.forEach(c -> gone.add(c.id()));
        return out;
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

    /** The {@code n} closest, closest first: a bounded max-heap, not a sort of everything. */
    private static List<Contact> closest(Iterable<Contact> from, NodeId target, int n, NodeId exclude) {
        Comparator<Contact> byDistance = Comparator.comparing(Contact::id, target::compareDistance);
        PriorityQueue<Contact> farthestFirst = new PriorityQueue<>(n + 1, byDistance.reversed());
        for (Contact c : from) {
            if (c.id().equals(exclude)) {
                continue;
            }
            if (farthestFirst.size() < n) {
                farthestFirst.add(c);
            } else if (n > 0 && byDistance.compare(c, farthestFirst.peek()) < 0) {
                farthestFirst.poll();
                farthestFirst.add(c);
            }
        }
        List<Contact> out = new ArrayList<>(farthestFirst);
        out.sort(byDistance);
        return out;
    }

    private static final NodeId ZERO = new NodeId(0, 0, 0);
    private static final NodeId ONES = new NodeId(-1L, -1L, -1);
}
