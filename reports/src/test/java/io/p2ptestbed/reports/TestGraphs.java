package io.p2ptestbed.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Synthetic Kademlia-like eclipse snapshots for tests. */
final class TestGraphs {
    static final String VICTIM = "8000000000";

    private TestGraphs() {
    }

    /**
     * {@code honest} honest nodes with random 40-bit hex ids, {@code attackers} Sybils with ids
     * right next to the victim, each node knowing its {@code k} XOR-closest peers. The victim's
     * routing table holds {@code victimAttackerEntries} attackers and fills up with honest peers.
     */
    static OverlayGraph eclipse(int honest, int attackers, int k, int victimAttackerEntries, long seed) {
        Random rnd = new Random(seed);
        List<GraphNode> nodes = new ArrayList<>();
        nodes.add(new GraphNode(VICTIM, Role.VICTIM, "v-target"));
        for (int i = 0; i < honest; i++) {
            nodes.add(new GraphNode(String.format("%010x", rnd.nextLong() & 0xFFFFFFFFFFL), Role.HONEST, null));
        }
        for (int i = 0; i < attackers; i++) {
            nodes.add(new GraphNode(String.format("%010x", 0x8000000000L + 1 + i * 7L), Role.ATTACKER, "sybil-" + i));
        }
        List<GraphEdge> edges = new ArrayList<>();
        for (GraphNode n : nodes) {
            if (n.role() == Role.VICTIM) {
                continue;
            }
            long id = Long.parseLong(n.id(), 16);
            nodes.stream().filter(o -> o != n && o.role() != Role.VICTIM)
                    .sorted(Comparator.comparingLong(o -> Long.parseLong(o.id(), 16) ^ id))
                    .limit(k).forEach(o -> edges.add(new GraphEdge(n.id(), o.id())));
        }
        nodes.stream().filter(n -> n.role() == Role.ATTACKER).limit(victimAttackerEntries)
                .forEach(a -> edges.add(new GraphEdge(VICTIM, a.id())));
        nodes.stream().filter(n -> n.role() == Role.HONEST).limit(Math.max(0, k - victimAttackerEntries))
                .forEach(h -> edges.add(new GraphEdge(VICTIM, h.id())));
        nodes.stream().filter(n -> n.role() == Role.HONEST).limit(3)
                .forEach(h -> edges.add(new GraphEdge(h.id(), VICTIM)));
        return new OverlayGraph(nodes, edges);
    }

    /** Same graph with the first {@code count} honest nodes marked FAILED. */
    static OverlayGraph withFailures(OverlayGraph g, int count) {
        List<GraphNode> nodes = new ArrayList<>();
        int failed = 0;
        for (GraphNode n : g.nodes()) {
            if (n.role() == Role.HONEST && failed < count) {
                nodes.add(new GraphNode(n.id(), Role.FAILED, n.label()));
                failed++;
            } else {
                nodes.add(n);
            }
        }
        return new OverlayGraph(nodes, g.edges());
    }
}
