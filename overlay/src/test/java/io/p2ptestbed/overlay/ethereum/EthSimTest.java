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

    /** A raw RLPx speaker on one stream connection: records the messages and the close it sees. */
    private static class RawPeer implements io.p2ptestbed.overlay.transport.stream.ConnectionHandler {
        final Rlpx.Link link;
        final List<DevP2p.Msg> got = new ArrayList<>();
        io.p2ptestbed.overlay.transport.stream.Connection conn;
        io.p2ptestbed.overlay.transport.stream.CloseReason closed;
        final java.util.function.Consumer<RawPeer> onEstablished;
        /** The p2p version of the Hello it sent (0: none yet). */
        int helloSent;
        /** Both Hellos exchanged at version 5: message data Snappy-compressed both ways (as the node does). */
        boolean snappy;

        RawPeer(Rlpx.Link link, java.util.function.Consumer<RawPeer> onEstablished) {
            this.link = link;
            this.onEstablished = onEstablished;
        }

        void send(DevP2p.Msg m) {
            conn.send(link.seal(DevP2p.encode(m, snappy)));
            if (m instanceof DevP2p.Hello h) {
                helloSent = h.version();
            }
        }

        @Override
        public void opened(io.p2ptestbed.overlay.transport.stream.Connection c) {
            conn = c;
            c.send(link.auth());
        }

        @Override
        public void frame(io.p2ptestbed.overlay.transport.stream.Connection c, byte[] frame) {
            byte[] plain = link.receive(frame, c::send);
            if (plain == null) {
                onEstablished.accept(this);
            } else {
                DevP2p.Msg m = DevP2p.decode(plain, snappy);
                got.add(m);
                if (m instanceof DevP2p.Hello h) {
                    snappy = Math.min(helloSent, h.version()) >= DevP2p.SNAPPY_VERSION;
                }
            }
        }

        @Override
        public void closed(io.p2ptestbed.overlay.transport.stream.Connection c, io.p2ptestbed.overlay.transport.stream.CloseReason r) {
            closed = r;
        }
    }

    private static DevP2p.Hello helloOf(NodeKey k) {
        return helloOf(k, DevP2p.P2P_VERSION);
    }

    private static DevP2p.Hello helloOf(NodeKey k, int version) {
        return new DevP2p.Hello(version, "raw", List.of(new DevP2p.Cap("eth", DevP2p.ETH_VERSION)), 30303, k.id());
    }

    /**
     * devp2p version 5: after both Hellos the node Snappy-compresses every message's data with a version-5 peer, and not
     * with a version-4 one; compressed data that is malformed, or declares more than 16 MiB, is counted and closes that
     * connection only.
     */
    @Test
    void snappyAfterBothHellosAtVersion5AndBadCompressedDataIsRefused() {
        EthSim sim = new EthSim(4, 6, Map.of());
        EthNode node = sim.nodes.get(3);
        var raw = sim.streams.open(NodeAddress.of(127, 99, 0, 2, 30303), StreamLimits.DEFAULT);
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        NodeKey k5 = NodeKey.generate(r);
        NodeKey k4 = NodeKey.generate(r);
        RawPeer v5 = new RawPeer(Rlpx.Link.dial(k5, node.enodeId(), r), p -> p.send(helloOf(k5, 5)));
        RawPeer v4 = new RawPeer(Rlpx.Link.dial(k4, node.enodeId(), r), p -> p.send(helloOf(k4, 4)));
        raw.connect(node.address(), v5);
        raw.connect(node.address(), v4);
        sim.scheduler.advance(2_000);
        // each got the node's Hello (uncompressed) and then its Status: compressed for v5 (decoded as such), plain for v4
        assertThat(v5.snappy).isTrue();
        assertThat(v4.snappy).isFalse();
        assertThat(v5.got).hasSize(2).element(1).isInstanceOf(DevP2p.Status.class);
        assertThat(v4.got).hasSize(2).element(1).isInstanceOf(DevP2p.Status.class);
        long malformed0 = node.counters().get("malformed");
        // the v5 peer's Status, compressed, is accepted: the connection stays
        v5.send(DevP2p.Status.at(1, DevP2p.MAINNET_GENESIS));
        sim.scheduler.advance(1_000);
        assertThat(v5.closed).isNull();
        assertThat(node.counters().get("malformed")).isEqualTo(malformed0);
        // junk as compressed data (ping's id, then bytes that are no Snappy block): refused, that connection reset
        v5.conn.send(v5.link.seal(new byte[] {0x02, (byte) 0x05, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
        // a block declaring 16 MiB (over geth's maxUint24): refused before decompressing
        NodeKey k6 = NodeKey.generate(r);
        RawPeer big = new RawPeer(Rlpx.Link.dial(k6, node.enodeId(), r), p -> p.send(helloOf(k6, 5))) {
            @Override
            public void frame(io.p2ptestbed.overlay.transport.stream.Connection c, byte[] frame) {
                super.frame(c, frame);
                if (snappy && got.size() == 2) {
                    c.send(link.seal(new byte[] {0x02, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x00}));
                }
            }
        };
        raw.connect(node.address(), big);
        sim.scheduler.advance(2_000);
        assertThat(List.of(v5.closed, big.closed)).containsOnly(io.p2ptestbed.overlay.transport.stream.CloseReason.RESET);
        assertThat(node.counters().get("malformed") - malformed0).isEqualTo(2);
        assertThat(v4.closed).as("the version-4 peer is untouched").isNull();
        CompletableFuture<Boolean> f = sim.nodes.get(2).ping(node.address());
        sim.scheduler.advance(2_000);
        assertThat(f).isCompletedWithValue(true);
    }

    /**
     * RLPx at a node: garbage instead of an auth, an auth for another key, a frame with a bad MAC, a Hello naming
     * another id than the handshake authenticated and a Status of another network are each counted and close that
     * connection only; a good handshake then gets the node's Hello and Status, and the node keeps its peers.
     */
    @Test
    void badRlpxInputIsCountedClosesThatConnectionAndTheNodeKeepsServing() {
        EthSim sim = new EthSim(3, 6, Map.of());
        EthNode victim = sim.nodes.get(4);
        int peersBefore = victim.outboundPeers().size() + victim.inboundPeers().size();
        assertThat(peersBefore).isPositive();
        var raw = sim.streams.open(NodeAddress.of(127, 99, 0, 1, 30303), StreamLimits.DEFAULT);
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        NodeKey mine = NodeKey.generate(r);
        long malformed0 = victim.counters().get("malformed");
        // 1. junk instead of an auth
        RawPeer junk = new RawPeer(Rlpx.Link.dial(mine, victim.enodeId(), r), p -> {}) {
            @Override
            public void opened(io.p2ptestbed.overlay.transport.stream.Connection c) {
                conn = c;
                c.send(new byte[400]);
            }
        };
        raw.connect(victim.address(), junk);
        // 2. an auth for another key than the victim's
        RawPeer wrongKey = new RawPeer(Rlpx.Link.dial(mine, NodeKey.generate(r).id(), r), p -> {});
        raw.connect(victim.address(), wrongKey);
        // 3. a good handshake, then a frame with one bit flipped
        RawPeer badMac = new RawPeer(Rlpx.Link.dial(mine, victim.enodeId(), r), p -> {
            byte[] f = p.link.seal(DevP2p.encode(helloOf(mine)));
            f[f.length - 1] ^= 1;
            p.conn.send(f);
        });
        raw.connect(victim.address(), badMac);
        sim.scheduler.advance(2_000);
        assertThat(List.of(junk.closed, wrongKey.closed, badMac.closed)).as("each connection reset by the victim")
                .containsOnly(io.p2ptestbed.overlay.transport.stream.CloseReason.RESET);
        assertThat(victim.counters().get("rlpx.refused")).isEqualTo(3);
        assertThat(victim.counters().get("malformed") - malformed0).isEqualTo(3);
        // 4. a Hello naming another id than the one the handshake authenticated
        RawPeer liar = new RawPeer(Rlpx.Link.dial(mine, victim.enodeId(), r), p -> p.send(helloOf(NodeKey.generate(r))));
        raw.connect(victim.address(), liar);
        // 5. a good peer on another network: Hello and Status answered, then Disconnect(subprotocol error)
        NodeKey other = NodeKey.generate(r);
        RawPeer otherNet = new RawPeer(Rlpx.Link.dial(other, victim.enodeId(), r), p -> p.send(helloOf(other)));
        raw.connect(victim.address(), otherNet);
        sim.scheduler.advance(2_000);
        assertThat(liar.got).containsExactly(new DevP2p.Disconnect(DevP2p.DISC_UNEXPECTED_IDENTITY));
        assertThat(victim.counters().get("unexpected_identity")).isEqualTo(1);
        assertThat(otherNet.got).hasSize(2);
        assertThat(otherNet.got.get(0)).isInstanceOf(DevP2p.Hello.class);
        assertThat(((DevP2p.Hello) otherNet.got.get(0)).nodeId()).isEqualTo(victim.enodeId());
        DevP2p.Status st = (DevP2p.Status) otherNet.got.get(1);
        assertThat(st.networkId()).isEqualTo(1);
        assertThat(st.genesisHash()).isEqualTo(DevP2p.MAINNET_GENESIS);
        otherNet.send(DevP2p.Status.at(5, DevP2p.MAINNET_GENESIS));
        sim.scheduler.advance(1_000);
        assertThat(otherNet.got.get(2)).isEqualTo(new DevP2p.Disconnect(DevP2p.DISC_SUBPROTOCOL_ERROR));
        assertThat(victim.counters().get("status.mismatch")).isEqualTo(1);
        // the node kept serving: its peers are there, its handshakes go on, a discovery ping is answered
        assertThat(victim.outboundPeers().size() + victim.inboundPeers().size()).isGreaterThanOrEqualTo(peersBefore);
        assertThat(victim.counters().get("rlpx.handshakes")).isPositive();
        CompletableFuture<Boolean> f = sim.nodes.get(2).ping(victim.address());
        sim.scheduler.advance(2_000);
        assertThat(f).isCompletedWithValue(true);
    }

    /** Nodes on another network id (eth Status) never become eth peers of the main network's nodes. */
    @Test
    void aNodeOnAnotherNetworkIsDisconnectedAfterTheStatus() {
        EthSim sim = new EthSim(5, 6, Map.of());
        EthNode stranger = sim.add(NodeAddress.of(127, 98, 0, 1, 30303),
                Protocols.get("ethereum").params(Map.of("networkId", "7")));
        stranger.join(List.of(sim.nodes.get(0).address()));
        sim.scheduler.advance(30_000);
        assertThat(stranger.counters().get("rlpx.handshakes")).as("RLPx itself works across networks").isPositive();
        assertThat(sim.total("status.mismatch")).isPositive();
        long relayed = sim.nodes.get(1).publish("x".getBytes());
        List<Broadcast.Delivery> ds = new ArrayList<>();
        stranger.addDeliveryListener(ds::add);
        sim.scheduler.advance(5_000);
        assertThat(ds).as("no transaction %s crosses to another network", relayed).isEmpty();
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
