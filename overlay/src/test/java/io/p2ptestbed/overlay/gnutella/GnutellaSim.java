package io.p2ptestbed.overlay.gnutella;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.transport.sim.SimStreams;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A simulated Gnutella network for tests: n nodes joined one after another through node 0. */
final class GnutellaSim {
    final VirtualScheduler scheduler = new VirtualScheduler();
    final SimNetwork network;
    final SimStreams streams;
    final List<GnutellaNode> nodes = new ArrayList<>();
    final SplittableRandom rng;
    final ProtocolParams params;

    GnutellaSim(long seed, int n, Map<String, String> given) {
        rng = new SplittableRandom(seed);
        network = new SimNetwork(scheduler, rng.split(), LatencyModel.uniform(10, 50), 0);
        streams = new SimStreams(network);
        params = Protocols.get("gnutella").params(given);
        for (int i = 0; i < n; i++) {
            add(NodeAddress.of(127, 1, i >>> 8, i & 0xFF, 6346));
        }
        for (int i = 1; i < n; i++) {
            nodes.get(i).join(List.of(nodes.get(0).address()));
            scheduler.advance(20);
        }
        scheduler.advance(10_000);
    }

    GnutellaNode add(NodeAddress a) {
        return add(a, params);
    }

    GnutellaNode add(NodeAddress a, ProtocolParams p) {
        GnutellaNode node = (GnutellaNode) Protocols.get("gnutella").create(new NodeContext(
                io.p2ptestbed.overlay.chord.ChordIds.forAddress(a), network.open(a), scheduler, rng.split(), p,
                streams.open(a, StreamLimits.DEFAULT)));
        node.start();
        nodes.add(node);
        return node;
    }

    long total(String counter) {
        return nodes.stream().mapToLong(n -> n.counters().get(counter)).sum();
    }
}
