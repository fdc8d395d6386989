package io.p2ptestbed.overlay.gnutella;

import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.sim.StreamSim;
import java.util.Map;

/** A simulated Gnutella network for tests: n nodes joined one after another through node 0. */
final class GnutellaSim extends StreamSim<GnutellaNode> {

    GnutellaSim(long seed, int n, Map<String, String> given) {
        super("gnutella", seed, given, ChordIds::forAddress);
        build(n, i -> NodeAddress.of(127, 1, i >>> 8, i & 0xFF, 6346), 20, 10_000);
    }
}
