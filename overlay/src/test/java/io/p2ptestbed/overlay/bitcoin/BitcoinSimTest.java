package io.p2ptestbed.overlay.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BitcoinSimTest {

    @Test
    void nodesFillTheirOutboundSlotsOnePerGroupAndKeepInboundWithinItsSlots() {
        BitcoinSim sim = new BitcoinSim(1, 120, Map.of("maxInbound", "30"));
        for (BitcoinNode n : sim.nodes) {
            List<NodeAddress> out = n.outboundPeers();
            assertThat(out).as("outbound of %s", n.address()).hasSize(8);
            assertThat(out.stream().map(n.addrMan()::group).distinct().count()).as("one per /16 group").isEqualTo(8);
            assertThat(n.inboundPeers().size()).isLessThanOrEqualTo(30);
            assertThat(n.addrMan().size()).isGreaterThan(8);
            n.addrMan().check();
        }
        // outbound connections come from "tried" after the handshake
        assertThat(sim.nodes.get(50).addrMan().triedSize()).isGreaterThanOrEqualTo(8);
        assertThat(sim.total("stream.handlerErrors")).as("exceptions in the node's handlers").isZero();
    }

    @Test
    void inOneSlash16NodesKeepOneOutboundConnectionByDefaultAndEightWithSlash24Groups() {
        // as in a docker lab network: every node in one /16, each in a /24 of its own
        java.util.function.IntFunction<NodeAddress> oneSlash16 = i -> NodeAddress.of(127, 5, i, 10, 8333);
        BitcoinSim slash16 = new BitcoinSim(7, 40, Map.of(), oneSlash16);
        for (BitcoinNode n : slash16.nodes) {
            assertThat(n.outboundPeers()).as("outbound of %s with /16 groups", n.address()).hasSizeLessThanOrEqualTo(1);
        }
        BitcoinSim slash24 = new BitcoinSim(7, 100, Map.of("groupBits", "24"), oneSlash16);
        for (BitcoinNode n : slash24.nodes) {
            List<NodeAddress> out = n.outboundPeers();
            assertThat(out).as("outbound of %s with /24 groups", n.address()).hasSize(8);
            assertThat(out.stream().map(a -> a.ip() >>> 8).distinct().count()).as("one per /24").isEqualTo(8);
            assertThat(n.addrMan().group(out.get(0))).isEqualTo(out.get(0).ip() >>> 8);
            n.addrMan().check();
        }
        assertThat(slash24.total("stream.handlerErrors")).isZero();
    }

    @Test
    void aTransactionReachesEveryNodeOnceByInvGetdataTx() {
        BitcoinSim sim = new BitcoinSim(2, 100, Map.of());
        List<Broadcast.Delivery> ds = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(ds::add));
        long sentBefore = sim.total("broadcast_sent");
        long id = sim.nodes.get(77).publish("hello".getBytes());
        sim.scheduler.advance(60_000);
        Set<Object> at = new HashSet<>();
        ds.forEach(d -> at.add(d.at()));
        assertThat(ds).hasSize(100);
        assertThat(at).hasSize(100);
        assertThat(ds).allMatch(d -> d.messageId() == id && d.origin().equals(sim.nodes.get(77).id()));
        assertThat(ds.stream().filter(d -> d.hops() == 0)).hasSize(1);
        assertThat(ds.stream().mapToInt(Broadcast.Delivery::hops).max().orElse(0)).isBetween(2, 12);
        assertThat(sim.total("duplicates")).isZero();
        assertThat(sim.total("stream.handlerErrors")).as("exceptions in the node's handlers").isZero();
        long relay = sim.total("broadcast_sent") - sentBefore;
        // 99 getdata + 99 tx, and invs on (at most) every connection in both directions
        assertThat(relay).isGreaterThanOrEqualTo(2 * 99 + 99).isLessThan(2 * 99 + 100 * 40);
    }

    @Test
    void blocksRelayLikeTransactions() {
        BitcoinSim sim = new BitcoinSim(3, 60, Map.of());
        List<Broadcast.Delivery> ds = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(ds::add));
        long id = sim.nodes.get(5).publishBlock(3);
        sim.scheduler.advance(60_000);
        assertThat(ds).hasSize(60).allMatch(d -> d.messageId() == id);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertThat(fingerprint(4)).isEqualTo(fingerprint(4));
        assertThat(fingerprint(4)).isNotEqualTo(fingerprint(5));
    }

    private static List<String> fingerprint(long seed) {
        BitcoinSim sim = new BitcoinSim(seed, 50, Map.of());
        List<String> out = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(d -> out.add(d.at().shortHex() + "@" + d.atMillis() + "/" + d.hops())));
        for (int i = 0; i < 5; i++) {
            sim.nodes.get(i * 9).publish(("m" + i).getBytes());
            sim.scheduler.advance(3_000);
        }
        sim.scheduler.advance(60_000);
        sim.nodes.forEach(n -> out.add(n.outboundPeers() + " " + n.counters()));
        return out;
    }

    @Test
    void malformedFramesCloseThatConnectionOnlyAndTheNodeKeepsServing() {
        BitcoinSim sim = new BitcoinSim(6, 30, Map.of());
        BitcoinNode target = sim.nodes.get(3);
        StreamTransport raw = sim.streams.open(NodeAddress.of(127, 201, 0, 1, 8333), StreamLimits.DEFAULT);
        List<CloseReason> closes = new ArrayList<>();
        raw.connect(target.address(), new ConnectionHandler() {
            @Override
            public void opened(Connection c) {
                c.send(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25});
            }

            @Override
            public void frame(Connection c, byte[] frame) {}

            @Override
            public void closed(Connection c, CloseReason reason) {
                closes.add(reason);
            }
        });
        sim.scheduler.advance(2_000);
        assertThat(closes).containsExactly(CloseReason.RESET);
        assertThat(target.counters().get("malformed")).isEqualTo(1);
        List<Broadcast.Delivery> ds = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(ds::add));
        target.publish("still here".getBytes());
        sim.scheduler.advance(30_000);
        assertThat(ds).hasSize(30);
        assertThat(target.outboundPeers()).hasSize(8);
    }

    @Test
    void aRestartKeepsTheTablesAndReconnectsToTheAnchorsFirst() {
        BitcoinSim sim = new BitcoinSim(7, 60, Map.of());
        BitcoinNode n = sim.nodes.get(40);
        List<NodeAddress> before = n.outboundPeers();
        int known = n.addrMan().size();
        n.restart(2_000);
        assertThat(n.outboundPeers()).isEmpty();
        sim.scheduler.advance(30_000);
        assertThat(n.addrMan().size()).isGreaterThanOrEqualTo(known);
        assertThat(n.outboundPeers()).hasSize(8).contains(before.get(0), before.get(1));
        assertThat(n.counters().get("restarts")).isEqualTo(1);
    }

    @Test
    void aRestartThatMovesTheClockOnAgesTheKeptEntriesAndRefusesToMoveItBack() {
        BitcoinSim sim = new BitcoinSim(7, 60, Map.of("anchors", "false"));
        BitcoinNode n = sim.nodes.get(40);
        n.restart(2_000, 1_200);
        sim.scheduler.advance(30_000);
        assertThat(n.outboundPeers()).hasSize(8);
        // the connections it opened after the restart were tried at its moved-on clock: 20 minutes ahead of the scheduler
        long clock = BitcoinNode.LAB_EPOCH_SECONDS + sim.scheduler.nowMillis() / 1000;
        long latest = n.addrMan().entries().stream().mapToLong(AddrMan.Info::lastTry).max().orElseThrow();
        assertThat(latest).isBetween(clock + 1_200 - 30, clock + 1_200);
        assertThatThrownBy(() -> n.restart(1_000, -1)).hasMessageContaining("cannot move the clock back");
    }

    @Test
    void aNodeWithFewerThanTwoOutboundConnectionsAsksItsSeedsAgainEvery11Seconds() {
        BitcoinSim sim = new BitcoinSim(9, 40, Map.of());
        NodeAddress seedAddress = BitcoinSim.address(90); // nothing listens there yet: every connection is refused
        BitcoinNode x = sim.add(BitcoinSim.address(91));
        x.join(List.of(seedAddress));
        sim.scheduler.advance(50_000);
        assertThat(x.outboundPeers()).isEmpty();
        assertThat(x.counters().get("seeds")).isEqualTo(5); // at once, then after 11, 22, 33 and 44 s (Core's DNS seeding)
        BitcoinNode seed = sim.add(seedAddress); // the seed comes back with the network's addresses
        seed.join(List.of(sim.nodes.get(0).address()));
        sim.scheduler.advance(60_000);
        assertThat(x.outboundPeers()).hasSize(8);
        long asked = x.counters().get("seeds");
        sim.scheduler.advance(120_000);
        assertThat(x.counters().get("seeds")).as("no more seeding once 2 outbound connections are up").isEqualTo(asked);
    }

    @Test
    void aPingCrossesAnOpenConnectionOrAOneShotOne() {
        BitcoinSim sim = new BitcoinSim(8, 40, Map.of());
        BitcoinNode a = sim.nodes.get(10);
        var viaPeer = a.ping(a.outboundPeers().get(0));
        var oneShot = a.ping(sim.nodes.get(33).address());
        var nobody = a.ping(NodeAddress.of(127, 250, 250, 250, 8333));
        sim.scheduler.advance(15_000);
        assertThat(viaPeer.join()).isTrue();
        assertThat(oneShot.join()).isTrue();
        assertThat(nobody.join()).isFalse();
    }
}
