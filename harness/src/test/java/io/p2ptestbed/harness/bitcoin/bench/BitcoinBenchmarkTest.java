package io.p2ptestbed.harness.bitcoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.bitcoin.BitcoinNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BitcoinBenchmarkTest {

    @Test
    void theBenchmarksNetworkJoinsThroughItsSeedNodesAndEveryNodeGetsItsOutboundConnections() {
        BitcoinBenchmark.World w = new BitcoinBenchmark.World(200, Map.of(), 3);
        assertThat(w.minOutbound()).isEqualTo(8);
        assertThat(w.settledMillis).isEqualTo(120_000); // no extra settling was needed
        long seeded = w.nodes.stream().mapToLong(n -> n.counters().get("seeds")).sum();
        assertThat(seeded).as("every joiner asked up to 3 of the 10 seed nodes").isGreaterThanOrEqualTo(3L * (200 - 10));
    }

    @Test
    void theSameSeedBuildsTheSameNetwork() {
        assertThat(fingerprint(7)).isEqualTo(fingerprint(7)).isNotEqualTo(fingerprint(8));
    }

    private static List<String> fingerprint(long seed) {
        BitcoinBenchmark.World w = new BitcoinBenchmark.World(100, Map.of(), seed);
        List<String> out = new ArrayList<>();
        for (BitcoinNode n : w.nodes) {
            out.add(n.outboundPeers() + " " + n.inboundPeers() + " " + n.counters());
        }
        return out;
    }
}
