package io.p2ptestbed.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.testing.RawPeer;
import io.p2ptestbed.overlay.testing.SimWorld;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import io.p2ptestbed.overlay.transport.sim.LinkFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Node behaviour over the in-memory network, where every datagram goes through the real codec. */
class KademliaNodeSimTest {

    private final SimWorld world = new SimWorld(20240601L);
    private static final NodeId ATTACKER_ID = NodeId.fromHex("aa".repeat(20));
    private static final NodeId INFO_HASH = NodeId.fromHex("1234567890abcdef1234567890abcdef12345678");

    private static byte[] tid(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private RawPeer raw(int octet, int port) {
        return world.rawPeer(NodeAddress.of(127, 0, 1, octet, port));
    }

    /** Sends a get_peers from {@code peer} and returns the token in the reply. */
    private byte[] fetchToken(RawPeer peer, KademliaNode node) {
        peer.clear();
        peer.send(node.address(), new KrpcQuery.GetPeers(tid("gp"), ATTACKER_ID, INFO_HASH));
        world.settle();
        KrpcResponse r = peer.last(KrpcResponse.class);
        assertThat(r.token()).hasSize(8);
        return r.token();
    }

    private Object announceWith(RawPeer peer, KademliaNode node, byte[] token, int port, boolean implied) {
        peer.clear();
        peer.send(node.address(), new KrpcQuery.AnnouncePeer(tid("an"), ATTACKER_ID, INFO_HASH, port, token, implied));
        world.settle();
        assertThat(peer.messages()).hasSize(1);
        assertThat(peer.messages().get(0).tid()).isEqualTo(tid("an"));
        return peer.messages().get(0);
    }

    // ------------------------------------------------------------------ ping, find_node, bootstrap

    @Test
    void ping_shouldBeAnsweredAndTeachBothNodesAboutEachOther() {
        KademliaNode a = world.startNode(1);
        KademliaNode b = world.startNode(2);

        assertThat(world.await(a.ping(b.address()))).isTrue();

        assertThat(a.table().contacts()).containsExactly(b.contact());
        assertThat(b.table().contacts()).containsExactly(a.contact());
        assertThat(a.stats().snapshot()).containsEntry("responses_in", 1L).containsEntry("queries_out", 1L);
        assertThat(b.stats().snapshot()).containsEntry("queries_served", 1L);
        assertThat(world.scheduler.nowMillis()).as("one round trip").isEqualTo(2 * SimWorld.LATENCY_MILLIS);
    }

    @Test
    void ping_shouldReportTheRequesterAddressAsBep42Ip() {
        KademliaNode a = world.startNode(1);
        RawPeer peer = raw(1, 5000);
        peer.send(a.address(), new KrpcQuery.Ping(tid("p1"), ATTACKER_ID));
        world.settle();
        KrpcResponse pong = peer.last(KrpcResponse.class);
        assertThat(pong.tid()).isEqualTo(tid("p1"));
        assertThat(pong.sender()).isEqualTo(a.id());
        assertThat(pong.requesterIp()).isEqualTo(peer.address());
    }

    @Test
    void ping_shouldTimeOutAfterExactlyTheQueryTimeoutWhenNobodyAnswers() {
        KademliaNode a = world.startNode(1);
        long start = world.scheduler.nowMillis();

        assertThat(world.await(a.ping(SimWorld.address(99)))).isFalse();

        assertThat(world.scheduler.nowMillis() - start).isEqualTo(a.config().queryTimeoutMillis());
        assertThat(a.stats().timeouts()).isEqualTo(1);
        assertThat(a.pendingQueries()).isZero();
    }

    @Test
    void findNode_shouldReachAContactTwoHopsAway() {
        KademliaNode a = world.startNode(1);
        KademliaNode b = world.startNode(2);
        KademliaNode c = world.startNode(3);
        world.await(a.ping(b.address()));
        world.await(c.ping(b.address()));
        assertThat(a.table().contains(c.id())).isFalse();

        LookupResult r = world.await(a.findNode(c.id()));

        assertThat(r.closest()).first().isEqualTo(c.contact());
        assertThat(r.closest()).containsExactlyInAnyOrder(b.contact(), c.contact());
        assertThat(r.hops()).isEqualTo(2);
        assertThat(r.failures()).isZero();
        assertThat(a.table().contains(c.id())).isTrue();
        assertThat(c.table().contains(a.id())).isTrue();
    }

    @Test
    void findNode_shouldAnswerWithTheKClosestContactsItKnows() {
        KademliaNode a = world.startNode(1);
        for (int i = 2; i <= 21; i++) {
            world.await(world.startNode(i).ping(a.address()));
        }
        NodeId target = NodeId.random(world.random());
        RawPeer peer = raw(1, 5000);
        List<Contact> expected = a.table().closest(target, 8);

        peer.send(a.address(), new KrpcQuery.FindNode(tid("fn"), ATTACKER_ID, target));
        world.settle();

        KrpcResponse r = peer.last(KrpcResponse.class);
        // BEP 5 asks for the k closest good nodes, in no particular order
        assertThat(r.nodes()).hasSize(8).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.token()).isNull();
    }

    @Test
    void bootstrap_shouldLetNodesThatJoinThroughTheSameSeedLearnEachOther() {
        KademliaNode seed = world.startNode(1);
        KademliaNode b = world.startNode(2);
        KademliaNode c = world.startNode(3);

        world.await(b.bootstrap(List.of(seed.address())));
        world.await(c.bootstrap(List.of(seed.address())));

        assertThat(seed.table().contacts()).containsExactlyInAnyOrder(b.contact(), c.contact());
        assertThat(b.table().contacts()).containsExactlyInAnyOrder(seed.contact(), c.contact());
        assertThat(c.table().contacts()).containsExactlyInAnyOrder(seed.contact(), b.contact());
    }

    @Test
    void bootstrap_shouldCompleteEvenWhenTheSeedIsDown() {
        KademliaNode b = world.startNode(2);
        world.await(b.bootstrap(List.of(SimWorld.address(77))));
        assertThat(b.table().size()).isZero();
        assertThat(b.stats().timeouts()).isEqualTo(1);
    }

    @Test
    void lookupsInATwentyNodeNetwork_shouldFindTheExactClosestNodes() {
        List<KademliaNode> nodes = new ArrayList<>();
        KademliaNode seed = world.startNode(1);
        nodes.add(seed);
        for (int i = 2; i <= 20; i++) {
            KademliaNode n = world.startNode(i);
            world.await(n.bootstrap(List.of(seed.address())));
            nodes.add(n);
        }
        KademliaNode searcher = nodes.get(13);
        NodeId target = NodeId.random(world.random());
        List<Contact> truth = nodes.stream().filter(n -> n != searcher).map(KademliaNode::contact)
                .sorted((x, y) -> target.compareDistance(x.id(), y.id())).limit(8).toList();

        LookupResult r = world.await(searcher.findNode(target));

        assertThat(r.closest()).containsExactlyElementsOf(truth);
    }

    // ------------------------------------------------------------------ get_peers and announce_peer

    @Test
    void getPeers_shouldReturnCloseNodesAndATokenBoundToTheRequesterIp() {
        KademliaNode a = world.startNode(1);
        KademliaNode b = world.startNode(2);
        world.await(b.ping(a.address()));
        RawPeer p1 = raw(1, 5000);
        RawPeer p1OtherPort = raw(1, 5001);
        RawPeer p2 = raw(2, 5000);

        byte[] t1 = fetchToken(p1, a);
        KrpcResponse r = p1.last(KrpcResponse.class);
        assertThat(r.values()).isEmpty();
        assertThat(r.nodes()).contains(b.contact());

        assertThat(fetchToken(p1OtherPort, a)).as("same IP, other port: same token").isEqualTo(t1);
        assertThat(fetchToken(p2, a)).as("other IP: other token").isNotEqualTo(t1);
    }

    @Test
    void announcePeer_shouldStoreThePeerWhenTheTokenIsValid() {
        KademliaNode a = world.startNode(1);
        RawPeer announcer = raw(1, 5000);
        RawPeer asker = raw(2, 5000);

        byte[] token = fetchToken(announcer, a);
        Object reply = announceWith(announcer, a, token, 7000, false);

        assertThat(reply).isInstanceOf(KrpcResponse.class);
        assertThat(((KrpcResponse) reply).sender()).isEqualTo(a.id());
        assertThat(a.peerStore().totalPeers()).isEqualTo(1);
        assertThat(a.stats().snapshot()).containsEntry("announces_stored", 1L).containsEntry("bad_tokens", 0L);

        fetchToken(asker, a);
        KrpcResponse peers = asker.last(KrpcResponse.class);
        assertThat(peers.values()).containsExactly(NodeAddress.of(127, 0, 1, 1, 7000));
        assertThat(peers.nodes()).as("values replace nodes when peers are known").isEmpty();
    }

    @Test
    void announcePeer_withImpliedPort_shouldStoreTheSourcePort() {
        KademliaNode a = world.startNode(1);
        RawPeer announcer = raw(1, 5123);

        byte[] token = fetchToken(announcer, a);
        assertThat(announceWith(announcer, a, token, 7000, true)).isInstanceOf(KrpcResponse.class);

        assertThat(a.peerStore().get(INFO_HASH, 10, world.scheduler.nowMillis()))
                .containsExactly(NodeAddress.of(127, 0, 1, 1, 5123));
    }

    @Test
    void announcePeer_shouldBeRejectedWith203WhenTheTokenIsBad() {
        KademliaNode a = world.startNode(1);
        RawPeer announcer = raw(1, 5000);
        fetchToken(announcer, a);

        Object reply = announceWith(announcer, a, tid("forged!!"), 7000, false);

        assertThat(reply).isInstanceOfSatisfying(KrpcError.class, e -> {
            assertThat(e.code()).isEqualTo(KrpcError.PROTOCOL);
            assertThat(e.message()).isEqualTo("bad token");
        });
        assertThat(a.peerStore().totalPeers()).isZero();
        assertThat(a.stats().snapshot()).containsEntry("bad_tokens", 1L).containsEntry("announces_stored", 0L);
    }

    @Test
    void announcePeer_shouldRejectATokenThatWasIssuedToAnotherIp() {
        KademliaNode a = world.startNode(1);
        RawPeer victim = raw(1, 5000);
        RawPeer thief = raw(2, 5000);
        byte[] stolen = fetchToken(victim, a);

        assertThat(announceWith(thief, a, stolen, 7000, false)).isInstanceOf(KrpcError.class);
        assertThat(a.peerStore().totalPeers()).isZero();
    }

    @Test
    void tokens_shouldStayValidForOneRotationButNotForTwo() {
        KademliaNode a = world.startNode(1);
        RawPeer peer = raw(1, 5000);
        byte[] t0 = fetchToken(peer, a);

        long start = world.scheduler.nowMillis();
        byte[] t1 = nextRotation(peer, a, t0);
        long firstRotation = world.scheduler.nowMillis();
        assertThat(firstRotation - start).as("rotation period")
                .isBetween(a.config().tokenRotationMillis() - 1_000, a.config().tokenRotationMillis() + 70_000);
        assertThat(announceWith(peer, a, t0, 7000, false)).as("previous secret").isInstanceOf(KrpcResponse.class);

        byte[] t2 = nextRotation(peer, a, t1);
        assertThat(world.scheduler.nowMillis() - firstRotation).isGreaterThanOrEqualTo(a.config().tokenRotationMillis() - 10_000);
        assertThat(announceWith(peer, a, t0, 7001, false)).as("two rotations old")
                .isInstanceOfSatisfying(KrpcError.class, e -> assertThat(e.code()).isEqualTo(KrpcError.PROTOCOL));
        assertThat(announceWith(peer, a, t1, 7002, false)).as("previous secret").isInstanceOf(KrpcResponse.class);
        assertThat(announceWith(peer, a, t2, 7003, false)).as("current secret").isInstanceOf(KrpcResponse.class);
    }

    /** Advances virtual time in 10 s steps until the node hands out a token other than {@code current}. */
    private byte[] nextRotation(RawPeer peer, KademliaNode node, byte[] current) {
        for (int i = 0; i < 200; i++) {
            world.scheduler.advance(10_000);
            byte[] t = fetchToken(peer, node);
            if (!java.util.Arrays.equals(t, current)) {
                return t;
            }
        }
        throw new AssertionError("token never rotated");
    }

    @Test
    void announce_shouldStoreThePeerOnTheClosestNodesSoThatOthersFindIt() {
        List<KademliaNode> nodes = new ArrayList<>();
        KademliaNode seed = world.startNode(1);
        nodes.add(seed);
        for (int i = 2; i <= 12; i++) {
            KademliaNode n = world.startNode(i);
            world.await(n.bootstrap(List.of(seed.address())));
            nodes.add(n);
        }

        AnnounceResult ar = world.await(nodes.get(3).announce(INFO_HASH, 5555));
        assertThat(ar.attempted()).isPositive();
        assertThat(ar.acknowledged()).isEqualTo(ar.attempted());

        LookupResult found = world.await(nodes.get(9).getPeers(INFO_HASH));
        assertThat(found.peers()).contains(new NodeAddress(nodes.get(3).address().ip(), 5555));
    }

    // ------------------------------------------------------------------ errors and failures

    @Test
    void unknownMethod_shouldBeAnsweredWith204() {
        KademliaNode a = world.startNode(1);
        RawPeer peer = raw(1, 5000);

        peer.send(a.address(), "d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:xy1:y1:qe".getBytes(StandardCharsets.ISO_8859_1));
        world.settle();

        KrpcError e = peer.last(KrpcError.class);
        assertThat(e.code()).isEqualTo(KrpcError.METHOD_UNKNOWN);
        assertThat(e.tid()).isEqualTo(tid("xy"));
        assertThat(e.message()).contains("vote");
        assertThat(a.stats().snapshot()).containsEntry("errors_sent_204", 1L);
    }

    @Test
    void invalidQuery_shouldBeAnsweredWith203AndCountedAsMalformed() {
        KademliaNode a = world.startNode(1);
        RawPeer peer = raw(1, 5000);

        peer.send(a.address(), "d1:ad2:id3:abce1:q4:ping1:t2:zz1:y1:qe".getBytes(StandardCharsets.ISO_8859_1));
        world.settle();

        KrpcError e = peer.last(KrpcError.class);
        assertThat(e.code()).isEqualTo(KrpcError.PROTOCOL);
        assertThat(e.tid()).isEqualTo(tid("zz"));
        assertThat(a.stats().snapshot()).containsEntry("malformed_in", 1L).containsEntry("errors_sent_203", 1L);
        assertThat(a.table().size()).isZero();
    }

    @Test
    void garbage_shouldBeDroppedSilentlyAndCounted() {
        KademliaNode a = world.startNode(1);
        RawPeer peer = raw(1, 5000);

        peer.send(a.address(), new byte[] {'d', 'x', 0, 1, 2});
        peer.send(a.address(), new byte[9000]);
        world.settle();

        assertThat(peer.inbox()).isEmpty();
        assertThat(a.stats().malformedIn()).isEqualTo(2);
        assertThat(a.isRunning()).isTrue();
    }

    @Test
    void unsolicitedResponses_shouldBeCountedAndIgnored() {
        KademliaNode a = world.startNode(1);
        RawPeer peer = raw(1, 5000);

        peer.send(a.address(), new KrpcResponse(tid("zz"), ATTACKER_ID, List.of(), List.of(), null, null));
        world.settle();

        assertThat(peer.inbox()).isEmpty();
        assertThat(a.stats().snapshot()).containsEntry("unexpected_responses", 1L);
        assertThat(a.table().contains(ATTACKER_ID)).isFalse();
    }

    @Test
    void aResponseFromTheWrongAddress_shouldNotCompleteAPendingQuery() {
        KademliaNode a = world.startNode(1);
        RawPeer spoofer = raw(1, 5000);
        RawPeer target = raw(2, 5000);
        var ping = a.ping(target.address());
        world.scheduler.advance(SimWorld.LATENCY_MILLIS);
        KrpcQuery q = (KrpcQuery) target.messages().get(0);

        spoofer.send(a.address(), KrpcResponse.pong(q.tid(), ATTACKER_ID, null));
        world.settle();
        assertThat(ping).isNotDone();
        assertThat(a.stats().snapshot()).containsEntry("unexpected_responses", 1L);

        target.send(a.address(), KrpcResponse.pong(q.tid(), NodeId.fromHex("bb".repeat(20)), null));
        assertThat(world.await(ping)).isTrue();
    }

    @Test
    void queryTimeouts_shouldMarkFailuresUntilTheContactIsReplacedAsBad() {
        NodeConfig k1 = NodeConfig.defaults().withK(1);
        KademliaNode a = world.startNode(1, k1);
        KademliaNode b = world.startNode(2, k1);
        world.await(a.ping(b.address()));
        assertThat(a.table().contains(b.id())).isTrue();
        List<Contact> timedOut = new ArrayList<>();
        a.addListener(new NodeListener() {
            @Override
            public void onTimeout(Contact contact) {
                timedOut.add(contact);
            }
        });
        b.stop();

        for (int i = 1; i <= a.config().maxFailures(); i++) {
            LookupResult r = world.await(a.findNode(NodeId.random(world.random())));
            assertThat(r.failures()).isEqualTo(1);
            assertThat(entryOf(a, b.id()).failures()).isEqualTo(i);
        }
        assertThat(a.stats().timeouts()).isEqualTo(a.config().maxFailures());
        assertThat(timedOut).hasSize(a.config().maxFailures()).containsOnly(b.contact());

        // A newcomer for the same (single-slot) bucket now takes the bad contact's place.
        NodeId sameBucket = a.id().randomInBucketOf(a.id().commonPrefixLength(b.id()), world.random());
        KademliaNode c = world.startNode(SimWorld.address(3), sameBucket, k1);
        world.await(c.ping(a.address()));

        assertThat(a.table().contains(b.id())).isFalse();
        assertThat(a.table().contains(c.id())).isTrue();
        assertThat(a.stats().snapshot()).containsEntry("evictions", 1L);
    }

    @Test
    void pingBeforeEvict_shouldKeepALiveOldContactAndEvictADeadOne() {
        NodeConfig k1 = NodeConfig.defaults().withK(1);
        KademliaNode a = world.startNode(1, k1);
        KademliaNode old = world.startNode(2, k1);
        world.await(a.ping(old.address()));
        int prefix = a.id().commonPrefixLength(old.id());

        // One lost query makes the old contact questionable, though it is alive.
        LinkFilter cut = (from, to, rng) -> from.equals(a.address()) && to.equals(old.address())
                ? LinkEffect.DROP : LinkEffect.NONE;
        world.network.addFilter(cut);
        world.await(a.findNode(NodeId.random(world.random())));
        world.network.removeFilter(cut);
        assertThat(entryOf(a, old.id()).failures()).isEqualTo(1);

        KademliaNode c = world.startNode(SimWorld.address(3), a.id().randomInBucketOf(prefix, world.random()), k1);
        world.await(c.ping(a.address()));
        world.scheduler.advance(a.config().queryTimeoutMillis() + 100);
        assertThat(a.table().contains(old.id())).as("alive old contact kept").isTrue();
        assertThat(entryOf(a, old.id()).failures()).as("its answer cleared the failure").isZero();
        assertThat(a.table().contains(c.id())).isFalse();

        old.stop();
        world.await(a.findNode(NodeId.random(world.random())));
        KademliaNode d = world.startNode(SimWorld.address(4), a.id().randomInBucketOf(prefix, world.random()), k1);
        world.await(d.ping(a.address()));
        world.scheduler.advance(a.config().queryTimeoutMillis() + 100);
        assertThat(a.table().contains(old.id())).as("dead old contact evicted").isFalse();
        assertThat(a.table().contains(d.id())).as("the most recent cached newcomer promoted").isTrue();
        assertThat(a.stats().snapshot()).containsEntry("evictions", 1L);
    }

    private static RoutingEntry entryOf(KademliaNode n, NodeId id) {
        return n.table().entries().stream().filter(e -> e.contact().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in table"));
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void theSameSeed_shouldReplayTheSameNetworkExactly() {
        assertThat(runNetwork(99)).isEqualTo(runNetwork(99));
        assertThat(runNetwork(99)).isNotEqualTo(runNetwork(100));
    }

    /**
     * A lookup on a node without lookup filters finds repeated contacts through its candidate list; with a
     * filter it keeps a seen set. With a filter that accepts everything, both must give the same run, even
     * with k = 2, where the list (k * 8 = 16 candidates) is trimmed in a 40-node network.
     */
    @Test
    void lookups_shouldRunTheSameWithAndWithoutAnAcceptAllLookupFilter() {
        assertThat(runLookups(7, true)).isEqualTo(runLookups(7, false));
    }

    private static List<String> runLookups(long seed, boolean filtered) {
        SimWorld w = new SimWorld(seed);
        w.network.setLatency(io.p2ptestbed.overlay.transport.sim.LatencyModel.uniform(5, 50));
        NodeConfig config = NodeConfig.defaults().withK(2);
        List<KademliaNode> nodes = new ArrayList<>();
        int[] asked = {0};
        for (int i = 1; i <= 40; i++) {
            KademliaNode n = w.startNode(i, config);
            if (filtered) {
                n.addLookupFilter(c -> ++asked[0] > 0);
            }
            if (i > 1) {
                n.bootstrap(List.of(nodes.get(0).address()));
                w.scheduler.advance(100);
            }
            nodes.add(n);
        }
        w.scheduler.advance(10_000);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            LookupResult r = w.await(nodes.get(i).findNode(NodeId.random(w.random())));
            out.add(r.closest() + " hops=" + r.hops() + " queries=" + r.queries() + " responses=" + r.responses());
        }
        out.add("events=" + w.scheduler.executedEvents() + " sent=" + w.network.sentDatagrams());
        assertThat(asked[0] > 0).isEqualTo(filtered);
        return out;
    }

    private static List<String> runNetwork(long seed) {
        SimWorld w = new SimWorld(seed);
        w.network.setLatency(io.p2ptestbed.overlay.transport.sim.LatencyModel.uniform(5, 50));
        w.network.setLossRate(0.05);
        List<KademliaNode> nodes = new ArrayList<>();
        nodes.add(w.startNode(1));
        for (int i = 2; i <= 25; i++) {
            KademliaNode n = w.startNode(i);
            n.bootstrap(List.of(nodes.get(0).address()));
            nodes.add(n);
            w.scheduler.advance(200);
        }
        w.await(nodes.get(7).findNode(NodeId.random(w.random())));
        w.scheduler.advance(30 * 60_000);
        List<String> out = new ArrayList<>();
        out.add("t=" + w.scheduler.nowMillis() + " events=" + w.scheduler.executedEvents()
                + " sent=" + w.network.sentDatagrams() + " dropped=" + w.network.droppedDatagrams());
        for (KademliaNode n : nodes) {
            out.add(n.id() + " " + n.stats().snapshot() + " " + n.table().contacts());
        }
        return out;
    }

    @Test
    void replies_shouldSettleTheirOwnQueryWhateverTheOrder_andTimeoutsStayExact() {
        KademliaNode a = world.startNode(1);
        RawPeer p1 = raw(1, 5001);
        RawPeer p2 = raw(2, 5002);
        RawPeer p3 = raw(3, 5003);
        long start = world.scheduler.nowMillis();
        CompletableFuture<Boolean> f1 = a.ping(p1.address());
        CompletableFuture<Boolean> f2 = a.ping(p2.address());
        world.scheduler.advance(5);
        CompletableFuture<Boolean> f3 = a.ping(p3.address()); // sent 5 ms after the first two
        world.settle();
        assertThat(a.pendingQueries()).isEqualTo(3);
        byte[] t1 = p1.last(KrpcQuery.Ping.class).tid();
        byte[] t2 = p2.last(KrpcQuery.Ping.class).tid();
        byte[] t3 = p3.last(KrpcQuery.Ping.class).tid();
        assertThat(List.of(t1, t2, t3)).extracting(t -> t.length).containsOnly(2);
        assertThat(new java.util.HashSet<>(List.of(new String(t1, StandardCharsets.ISO_8859_1),
                new String(t2, StandardCharsets.ISO_8859_1), new String(t3, StandardCharsets.ISO_8859_1)))).hasSize(3);

        // the last query is answered first; p2 answers p1's transaction id, which settles nothing
        p3.send(a.address(), KrpcResponse.pong(t3, NodeId.random(world.random()), a.address()));
        p2.send(a.address(), KrpcResponse.pong(t1, NodeId.random(world.random()), a.address()));
        world.settle();
        assertThat(f3).isCompletedWithValue(true);
        assertThat(f1).isNotDone();
        assertThat(a.stats().snapshot()).containsEntry("unexpected_responses", 1L);

        p1.send(a.address(), KrpcResponse.pong(t1, NodeId.random(world.random()), a.address()));
        p1.send(a.address(), KrpcResponse.pong(t1, NodeId.random(world.random()), a.address())); // duplicate
        world.settle();
        assertThat(f1).isCompletedWithValue(true);
        assertThat(a.stats().snapshot()).containsEntry("unexpected_responses", 2L);
        assertThat(a.pendingQueries()).isEqualTo(1);

        // the unanswered query, sent with the first, times out at exactly its own deadline
        world.scheduler.runUntil(start + a.config().queryTimeoutMillis() - 1);
        assertThat(f2).isNotDone();
        world.scheduler.runUntil(start + a.config().queryTimeoutMillis());
        assertThat(f2).isCompletedWithValue(false);
        assertThat(a.stats().timeouts()).isEqualTo(1);
        assertThat(a.pendingQueries()).isZero();
        // a late answer to it is unexpected too
        p2.send(a.address(), KrpcResponse.pong(t2, NodeId.random(world.random()), a.address()));
        world.settle();
        assertThat(a.stats().snapshot()).containsEntry("unexpected_responses", 3L);
    }
}
