package io.p2ptestbed.overlay.bitcoin;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.transport.sim.StreamSim;
import java.util.Map;

/** A simulated Bitcoin network for tests: n nodes over 100 /16 groups, joined one after another through node 0. */
final class BitcoinSim extends StreamSim<BitcoinNode> {

    BitcoinSim(long seed, int n, Map<String, String> given) {
        this(seed, n, given, BitcoinSim::address);
    }

    /** n nodes at {@code address(i)}. */
    BitcoinSim(long seed, int n, Map<String, String> given, java.util.function.IntFunction<NodeAddress> address) {
        super("bitcoin", seed, given, NodeId::ofAddress);
        build(n, address, 20, 60_000);
    }

    static NodeAddress address(int i) {
        return NodeAddress.of(127, 1 + i % 100, i / 100, 1, 8333);
    }
}
