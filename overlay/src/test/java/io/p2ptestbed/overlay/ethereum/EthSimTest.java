package io.p2ptestbed.overlay.ethereum;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One small network per test (every packet is signed and its signer recovered: secp256k1 costs about 1 ms a packet). */
class EthSimTest {

    @Test
    void nodesDiscoverEachOtherKeepGethsSlotsAndRelayATransactionToEveryNode() {
        EthSim sim = new EthSim(1, 16, Map.of("maxPeers", "9"));
        for (EthNode n : sim.nodes) {
            assertThat(n.table().size()).as("table of %s", n.address()).isGreaterThanOrEqualTo(8);
            assertThat(n.outboundPeers().size()).as("dialled by %s", n.address()).isBetween(1, 3); // 9 / 3
            assertThat(n.inboundPeers().size()).as("inbound of %s", n.address()).isLessThanOrEqualTo(6);
            assertThat(n.db().size()).isGreaterThanOrEqualTo(n.table().size());
        }
        assertThat(sim.total("malformed")).isZero();
        assertThat(sim.total("stream.handlerErrors")).as("exceptions in the node's handlers").isZero();
        // findnode is answered only after bonding; one may rarely overtake the pong that proves the endpoint (UDP reorders)
        assertThat(sim.total("findnode.unbonded")).isLessThanOrEqualTo(2);

        List<Broadcast.Delivery> ds = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(ds::add));
        long id = sim.nodes.get(7).publish("hello".getBytes());
        sim.scheduler.advance(10_000);
        Set<Object> at = new HashSet<>();
        ds.forEach(d -> at.add(d.at()));
        assertThat(at).hasSize(16);
        assertThat(ds).hasSize(16).allMatch(d -> d.messageId() == id && d.origin().equals(sim.nodes.get(7).id()));
        assertThat(ds.stream().filter(d -> d.hops() == 0)).hasSize(1);
    }

    @Test
    void malformedDatagramsAreCountedAndTheNodeKeepsServing() {
        EthSim sim = new EthSim(3, 6, Map.of());
        EthNode victim = sim.nodes.get(4);
        NodeAddress junk = NodeAddress.of(127, 99, 0, 1, 30303);
        var t = sim.network.open(junk);
        t.send(victim.address(), new byte[] {1, 2, 3});
        t.send(victim.address(), new byte[2000]);
        byte[] ok = Discv4.encode(NodeKey.generate(new java.util.SplittableRandom(1)),
                new Discv4.FindNode(new byte[64], EthNode.LAB_EPOCH_SECONDS + 1_000_000));
        ok[ok.length - 1] ^= 1;
        t.send(victim.address(), ok);
        // an expired ping is dropped as expired
        t.send(victim.address(), Discv4.encode(NodeKey.generate(new java.util.SplittableRandom(2)),
                new Discv4.Ping(4, new Discv4.Endpoint(junk.ip(), 30303, 30303), new Discv4.Endpoint(0, 0, 0), 5, -1)));
        sim.scheduler.advance(1_000);
        assertThat(victim.counters().get("malformed")).isEqualTo(3);
        assertThat(victim.counters().get("expired")).isEqualTo(1);
        CompletableFuture<Boolean> f = sim.nodes.get(2).ping(victim.address());
        sim.scheduler.advance(2_000);
        assertThat(f).isCompletedWithValue(true);
    }

    /**
     * Two processes on one host (two containers): the joiner's clock started 60 s after the bootnode's. Packet
     * expirations are absolute Unix seconds, so the bootnode must not see the joiner's pings as expired (with a
     * process-relative clock it did: the joiner never bonded, and a container started 20 s late never joined).
     */
    @Test
    void aNodeWhoseClockStartedLaterJoinsBecauseExpirationsAreAbsolute() {
        EthSim sim = new EthSim(5, 4, Map.of());
        NodeAddress a = EthSim.address(50);
        Scheduler later = new ShiftedScheduler(sim.scheduler, 60_000);
        EthNode late = (EthNode) Protocols.get("ethereum").create(new NodeContext(NodeId.ofAddress(a), sim.network.open(a),
                later, sim.rng.split(), sim.params, sim.streams.open(a, StreamLimits.DEFAULT)));
        late.start();
        EthNode boot = sim.nodes.get(0);
        assertThat(later.unixSeconds()).isEqualTo(sim.scheduler.unixSeconds());
        CompletableFuture<Void> joined = late.join(List.of(boot.address()));
        sim.scheduler.advance(5_000);
        assertThat(joined).isCompleted();
        assertThat(boot.counters().get("expired")).as("the late node's packets at the bootnode").isZero();
        assertThat(late.table().contains(boot.enodeId())).as("the bootnode in the late node's table").isTrue();
        assertThat(boot.table().contains(late.enodeId())).as("the late node in the bootnode's table").isTrue();
    }

    /**
     * Two identical pings (same target, same second: the same hash, as signatures are deterministic) both hear the one
     * pong (before, the second replaced the first, whose caller never heard back).
     */
    @Test
    void identicalPingsInFlightAreBothAnswered() {
        EthSim sim = new EthSim(6, 3, Map.of());
        EthNode a = sim.nodes.get(1);
        NodeAddress b = sim.nodes.get(2).address();
        CompletableFuture<Boolean> first = a.ping(b);
        CompletableFuture<Boolean> second = a.ping(b);
        sim.scheduler.advance(2_000);
        assertThat(first).isCompletedWithValue(true);
        assertThat(second).isCompletedWithValue(true);
        // and an unanswered ping is answered by its timeout, exactly once
        CompletableFuture<Boolean> none = a.ping(NodeAddress.of(127, 99, 0, 2, 30303));
        sim.scheduler.advance(2_000);
        assertThat(none).isCompletedWithValue(false);
    }

    /** The clock of a process that started {@code laterMillis} after the simulation's: same host clock, later zero. */
    private record ShiftedScheduler(Scheduler inner, long laterMillis) implements Scheduler {
        @Override
        public long nowMillis() {
            return inner.nowMillis() - laterMillis;
        }

        @Override
        public long unixMillisAtZero() {
            return inner.unixMillisAtZero() + laterMillis;
        }

        @Override
        public Cancellable schedule(long delayMillis, Runnable task) {
            return inner.schedule(delayMillis, task);
        }

        @Override
        public void execute(Runnable task) {
            inner.execute(task);
        }
    }

    @Test
    void theSameSeedGivesTheSameNetwork() {
        assertThat(snapshot(11)).isEqualTo(snapshot(11));
    }

    private static List<String> snapshot(long seed) {
        EthSim sim = new EthSim(seed, 8, Map.of());
        List<String> out = new ArrayList<>();
        for (EthNode n : sim.nodes) {
            out.add(n.address() + " table " + n.table().nodes() + " out " + n.outboundPeers() + " in " + n.inboundPeers()
                    + " " + n.counters());
        }
        return out;
    }
}
