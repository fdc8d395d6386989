package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A simulated network of one stream overlay for tests (the test fixture of Bitcoin, Ethereum and Gnutella): datagrams
 * and streams over one {@link SimNetwork} with 10..50 ms of latency, n nodes joined one after another through node 0,
 * every node with its own split of the seed's generator.
 *
 * @param <N> the protocol's node class
 */
public class StreamSim<N extends OverlayNode> {
    public final VirtualScheduler scheduler = new VirtualScheduler();
    public final SimNetwork network;
    public final SimStreams streams;
    public final List<N> nodes = new ArrayList<>();
    public final SplittableRandom rng;
    public final ProtocolParams params;
    private final String protocol;
    private final Function<NodeAddress, NodeId> ids;

    /** An empty network of {@code protocol} with the {@code given} parameters; {@code ids} names a node at an address. */
    protected StreamSim(String protocol, long seed, Map<String, String> given, Function<NodeAddress, NodeId> ids) {
        this.protocol = protocol;
        this.ids = ids;
        rng = new SplittableRandom(seed);
        network = new SimNetwork(scheduler, rng.split(), LatencyModel.uniform(10, 50), 0);
        streams = new SimStreams(network);
        params = Protocols.get(protocol).params(given);
    }

    /**
     * Starts n nodes at {@code address(0..n-1)}, joins nodes 1..n-1 through node 0 with {@code joinGapMillis} between
     * joins, then lets the network settle for {@code settleMillis}.
     */
    protected final void build(int n, IntFunction<NodeAddress> address, long joinGapMillis, long settleMillis) {
        for (int i = 0; i < n; i++) {
            add(address.apply(i));
        }
        for (int i = 1; i < n; i++) {
            nodes.get(i).join(List.of(nodes.get(0).address()));
            scheduler.advance(joinGapMillis);
        }
        scheduler.advance(settleMillis);
    }

    /** Starts a node at {@code a} with the network's parameters. */
    public N add(NodeAddress a) {
        return add(a, params);
    }

    /** Starts a node at {@code a} with its own parameters. */
    @SuppressWarnings("unchecked")
    public N add(NodeAddress a, ProtocolParams p) {
        N node = (N) Protocols.get(protocol).create(new NodeContext(ids.apply(a), network.open(a), scheduler, rng.split(), p,
                streams.open(a, StreamLimits.DEFAULT)));
        node.start();
        nodes.add(node);
        return node;
    }

    /** A counter summed over every node (0 where a node does not have it). */
    public long total(String counter) {
        return nodes.stream().mapToLong(x -> x.counters().getOrDefault(counter, 0L)).sum();
    }
}
