package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.transport.sim.StreamSim;
import java.util.Map;

/** A simulated Ethereum network for tests: n nodes in distinct /24s, joined one after another through node 0. */
final class EthSim extends StreamSim<EthNode> {

    EthSim(long seed, int n, Map<String, String> given) {
        super("ethereum", seed, given, NodeId::ofAddress);
        build(n, EthSim::address, 200, 60_000);
    }

    static NodeAddress address(int i) {
        return NodeAddress.of(127, 1 + i % 100, i / 100, 1, 30303);
    }
}
