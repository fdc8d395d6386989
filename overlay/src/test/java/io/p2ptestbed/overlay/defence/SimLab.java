package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A seeded, virtual-time network of real Kademlia nodes for defence tests. */
final class SimLab {

    final VirtualScheduler scheduler = new VirtualScheduler();
    final SplittableRandom seed;
    final SimNetwork network;
    final List<KademliaNode> nodes = new ArrayList<>();

    SimLab(long seed) {
        this.seed = new SplittableRandom(seed);
        this.network = new SimNetwork(scheduler, this.seed.split(), LatencyModel.uniform(10, 50), 0);
    }

    /** Honest address number i: each node in its own /24, as on the Internet. */
    static NodeAddress honest(int i) {
        return NodeAddress.of(127, 1 + i % 200, i / 200, 1, 6881);
    }

    KademliaNode node(NodeId id, NodeAddress address, NodeConfig config) {
        KademliaNode n = new KademliaNode(id, config, network.open(address), scheduler, seed.split());
        n.start();
        nodes.add(n);
        return n;
    }

    /** Creates {@code count} honest nodes; ids from {@code ids}, given each node's address. */
    List<KademliaNode> honestNodes(int count, NodeConfig config, Function<NodeAddress, NodeId> ids) {
        List<KademliaNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NodeAddress a = honest(nodes.size());
            out.add(node(ids.apply(a), a, config));
        }
        return out;
    }

    List<KademliaNode> honestNodes(int count) {
        SplittableRandom ids = seed.split();
        return honestNodes(count, NodeConfig.defaults(), a -> NodeId.random(ids));
    }

    /** Joins every node through the first one, spaced by 100 ms, then lets the network settle. */
    void joinAll(List<KademliaNode> joining) {
        NodeAddress boot = joining.get(0).address();
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 1; i < joining.size(); i++) {
            KademliaNode n = joining.get(i);
            CompletableFuture<Void> f = new CompletableFuture<>();
            scheduler.schedule(i * 100L, () -> n.bootstrap(List.of(boot)).whenComplete((v, e) -> f.complete(null)));
            joins.add(f);
        }
        await(CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)));
        scheduler.advance(5_000);
    }

    <T> T await(CompletableFuture<T> f) {
        scheduler.runUntil(f::isDone, scheduler.nowMillis() + 600_000);
        if (!f.isDone()) {
            throw new AssertionError("did not complete within 600 s of virtual time");
        }
        return f.join();
    }

    /** The {@code n} ids closest to {@code target} among the given nodes: the ground truth. */
    static List<NodeId> trueClosest(List<KademliaNode> among, NodeId target, int n) {
        return among.stream().map(KademliaNode::id).sorted((x, y) -> target.compareDistance(x, y)).limit(n).toList();
    }

    /** The ground truth for a lookup run by {@code asker}, which never returns the asker itself. */
    static List<NodeId> trueClosest(List<KademliaNode> among, KademliaNode asker, NodeId target, int n) {
        return trueClosest(among.stream().filter(x -> x != asker).toList(), target, n);
    }
}
