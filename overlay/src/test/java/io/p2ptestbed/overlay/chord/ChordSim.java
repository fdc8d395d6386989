package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** A deterministic Chord world for tests: nodes made through the SPI registry on SimNetwork + VirtualScheduler. */
final class ChordSim {

    final VirtualScheduler scheduler = new VirtualScheduler();
    final SplittableRandom rng;
    final SimNetwork network;
    final OverlayProtocol protocol = Protocols.get("chord");
    final ProtocolParams params;
    final List<OverlayNode> nodes = new ArrayList<>();
    final boolean boundIds;

    ChordSim(long seed, Map<String, String> params) {
        this(seed, params, false);
    }

    ChordSim(long seed, Map<String, String> params, boolean boundIds) {
        this.rng = new SplittableRandom(seed);
        this.network = new SimNetwork(scheduler, rng.split(), LatencyModel.uniform(10, 100), 0);
        this.params = protocol.params(params);
        this.boundIds = boundIds;
    }

    static NodeAddress address(int i) {
        return NodeAddress.of(10, (i >>> 16) & 0xFF, (i >>> 8) & 0xFF, i & 0xFF, 4000 + (i >>> 24));
    }

    OverlayNode add() {
        NodeAddress a = address(nodes.size() + 1);
        SplittableRandom nodeRng = rng.split();
        NodeId id = boundIds ? ChordIds.forAddress(a) : NodeId.random(nodeRng);
        OverlayNode n = protocol.create(new NodeContext(id, network.open(a), scheduler, nodeRng, params));
        n.start();
        nodes.add(n);
        return n;
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

    List<OverlayNode> live() {
        return nodes.stream().filter(OverlayNode::isRunning).toList();
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

    <T> T await(CompletableFuture<T> f) {
        scheduler.runUntil(f::isDone, scheduler.nowMillis() + 600_000);
        return f.join();
    }

    /** Routes {@code count} random keys from random live nodes, all in flight at once. */
    List<RouteResult> lookups(int count, SplittableRandom r) {
        List<OverlayNode> live = live();
        List<CompletableFuture<RouteResult>> fs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OverlayNode from = live.get(r.nextInt(live.size()));
            fs.add(from.require(KeyRouting.class, "test lookups").route(NodeId.random(r)));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new));
        await(all);
        return fs.stream().map(CompletableFuture::join).toList();
    }

    /** Share of results whose owner is the key's true live successor. */
    double correctShare(List<RouteResult> rs) {
        ChordRing t = truth();
        long ok = rs.stream().filter(r -> r.found() && r.owner().id().equals(t.successorOf(r.key()))).count();
        return (double) ok / rs.size();
    }
}
