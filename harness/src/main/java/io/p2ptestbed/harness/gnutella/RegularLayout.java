package io.p2ptestbed.harness.gnutella;

import io.p2ptestbed.overlay.gnutella.GnutellaNode;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.transport.sim.SimStreams;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.generate.RandomRegularGraphGenerator;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.util.SupplierUtil;

/**
 * N Gnutella servents on one VirtualScheduler + SimNetwork + SimStreams, laid out as a uniform random d-regular
 * simple graph (JGraphT's {@link RandomRegularGraphGenerator}, from the seed): every servent is given its
 * neighbours as a fixed peer list ({@code topology=static}, {@code maxInbound=d}) and the lower-numbered end of
 * each edge opens the connection; each connection still opens with the 0.4 handshake and a ping/pong exchange
 * on the stream transport. Node i listens on 127.(2 + i/65536).(i/256 % 256).(i % 256):6346. Everything derives
 * from the seed: the graph, then the network's generator, then each node's. Used by the reach experiment (where
 * the tree formula needs a d-regular graph) and by the flooding benchmark.
 */
public final class RegularLayout {

    public final VirtualScheduler scheduler = new VirtualScheduler();
    public final List<GnutellaNode> nodes = new ArrayList<>();
    public final Graph<Integer, DefaultEdge> graph;
    /** The layout's generator after the graph, the network and the nodes took theirs. */
    public final SplittableRandom rng;

    /**
     * Builds and connects the servents, then runs {@code settleMillis} of virtual time. {@code params} adds to
     * (or overrides) the gnutella parameters beyond the layout's own ({@code topology}, {@code degree},
     * {@code maxInbound}).
     */
    public RegularLayout(int n, int d, Map<String, String> params, LatencyModel latency, long seed, long settleMillis) {
        if (d < 2 || d >= n || ((long) n * d) % 2 != 0) {
            throw new IllegalArgumentException("a d-regular graph of " + n + " nodes needs 2 <= d < N and N·d even, got d = " + d);
        }
        rng = new SplittableRandom(seed);
        graph = new SimpleGraph<>(SupplierUtil.createIntegerSupplier(), SupplierUtil.DEFAULT_EDGE_SUPPLIER, false);
        new RandomRegularGraphGenerator<Integer, DefaultEdge>(n, d, rng.nextLong()).generateGraph(graph);
        SimNetwork network = new SimNetwork(scheduler, rng.split(), latency, 0);
        SimStreams streams = new SimStreams(network);
        Map<String, String> given = new LinkedHashMap<>();
        given.put("topology", "static");
        given.put("degree", "" + d);
        given.put("maxInbound", "" + d);
        given.putAll(params);
        ProtocolParams p = Protocols.get(GnutellaNode.PROTOCOL).params(given);
        for (int i = 0; i < n; i++) {
            NodeAddress a = NodeAddress.of(127, 2 + (i >>> 16), (i >>> 8) & 0xFF, i & 0xFF, 6346);
            GnutellaNode node = (GnutellaNode) Protocols.get(GnutellaNode.PROTOCOL).create(new NodeContext(NodeId.ofAddress(a),
                    network.open(a), scheduler, rng.split(), p, streams.open(a, StreamLimits.DEFAULT)));
            node.start();
            nodes.add(node);
        }
        // the lower-numbered end of every edge opens the connection (sorted: the same order every run)
        for (int i = 0; i < n; i++) {
            List<NodeAddress> seeds = new ArrayList<>();
            for (int j : Graphs.neighborListOf(graph, i).stream().sorted().toList()) {
                if (j > i) {
                    seeds.add(nodes.get(j).address());
                }
            }
            nodes.get(i).join(seeds);
        }
        scheduler.advance(settleMillis);
    }

    /** Nodes whose open connections are not exactly d (0 when the layout took). */
    public int irregular(int d) {
        int bad = 0;
        for (GnutellaNode g : nodes) {
            if (g.degree() != d) {
                bad++;
            }
        }
        return bad;
    }

    public void stop() {
        nodes.forEach(GnutellaNode::stop);
    }
}
