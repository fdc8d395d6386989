package io.p2ptestbed.harness.bitcoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.ChildJvm;
import io.p2ptestbed.harness.runtime.Addresses;
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

    /**
     * Simulated nodes bind no socket: their addresses take {@link Addresses#SIMULATED_PORT}, not the lab port of
     * {@code TESTBED_LAB_PORT} (addresses feed node ids, the address manager's buckets and the addr frames, so the
     * environment chose the figures). A JVM whose TESTBED_LAB_PORT is neither 6881 nor this one's gives the pinned run.
     */
    @Test
    void theFiguresDoNotDependOnTheLabPortOfTheEnvironment() throws Exception {
        try (BitcoinBenchmark.World w = new BitcoinBenchmark.World(20, Map.of(), 5)) {
            assertThat(w.nodes).allSatisfy(n -> assertThat(n.address().port()).isEqualTo(Addresses.SIMULATED_PORT));
        }
        int port = ChildJvm.otherPort(Addresses.PORT, 7599, 7598);
        List<String> lines = ChildJvm.run(BitcoinBenchmarkTest.class, "TESTBED_LAB_PORT", String.valueOf(port));
        assertThat(lines).as("the pinned relay in a JVM with TESTBED_LAB_PORT=%d", port)
                .contains("relay " + List.of(PINNED_MESSAGES, PINNED_EVENTS, PINNED_DIGEST));
    }

    /** The child JVM of {@link #theFiguresDoNotDependOnTheLabPortOfTheEnvironment}: the pinned relay's figures. */
    public static void main(String[] args) {
        RelayRun a = relayRun(150, 60, 5);
        System.out.println("relay " + List.of(a.messages, a.events, a.digest));
    }

    private static final long PINNED_MESSAGES = 14_936L;
    private static final long PINNED_EVENTS = 19_540L;
    private static final long PINNED_DIGEST = -7_319_710_805_182_224_344L;

    record RelayRun(long messages, long events, int reachedAll, long digest) {}

    /**
     * The sharded network (16 shards) is a pure function of the seed: on one thread and on two, the same build (every
     * node's peers and counters), the same relay (frames, events, every delivery) and every transaction at every node.
     */
    @Test
    void theShardedRelayIsTheSameOnOneAndTwoThreads() {
        RelayRun one = relayRun(150, 60, 5, 1);
        RelayRun two = relayRun(150, 60, 5, 2);
        assertThat(one.reachedAll).as("every transaction reached every node").isEqualTo(60);
        assertThat(one.messages).as("frames relayed").isGreaterThan(10_000L);
        assertThat(two).as("1 vs 2 threads").isEqualTo(one);
        assertThat(one.digest).as("the sharded run differs from the single loop's").isNotEqualTo(PINNED_DIGEST);
    }

    private static RelayRun relayRun(int n, int txs, long seed) {
        return relayRun(n, txs, seed, 0);
    }

    /**
     * One relay: frames, events, transactions at every node, and a digest of the network after the build (every
     * node's peers and counters), every delivery (node, transaction, hops, virtual time, origin; folded per node in
     * delivery order, then over the nodes) and every node's counters at the end.
     */
    private static RelayRun relayRun(int n, int txs, long seed, int threads) {
        try (BitcoinBenchmark.World w = new BitcoinBenchmark.World(n, Map.of(), seed, threads)) {
            long built = 0;
            for (BitcoinNode node : w.nodes) {
                built = built * 1_000_003L + (node.outboundPeers() + " " + node.inboundPeers() + " " + node.counters()).hashCode();
            }
            // the single loop folds every delivery into one digest in event order (as the pinned figures were
            // computed); sharded, each node folds its own (on its shard), and the nodes' digests are folded in order
            long[] digest = new long[threads == 0 ? 1 : n];
            for (int i = 0; i < n; i++) {
                long node = i;
                int k = threads == 0 ? 0 : i;
                w.nodes.get(i).addDeliveryListener(d -> digest[k] = digest[k] * 1_000_003L + (node * 31 + d.messageId()) * 31
                        + d.hops() * 1_000_033L + d.atMillis() + d.origin().hashCode());
            }
            long sent = w.total("stream.framesSent");
            long events = w.net.executedEvents();
            List<Long> ids = w.relay(txs, 20, w.rng.split());
            long h = threads == 0 ? digest[0] : built;
            for (int i = 0; threads > 0 && i < n; i++) {
                h = h * 1_000_003L + digest[i];
            }
            for (BitcoinNode node : w.nodes) {
                h = h * 1_000_003L + node.counters().toString().hashCode();
            }
            int all = 0;
            for (long id : ids) {
                all += w.reached(id) == n ? 1 : 0;
            }
            return new RelayRun(w.total("stream.framesSent") - sent, w.net.executedEvents() - events, all, h);
        }
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
