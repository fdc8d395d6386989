package io.p2ptestbed.harness.bitcoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.bitcoin.BitcoinNode;
import com.carrotsearch.hppc.LongIntHashMap;
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

    /**
     * The relay's observable behaviour at a small size: frames sent, events run, every node's counters and every
     * delivery (node, transaction, hops, virtual time), folded into one digest. The pinned figures were computed by
     * the relay before session 12's cost changes (main at f7afc63): those changes must leave the simulation as it was.
     */
    @Test
    void theRelayOfTheSameSeedSendsTheSameMessagesAndDeliversTheSameWayAsBeforeItsCostChanges() {
        RelayRun a = relayRun(150, 60, 5);
        assertThat(a.reachedAll).as("every transaction reached every node").isEqualTo(60);
        assertThat(relayRun(150, 60, 5)).isEqualTo(a);
        assertThat(List.of(a.messages, a.events, a.digest)).as("%s", a).isEqualTo(List.of(PINNED_MESSAGES, PINNED_EVENTS, PINNED_DIGEST));
    }

    private static final long PINNED_MESSAGES = 14_936L;
    private static final long PINNED_EVENTS = 19_540L;
    private static final long PINNED_DIGEST = -7_319_710_805_182_224_344L;

    record RelayRun(long messages, long events, int reachedAll, long digest) {}

    private static RelayRun relayRun(int n, int txs, long seed) {
        BitcoinBenchmark.World w = new BitcoinBenchmark.World(n, Map.of(), seed);
        LongIntHashMap reached = new LongIntHashMap();
        long[] digest = {0};
        for (int i = 0; i < n; i++) {
            long node = i;
            w.nodes.get(i).addDeliveryListener(d -> {
                reached.addTo(d.messageId(), 1);
                digest[0] = digest[0] * 1_000_003L + (node * 31 + d.messageId()) * 31 + d.hops() * 1_000_033L
                        + d.atMillis() + d.origin().hashCode();
            });
        }
        long sent = w.total("stream.framesSent");
        long events = w.scheduler.executedEvents();
        List<Long> ids = w.relay(txs, 20, w.rng.split(), reached);
        long h = digest[0];
        for (BitcoinNode node : w.nodes) {
            h = h * 1_000_003L + node.counters().toString().hashCode();
        }
        int all = 0;
        for (long id : ids) {
            all += reached.get(id) == n ? 1 : 0;
        }
        return new RelayRun(w.total("stream.framesSent") - sent, w.scheduler.executedEvents() - events, all, h);
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
