package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A partition as a Jepsen grudge: each node maps to the set of nodes whose traffic it drops. A datagram
 * from a to b is lost when {@code grudge[b]} contains a. Addresses absent from the grudge (Sybils,
 * clients) are not partitioned. Factories follow Jepsen's {@code complete}, {@code bridge} and
 * {@code majorities-ring} partitions.
 *
 * @param kind   the factory that made it, for labels
 * @param grudge receiver to the senders it drops
 */
public record Partition(String kind, Map<NodeAddress, Set<NodeAddress>> grudge) implements LinkFault {

    public Partition {
        Map<NodeAddress, Set<NodeAddress>> copy = new LinkedHashMap<>();
        grudge.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        grudge = java.util.Collections.unmodifiableMap(copy);
    }

    /** Two halves that cannot hear each other. */
    public static Partition complete(Collection<NodeAddress> a, Collection<NodeAddress> b) {
        requireDisjoint(a, b);
        Map<NodeAddress, Set<NodeAddress>> g = new LinkedHashMap<>();
        a.forEach(n -> g.put(n, Set.copyOf(b)));
        b.forEach(n -> g.put(n, Set.copyOf(a)));
        return new Partition("complete " + a.size() + "|" + b.size(), g);
    }

    /** Splits {@code nodes} into its first and second half (the first half gets the smaller share when odd). */
    public static Partition halves(List<NodeAddress> nodes) {
        int mid = nodes.size() / 2;
        return complete(nodes.subList(0, mid), nodes.subList(mid, nodes.size()));
    }

    /**
     * Two halves cut apart except for one node in the middle ({@code nodes[n/2]}) that both sides still
     * reach and that reaches both.
     */
    public static Partition bridge(List<NodeAddress> nodes) {
        if (nodes.size() < 3) {
            throw new IllegalArgumentException("a bridge partition needs at least 3 nodes, got " + nodes.size());
        }
        int mid = nodes.size() / 2;
        List<NodeAddress> a = nodes.subList(0, mid);
        List<NodeAddress> b = nodes.subList(mid + 1, nodes.size());
        Map<NodeAddress, Set<NodeAddress>> g = new LinkedHashMap<>();
        a.forEach(n -> g.put(n, Set.copyOf(b)));
        b.forEach(n -> g.put(n, Set.copyOf(a)));
        return new Partition("bridge " + a.size() + "|1|" + b.size(), g);
    }

    /** One node cut off from all {@code others}, both ways. */
    public static Partition isolate(NodeAddress node, Collection<NodeAddress> others) {
        Set<NodeAddress> rest = new HashSet<>(others);
        rest.remove(node);
        Map<NodeAddress, Set<NodeAddress>> g = new LinkedHashMap<>();
        g.put(node, rest);
        rest.forEach(o -> g.put(o, Set.of(node)));
        return new Partition("isolate " + node, g);
    }

    /**
     * Nodes shuffled into a ring; each hears only the nodes within ring distance r, where r is the
     * smallest radius giving it a majority. Every node sees a majority, and (for 5 or more nodes) no two
     * see the same one.
     */
    public static Partition majoritiesRing(List<NodeAddress> nodes, RandomGenerator rng) {
        int n = nodes.size();
        if (n < 3) {
            throw new IllegalArgumentException("a majorities ring needs at least 3 nodes, got " + n);
        }
        List<NodeAddress> ring = new ArrayList<>(nodes);
        for (int i = n - 1; i > 0; i--) {
            java.util.Collections.swap(ring, i, rng.nextInt(i + 1));
        }
        int majority = n / 2 + 1;
        int radius = majority / 2;
        Map<NodeAddress, Set<NodeAddress>> g = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Set<NodeAddress> dropped = new HashSet<>();
            for (int j = 0; j < n; j++) {
                int d = Math.abs(i - j);
                if (Math.min(d, n - d) > radius) {
                    dropped.add(ring.get(j));
                }
            }
            g.put(ring.get(i), dropped);
        }
        return new Partition("majorities-ring " + n, g);
    }

    /** Whether {@code to} drops traffic from {@code from}. */
    public boolean blocks(NodeAddress from, NodeAddress to) {
        Set<NodeAddress> g = grudge.get(to);
        return g != null && g.contains(from);
    }

    @Override
    public LinkEffect apply(NodeAddress from, NodeAddress to, RandomGenerator rng) {
        return blocks(from, to) ? LinkEffect.DROP : LinkEffect.NONE;
    }

    @Override
    public String label() {
        return "partition " + kind;
    }

    private static void requireDisjoint(Collection<NodeAddress> a, Collection<NodeAddress> b) {
        Set<NodeAddress> s = new HashSet<>(a);
        for (NodeAddress x : b) {
            if (s.contains(x)) {
                throw new IllegalArgumentException("partition halves overlap at " + x);
            }
        }
    }
}
