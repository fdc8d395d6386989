package io.p2ptestbed.overlay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A seeded simulated world for node tests: one virtual scheduler, one {@link SimNetwork} with a
 * constant 10 ms one-way latency, and nodes on 127.0.0.x:6881 whose ids and generators all derive
 * from the world seed.
 */
public final class SimWorld {

    public static final long LATENCY_MILLIS = 10;

    public final VirtualScheduler scheduler = new VirtualScheduler();
    public final SimNetwork network;
    private final SplittableRandom seeds;

    public SimWorld(long seed) {
        this.seeds = new SplittableRandom(seed);
        this.network = new SimNetwork(scheduler, seeds.split(), LatencyModel.constant(LATENCY_MILLIS), 0.0);
    }

    public static NodeAddress address(int lastOctet) {
        return NodeAddress.of(127, 0, 0, lastOctet, 6881);
    }

    public KademliaNode startNode(int lastOctet) {
        return startNode(lastOctet, NodeConfig.defaults());
    }

    public KademliaNode startNode(int lastOctet, NodeConfig config) {
        SplittableRandom r = seeds.split();
        return startNode(address(lastOctet), NodeId.random(r), config, r);
    }

    public KademliaNode startNode(NodeAddress address, NodeId id, NodeConfig config) {
        return startNode(address, id, config, seeds.split());
    }

    private KademliaNode startNode(NodeAddress address, NodeId id, NodeConfig config, SplittableRandom rng) {
        KademliaNode n = new KademliaNode(id, config, network.open(address), scheduler, rng.split());
        n.start();
        return n;
    }

    public RawPeer rawPeer(NodeAddress address) {
        return new RawPeer(network.open(address));
    }

    /** A fresh generator derived from the world seed (for ids in tests). */
    public SplittableRandom random() {
        return seeds.split();
    }

    /** Runs virtual time until {@code f} completes (at most 10 virtual minutes) and returns its value. */
    public <T> T await(CompletableFuture<T> f) {
        boolean done = scheduler.runUntil(f::isDone, scheduler.nowMillis() + 600_000);
        assertThat(done).as("future completed within 10 virtual minutes").isTrue();
        return f.join();
    }

    /** Lets in-flight datagrams arrive and be answered (a few round trips). */
    public void settle() {
        scheduler.advance(10 * LATENCY_MILLIS);
    }
}
