package io.p2ptestbed.overlay.ethereum;

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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A simulated Ethereum network for tests: n nodes in distinct /24s, joined one after another through node 0. */
final class EthSim {
    final VirtualScheduler scheduler = new VirtualScheduler();
    final SimNetwork network;
    final SimStreams streams;
    final List<EthNode> nodes = new ArrayList<>();
    final SplittableRandom rng;
    final ProtocolParams params;

    EthSim(long seed, int n, Map<String, String> given) {
        rng = new SplittableRandom(seed);
        network = new SimNetwork(scheduler, rng.split(), LatencyModel.uniform(10, 50), 0);
        streams = new SimStreams(network);
        params = Protocols.get("ethereum").params(given);
        for (int i = 0; i < n; i++) {
            add(address(i));
        }
        for (int i = 1; i < n; i++) {
            nodes.get(i).join(List.of(nodes.get(0).address()));
            scheduler.advance(200);
        }
        scheduler.advance(60_000);
    }

    static NodeAddress address(int i) {
        return NodeAddress.of(127, 1 + i % 100, i / 100, 1, 30303);
    }

    EthNode add(NodeAddress a) {
        EthNode node = (EthNode) Protocols.get("ethereum").create(new NodeContext(NodeId.ofAddress(a), network.open(a), scheduler,
                rng.split(), params, streams.open(a, StreamLimits.DEFAULT)));
        node.start();
        nodes.add(node);
        return node;
    }

    long total(String counter) {
        return nodes.stream().mapToLong(x -> x.counters().getOrDefault(counter, 0L)).sum();
    }
}
