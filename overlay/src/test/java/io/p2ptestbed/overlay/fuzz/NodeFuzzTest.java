package io.p2ptestbed.overlay.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.testing.KrpcArbitraries;
import io.p2ptestbed.overlay.testing.Mutations;
import io.p2ptestbed.overlay.testing.RawPeer;
import io.p2ptestbed.overlay.testing.SimWorld;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeProperty;
import java.util.TreeMap;

/**
 * A live node on a simulated network takes hostile datagrams from a raw peer. After each one the
 * node must still be running and must answer a valid ping, and the datagram must be accounted for
 * exactly: a malformed one is counted in {@code malformed_in} and answered with 203 only when it
 * was a query with a readable transaction id, an unknown method gets 204, a well-formed query gets
 * exactly one reply, and a stray response is counted in {@code unexpected_responses}.
 */
class NodeFuzzTest {

    private static final NodeAddress ATTACKER = NodeAddress.of(127, 0, 0, 66, 4000);
    private static final byte[] PING_TID = {'p', 'g'};

    private final KrpcCodec codec = new KrpcCodec();
    private SimWorld world;
    private KademliaNode node;
    private RawPeer attacker;
    private long seed = 1;
    /** How many datagrams fell in each class, to show the generator reaches every branch. */
    private final Map<String, Integer> classes = new TreeMap<>();

    private void count(String datagramClass) {
        classes.merge(datagramClass, 1, Integer::sum);
        Statistics.collect(datagramClass);
    }

    @BeforeProperty
    void startNode() {
        world = new SimWorld(seed++);
        node = world.startNode(1);
        KademliaNode friend = world.startNode(2);
        world.await(node.ping(friend.address())); // one honest contact so find_node/get_peers replies carry nodes
        attacker = world.rawPeer(ATTACKER);
        classes.clear();
    }

    @AfterProperty
    void everyClassOfDatagramWasExercised() {
        assertThat(classes).as("datagram classes seen").containsKeys("invalid, answered 203", "invalid, dropped",
                "unknown method", "query", "stray reply");
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Mutations.randomBytes()),
                Tuple.of(2, Mutations.bencodeSoup()),
                Tuple.of(6, Mutations.mutatedDatagrams()),
                Tuple.of(1, KrpcArbitraries.validDatagrams()), // stray replies and well-formed queries
                Tuple.of(1, KrpcArbitraries.unknownMethodQueries()),
                Tuple.of(1, KrpcArbitraries.invalidQueries()));
    }

    @Property(tries = 1500)
    void node_shouldSurviveAndAccountForEveryHostileDatagram(@ForAll("hostile") byte[] datagram) {
        int pendingBefore = node.pendingQueries();
        Map<String, Long> before = node.stats().snapshot();
        attacker.clear();

        attacker.send(node.address(), datagram);
        world.settle();

        Map<String, Long> after = node.stats().snapshot();
        List<KrpcMessage> replies = repliesTo(attacker);
        assertThat(delta(before, after, "datagrams_in")).isEqualTo(1);
        assertThat(attacker.inbox()).as("everything the node sends decodes")
                .allSatisfy(r -> assertThat(r.decoded()).isInstanceOf(KrpcDecodeResult.Decoded.class));

        KrpcDecodeResult expected = codec.decode(datagram);
        if (expected instanceof KrpcDecodeResult.Invalid inv) {
            assertThat(delta(before, after, "malformed_in")).isEqualTo(1);
            count(inv.wasQuery() && inv.tid() != null ? "invalid, answered 203" : "invalid, dropped");
            if (inv.wasQuery() && inv.tid() != null) {
                assertThat(delta(before, after, "errors_sent_203")).isEqualTo(1);
                assertThat(replies).singleElement().isInstanceOfSatisfying(KrpcError.class, e -> {
                    assertThat(e.code()).isEqualTo(KrpcError.PROTOCOL);
                    assertThat(e.tid()).isEqualTo(inv.tid());
                });
            } else {
                assertThat(delta(before, after, "errors_sent_203")).isZero();
                assertThat(replies).isEmpty();
            }
        } else if (expected instanceof KrpcDecodeResult.UnknownMethod um) {
            count("unknown method");
            assertThat(delta(before, after, "errors_sent_204")).isEqualTo(1);
            assertThat(replies).singleElement().isInstanceOfSatisfying(KrpcError.class, e -> {
                assertThat(e.code()).isEqualTo(KrpcError.METHOD_UNKNOWN);
                assertThat(e.tid()).isEqualTo(um.tid());
            });
        } else {
            KrpcMessage m = ((KrpcDecodeResult.Decoded) expected).message();
            count(m instanceof KrpcQuery ? "query" : "stray reply");
            if (m instanceof KrpcQuery q) {
                assertThat(delta(before, after, "queries_in")).isEqualTo(1);
                assertThat(replies).singleElement().satisfies(reply -> {
                    assertThat(reply.tid()).isEqualTo(q.tid());
                    if (q instanceof KrpcQuery.AnnouncePeer && reply instanceof KrpcError e) {
                        assertThat(e.code()).isEqualTo(KrpcError.PROTOCOL);
                        assertThat(delta(before, after, "bad_tokens")).isEqualTo(1);
                    } else {
                        assertThat(reply).isInstanceOf(KrpcResponse.class);
                        assertThat(((KrpcResponse) reply).sender()).isEqualTo(node.id());
                    }
                });
            } else if (pendingBefore == 0) {
                assertThat(delta(before, after, "unexpected_responses")).isEqualTo(1);
                assertThat(replies).isEmpty();
            }
        }

        assertThat(node.isRunning()).isTrue();
        assertAnswersPing();
    }

    private void assertAnswersPing() {
        attacker.clear();
        attacker.send(node.address(), new KrpcQuery.Ping(PING_TID, NodeId.fromHex("00".repeat(20))));
        world.settle();
        assertThat(repliesTo(attacker)).singleElement().isInstanceOfSatisfying(KrpcResponse.class, r -> {
            assertThat(r.tid()).isEqualTo(PING_TID);
            assertThat(r.sender()).isEqualTo(node.id());
        });
    }

    /** Replies (responses and errors) the peer received; queries the node itself started are not replies. */
    private static List<KrpcMessage> repliesTo(RawPeer peer) {
        return peer.messages().stream().filter(m -> !(m instanceof KrpcQuery)).toList();
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }
}
