package io.p2ptestbed.adversary.chord;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.chord.ChordRing;
import io.p2ptestbed.overlay.chord.ChordView;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
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

/** A simulated Chord ring on lab addresses (127.50.x.y) with honest nodes and colluders. */
final class ChordLab {

    final VirtualScheduler scheduler = new VirtualScheduler();
    final SplittableRandom rng;
    final SimNetwork network;
    final ProtocolParams params;
    final List<OverlayNode> honest = new ArrayList<>();
    final List<OverlayNode> attackers = new ArrayList<>();
    final ChordColluders colluders = new ChordColluders();
    final LabGuard guard = LabGuard.loopbackOnly();

    ChordLab(long seed, Map<String, String> params) {
        rng = new SplittableRandom(seed);
        network = new SimNetwork(scheduler, rng.split(), LatencyModel.uniform(10, 100), 0);
        this.params = Protocols.get("chord").params(params);
    }

    /** Honest nodes with address-bound ids (honest nodes never mind the binding), joined and stabilised. */
    void honestRing(int n) {
        for (int i = 0; i < n; i++) {
            NodeAddress a = NodeAddress.of(127, 50, 0, i + 1, 7301);
            OverlayNode node = Protocols.get("chord").create(new NodeContext(ChordIds.forAddress(a), network.open(a),
                    scheduler, rng.split(), params));
            node.start();
            if (honest.isEmpty()) {
                node.join(List.of());
            } else {
                NodeAddress seed = honest.get(rng.nextInt(honest.size())).address();
                scheduler.schedule(i * 50L, () -> node.join(List.of(seed)));
            }
            honest.add(node);
        }
        scheduler.advance(n * 50L + 60_000);
    }

    OverlayNode attacker(NodeId id, ChordLie lie) {
        NodeAddress a = NodeAddress.of(127, 50, 100 + attackers.size() / 250, 1 + attackers.size() % 250, 7301);
        OverlayNode n = ChordSybils.create(id, network.open(a), scheduler, rng.split(), params, guard, lie, colluders);
        n.start();
        NodeAddress seed = honest.get(rng.nextInt(honest.size())).address();
        n.join(List.of(seed));
        attackers.add(n);
        return n;
    }

    static ChordView view(OverlayNode n) {
        return n.capability(ChordView.class).orElseThrow();
    }

    ChordRing truth() {
        List<NodeId> ids = new ArrayList<>();
        honest.forEach(n -> ids.add(n.id()));
        attackers.stream().filter(OverlayNode::isRunning).forEach(n -> ids.add(n.id()));
        return ChordRing.of(ids);
    }

    /** Share of lookups from honest nodes for random keys whose answer is not the key's true successor. */
    double misrouted(int lookups, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<CompletableFuture<RouteResult>> fs = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            OverlayNode from = honest.get(r.nextInt(honest.size()));
            fs.add(from.require(KeyRouting.class, "lookups").route(NodeId.random(r)));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new));
        scheduler.runUntil(all::isDone, scheduler.nowMillis() + 600_000);
        ChordRing t = truth();
        long wrong = fs.stream().map(CompletableFuture::join)
                .filter(res -> !res.found() || !res.owner().id().equals(t.successorOf(res.key()))).count();
        return (double) wrong / lookups;
    }
}
