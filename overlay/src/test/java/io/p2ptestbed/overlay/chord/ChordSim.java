package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.RoutingSim;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A deterministic Chord world for tests: nodes made through the SPI registry on SimNetwork + VirtualScheduler. */
final class ChordSim extends RoutingSim {

    final boolean boundIds;

    ChordSim(long seed, Map<String, String> params) {
        this(seed, params, false);
    }

    ChordSim(long seed, Map<String, String> params, boolean boundIds) {
        super("chord", seed, params, LatencyModel.uniform(10, 100));
        this.boundIds = boundIds;
    }

    @Override
    protected NodeId idFor(NodeAddress a, SplittableRandom nodeRng) {
        return boundIds ? ChordIds.forAddress(a) : NodeId.random(nodeRng);
    }

    /** Adds n nodes; node k joins through a random earlier node at k * gapMillis. */
    void grow(int n, long gapMillis) {
        int before = nodes.size();
        for (int k = 0; k < n; k++) {
            OverlayNode node = add();
            if (nodes.size() == 1) {
                node.join(List.of());
                continue;
            }
            OverlayNode seed = nodes.get(rng.nextInt(nodes.size() - 1));
            scheduler.schedule((long) (k) * gapMillis, () -> node.join(List.of(seed.address())));
        }
        scheduler.advance((long) n * gapMillis + 1);
        assert nodes.size() == before + n;
    }

    ChordRing truth() {
        return ChordRing.of(live().stream().map(OverlayNode::id).toList());
    }

    static ChordView view(OverlayNode n) {
        return n.capability(ChordView.class).orElseThrow();
    }

    /** Nodes whose first successor or predecessor is not the true one. */
    int wrongPointers() {
        ChordRing t = truth();
        int wrong = 0;
        for (OverlayNode n : live()) {
            ChordView v = view(n);
            List<Contact> s = v.successors();
            if (s.isEmpty() || !s.get(0).id().equals(t.successorOfNode(n.id()))) {
                wrong++;
            } else if (v.predecessor() == null || !v.predecessor().id().equals(t.predecessorOf(n.id()))) {
                wrong++;
            }
        }
        return wrong;
    }

    /** Runs until every pointer is right (checked each second); returns whether it got there by the deadline. */
    boolean stabilize(long maxMillis) {
        long end = scheduler.nowMillis() + maxMillis;
        while (scheduler.nowMillis() < end) {
            if (wrongPointers() == 0) {
                return true;
            }
            scheduler.advance(1000);
        }
        return wrongPointers() == 0;
    }

    /** Share of results whose owner is the key's true live successor. */
    double correctShare(List<RouteResult> rs) {
        ChordRing t = truth();
        long ok = rs.stream().filter(r -> r.found() && r.owner().id().equals(t.successorOf(r.key()))).count();
        return (double) ok / rs.size();
    }
}
