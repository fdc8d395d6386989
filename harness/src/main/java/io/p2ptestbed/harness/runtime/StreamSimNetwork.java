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
 */
public final class StreamSimNetwork {

    public final VirtualScheduler scheduler = new VirtualScheduler();
    public final List<OverlayNode> nodes = new ArrayList<>();
    public final SplittableRandom rng;

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
        rng = new SplittableRandom(seed);
        SimNetwork network = new SimNetwork(scheduler, rng.split(), LatencyModel.uniform(minLatencyMillis, maxLatencyMillis), 0);
        SimStreams streams = new SimStreams(network);
        OverlayProtocol p = Protocols.get(protocol);
        ProtocolParams pp = p.params(params);
        for (int i = 0; i < n; i++) {
            NodeAddress a = address.apply(i);
            OverlayNode node = p.create(new NodeContext(NodeId.ofAddress(a), network.open(a), scheduler, rng.split(), pp,
                    streams.open(a, StreamLimits.DEFAULT)));
            node.start();
            nodes.add(node);
        }
        if (seedNodes < 1 || seedNodes > n) {
            throw new IllegalArgumentException("seedNodes must be in [1, " + n + "], got " + seedNodes);
        }
        List<NodeAddress> seed0 = List.of(nodes.get(0).address());
        List<NodeAddress> seeds = nodes.subList(0, seedNodes).stream().map(OverlayNode::address).toList();
        for (int i = 1; i < n; i++) {
            nodes.get(i).join(i < seedNodes ? seed0 : seeds);
            scheduler.advance(joinGapMillis);
        }
        scheduler.advance(settleMillis);
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
