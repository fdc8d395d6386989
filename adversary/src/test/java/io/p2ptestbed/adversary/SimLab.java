package io.p2ptestbed.adversary;

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

/** A small simulated lab: honest Kademlia nodes on 127.(1+i%200).(i/200).1:6881, joined in virtual time. */
public final class SimLab {

    public final VirtualScheduler scheduler = new VirtualScheduler();
    public final SimNetwork network;
    public final List<KademliaNode> nodes = new ArrayList<>();
    private final SplittableRandom seeds;

    public SimLab(long seed) {
        this.seeds = new SplittableRandom(seed);
        this.network = new SimNetwork(scheduler, seeds.split(), LatencyModel.uniform(10, 50), 0);
    }

    public static NodeAddress honestAddress(int i) {
        return NodeAddress.of(127, 1 + i % 200, i / 200, 1, 6881);
    }

    /** Creates and joins {@code n} nodes with {@code config}; node i uses {@code configFor(i)} when given. */
    public SimLab grow(int n, NodeConfig config) {
        for (int i = 0; i < n; i++) {
            add(config);
        }
        return this;
    }

    public KademliaNode add(NodeConfig config) {
        int i = nodes.size();
        SplittableRandom rng = seeds.split();
        KademliaNode node = new KademliaNode(NodeId.random(rng), config, network.open(honestAddress(i)), scheduler, rng);
        node.start();
        nodes.add(node);
        if (i > 0) {
            await(node.bootstrap(List.of(nodes.get(0).address())), 60_000);
        }
        return node;
    }

    public AttackContext attackContext() {
        return AttackContext.simulated(network, seeds.split());
    }

    public SplittableRandom rng() {
        return seeds.split();
    }

    public List<NodeAddress> seeds() {
        return List.of(nodes.get(0).address());
    }

    /** Runs virtual time until {@code f} completes (at most {@code maxMillis}); returns its value or null. */
    public <T> T await(CompletableFuture<T> f, long maxMillis) {
        scheduler.runUntil(f::isDone, scheduler.nowMillis() + maxMillis);
        return f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }

    public void advance(long millis) {
        scheduler.advance(millis);
    }
}
