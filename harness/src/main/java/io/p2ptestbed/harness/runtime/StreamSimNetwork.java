package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.transport.sim.SimStreams;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A bare simulated network of a stream overlay for benchmarks (no runtime, no recorder): n nodes of the named
 * protocol on one VirtualScheduler + SimNetwork (one-way latency uniform in [min, max] ms) + SimStreams, at the
 * addresses {@code address} gives, ids bound to their addresses, joined {@code joinGapMillis} apart through node 0 (or
 * through several seed nodes),
 * then run for {@code settleMillis}. Everything derives from {@code seed}.
 *
 * <p>Sharded ({@code threads >= 1}): the same nodes split into {@value SimulatedRuntime#SHARDS} shards (node i on
 * shard i mod {@value SimulatedRuntime#SHARDS}), each its own event loop, run by {@code threads} threads in windows of
 * the minimum latency ({@link ShardedClock}); the streams cross shards through the network's outboxes. The harness
 * acts only between windows: the joins are scheduled on the joiners' shards at the instants the single loop calls
 * them, and {@link #at} schedules anything else on a node's shard. A sharded run is a pure function of the seed (the
 * same on 1 thread as on 2) and differs from the single loop's run of the same seed.
 */
public final class StreamSimNetwork implements AutoCloseable {

    /** The single event loop; null when sharded. */
    public final VirtualScheduler scheduler;
    public final List<OverlayNode> nodes = new ArrayList<>();
    public final SplittableRandom rng;
    /** The shards' event loops ({@link #scheduler} alone on the single loop). */
    private final VirtualScheduler[] shards;
    /** The clock of a sharded network; null on the single loop. */
    private final ShardedClock clock;

    public StreamSimNetwork(String protocol, int n, Map<String, String> params, long seed, long minLatencyMillis,
                            long maxLatencyMillis, IntFunction<NodeAddress> address, long joinGapMillis, long settleMillis) {
        this(protocol, n, params, seed, minLatencyMillis, maxLatencyMillis, address, joinGapMillis, settleMillis, 1);
    }

    /**
     * As above, with {@code seedNodes} seed nodes (as a scenario's bootstrap nodes): the first {@code seedNodes} nodes
     * join through node 0, every later one through all of them (a Bitcoin node asks its seeds as Core asks DNS seeds).
     */
    public StreamSimNetwork(String protocol, int n, Map<String, String> params, long seed, long minLatencyMillis,
                            long maxLatencyMillis, IntFunction<NodeAddress> address, long joinGapMillis, long settleMillis,
                            int seedNodes) {
        this(protocol, n, params, seed, minLatencyMillis, maxLatencyMillis, address, joinGapMillis, settleMillis, seedNodes, 0);
    }

    /**
     * As above, on the single event loop ({@code threads} 0) or sharded on {@code threads} threads (1 runs the same
     * shards on the calling thread alone).
     */
    public StreamSimNetwork(String protocol, int n, Map<String, String> params, long seed, long minLatencyMillis,
                            long maxLatencyMillis, IntFunction<NodeAddress> address, long joinGapMillis, long settleMillis,
                            int seedNodes, int threads) {
        if (seedNodes < 1 || seedNodes > n) {
            throw new IllegalArgumentException("seedNodes must be in [1, " + n + "], got " + seedNodes);
        }
        if (threads < 0 || threads > SimulatedRuntime.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [0, " + SimulatedRuntime.MAX_THREADS + "] (0: the single "
                    + "event loop), got " + threads);
        }
        rng = new SplittableRandom(seed);
        LatencyModel latency = LatencyModel.uniform(minLatencyMillis, maxLatencyMillis);
        SimNetwork network;
        if (threads == 0) {
            scheduler = new VirtualScheduler();
            shards = new VirtualScheduler[] {scheduler};
            network = new SimNetwork(scheduler, rng.split(), latency, 0);
            clock = null;
        } else {
            scheduler = null;
            shards = new VirtualScheduler[SimulatedRuntime.SHARDS];
            long[] shardSeeds = new long[shards.length];
            SplittableRandom shardRng = rng.split(); // one draw, as the single loop's network takes
            for (int i = 0; i < shards.length; i++) {
                shards[i] = new VirtualScheduler();
                shardSeeds[i] = shardRng.nextLong();
            }
            network = new SimNetwork(shards, shardSeeds, latency, 0);
            clock = new ShardedClock(shards, threads, network, minLatencyMillis);
        }
        SimStreams streams = new SimStreams(network);
        OverlayProtocol p = Protocols.get(protocol);
        ProtocolParams pp = p.params(params);
        for (int i = 0; i < n; i++) {
            NodeAddress a = address.apply(i);
            int shard = i % shards.length;
            OverlayNode node = p.create(new NodeContext(NodeId.ofAddress(a), network.open(a, shard), shards[shard],
                    rng.split(), pp, streams.open(a, shard, StreamLimits.DEFAULT)));
            node.start();
            nodes.add(node);
        }
        List<NodeAddress> seed0 = List.of(nodes.get(0).address());
        List<NodeAddress> seeds = nodes.subList(0, seedNodes).stream().map(OverlayNode::address).toList();
        for (int i = 1; i < n; i++) {
            List<NodeAddress> via = i < seedNodes ? seed0 : seeds;
            if (clock == null) {
                nodes.get(i).join(via);
                scheduler.advance(joinGapMillis);
            } else {
                OverlayNode node = nodes.get(i);
                at(i, (i - 1) * joinGapMillis, () -> node.join(via));
            }
        }
        advance(clock == null ? settleMillis : (n - 1) * joinGapMillis + settleMillis);
    }

    /** Whether this network runs sharded. */
    public boolean sharded() {
        return clock != null;
    }

    /** Schedules {@code task} at virtual instant {@code at} on node {@code node}'s event loop (its shard's). */
    public void at(int node, long at, Runnable task) {
        shards[node % shards.length].scheduleAt(at, task);
    }

    /** Runs every event of the next {@code millis} virtual ms. */
    public void advance(long millis) {
        if (clock == null) {
            scheduler.advance(millis);
        } else {
            clock.runUntil(clock.nowMillis() + millis);
        }
    }

    public long nowMillis() {
        return clock == null ? scheduler.nowMillis() : clock.nowMillis();
    }

    /** Events run so far, over all shards. */
    public long executedEvents() {
        long e = 0;
        for (VirtualScheduler s : shards) {
            e += s.executedEvents();
        }
        return e;
    }

    /** The shard of node {@code node} (0 on the single loop). */
    public int shardOf(int node) {
        return node % shards.length;
    }

    /** Shards (1 on the single loop). */
    public int shards() {
        return shards.length;
    }

    /** CPU seconds of the sharded clock's worker threads (not the calling thread); 0 on the single loop. */
    public double workerCpuSeconds() {
        return clock == null ? 0 : clock.workerCpuSeconds();
    }

    /** The sharded clock's balance so far (measurement only); null on the single loop. */
    public ShardedClock.Balance balance() {
        return clock == null ? null : clock.balance();
    }

    @Override
    public void close() {
        if (clock != null) {
            clock.close();
        }
    }

    /** The sum of a counter over every node. */
    public long total(String counter) {
        long s = 0;
        for (OverlayNode node : nodes) {
            s += node.counters().getOrDefault(counter, 0L);
        }
        return s;
    }
}
