package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.bitcoin.BitcoinSybil;
import io.p2ptestbed.adversary.lab.OutsideLabException;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.bitcoin.BitcoinCodec;
import io.p2ptestbed.overlay.bitcoin.BitcoinNode;
import io.p2ptestbed.overlay.bitcoin.Message;
import io.p2ptestbed.overlay.bitcoin.Message.NetAddr;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TCP stream endpoints in an attacker container (the socket host's streams), used from the harness through the
 * stream SPI: a connection from the attacker's own address to a Bitcoin node container, Bitcoin frames both ways,
 * closes from either end; the adversary's own {@code BitcoinSybil}, unchanged, on an attacker endpoint, answering a
 * node container's connection to it; and connects
 * outside the lab network refused in the container with a message naming the lab network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackerStreamsTest {

    private static final BitcoinCodec CODEC = new BitcoinCodec(4_000_000);

    private DockerRuntime rt;

    @BeforeAll
    void start() {
        DockerTestSupport.requireDockerOrSkip();
        rt = new DockerRuntime(Scenario.defaults("attacker-streams", 2).withRuntime(RuntimeKind.DOCKER).withSeed(43)
                .withProtocol("bitcoin"));
        rt.start();
    }

    @AfterAll
    void stop() {
        DockerTestSupport.closeAndAssertClean(rt);
    }

    /** Everything a connection's handler hears, in order, as text ("opened ...", "frame version", "closed REMOTE"). */
    private static final class Recorder implements ConnectionHandler {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final CompletableFuture<Connection> opened = new CompletableFuture<>();

        @Override
        public void opened(Connection c) {
            events.add("opened " + (c.inbound() ? "in " : "out ") + c.remote());
            opened.complete(c);
        }

        @Override
        public void frame(Connection c, byte[] frame) {
            try {
                Message m = CODEC.decode(frame);
                events.add("frame " + m.command() + (m instanceof Message.Pong p ? " " + p.nonce() : ""));
            } catch (BitcoinCodec.Malformed e) {
                events.add("malformed " + e.getMessage());
            }
        }

        @Override
        public void closed(Connection c, CloseReason reason) {
            events.add("closed " + reason);
        }

        @Override
        public void failed(NodeAddress to, CloseReason reason) {
            events.add("failed " + to + " " + reason);
            opened.completeExceptionally(new IllegalStateException("failed: " + reason));
        }

        /** Waits for the next event that starts with {@code prefix}, skipping others; fails after 20 s. */
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                String e = events.poll(200, TimeUnit.MILLISECONDS);
                if (e != null && e.startsWith(prefix)) {
                    return e;
                }
            }
            throw new AssertionError("no '" + prefix + "' within 20 s; left: " + events);
        }
    }

    private static Message.Version version(NodeAddress from, NodeAddress to) {
        return new Message.Version(BitcoinCodec.PROTOCOL_VERSION, 1, BitcoinNode.LAB_EPOCH_SECONDS + 60,
                new NetAddr(1, to.ip(), to.port()), new NetAddr(1, from.ip(), from.port()), 7, "/attacker-streams-test/", 0, true);
    }

    @Test
    void aConnectionFromAnAttackerContainerToANodeContainerCarriesFramesBothWaysAndCloses() throws Exception {
        NodeAddress me = new NodeAddress(rt.plan().attackerHostIp(0), 8_401);
        NodeAddress node = rt.node(0).address();
        StreamTransport st = rt.attackers().openStreams(me, StreamLimits.DEFAULT);
        long acceptedBefore = rt.node(0).stats().getOrDefault("stream.accepted", 0L);

        Recorder r = new Recorder();
        rt.attackers().scheduler().execute(() -> st.connect(node, r));
        Connection c = r.opened.get(20, TimeUnit.SECONDS);
        assertThat(r.await("opened")).isEqualTo("opened out " + node);
        assertThat(c.inbound()).isFalse();
        rt.attackers().scheduler().execute(() -> c.send(CODEC.encode(version(me, node))));
        assertThat(r.await("frame version")).as("the node's answer to our version").isEqualTo("frame version");
        assertThat(r.await("frame verack")).isEqualTo("frame verack");
        rt.attackers().scheduler().execute(() -> {
            c.send(CODEC.encode(new Message.Verack()));
            c.send(CODEC.encode(new Message.Ping(424_242)));
        });
        assertThat(r.await("frame pong")).as("the node's pong over the same connection").isEqualTo("frame pong 424242");
        assertThat(rt.node(0).stats().get("stream.accepted")).as("connections the node container accepted")
                .isGreaterThan(acceptedBefore);
        assertThat(st.counters().framesSent.get()).isEqualTo(3);
        assertThat(st.counters().framesReceived.get()).isGreaterThanOrEqualTo(3);
        assertThat(st.connections()).containsExactly(c);

        // our close: the connection ends at both ends
        rt.attackers().scheduler().execute(c::close);
        assertThat(r.await("closed")).isEqualTo("closed " + CloseReason.LOCAL);
        assertThat(c.isOpen()).isFalse();

        // the node's close: a frame with a bad checksum makes it reset that connection only
        Recorder r2 = new Recorder();
        rt.attackers().scheduler().execute(() -> st.connect(node, r2));
        Connection c2 = r2.opened.get(20, TimeUnit.SECONDS);
        byte[] bad = CODEC.encode(new Message.Ping(1));
        bad[20] ^= 0x5a; // the header's checksum
        rt.attackers().scheduler().execute(() -> c2.send(bad));
        assertThat(r2.await("closed")).isIn("closed " + CloseReason.REMOTE, "closed " + CloseReason.RESET);
        assertThat(rt.node(0).stats().get("malformed")).as("malformed frames the node counted").isGreaterThanOrEqualTo(1);
        st.close();
    }

    @Test
    void theAdversarysBitcoinSybilOnAnAttackerEndpointAnswersANodeContainersOwnConnection() throws Exception {
        NodeAddress bait = new NodeAddress(rt.plan().attackPoolIp(0, 9), 8_403);
        DockerNode node = rt.node(0);
        StreamTransport listener = rt.attackers().openStreams(bait, StreamLimits.DEFAULT);
        // the adversary's Sybil, unchanged: it accepts, answers version with version + verack, and pongs
        BitcoinSybil sybil = new BitcoinSybil(bait, listener, rt.attackers().scheduler(), new SplittableRandom(5),
                rt.attackers().guard());
        CompletableFuture.runAsync(sybil::start, rt.attackers().scheduler()::execute).get(10, TimeUnit.SECONDS);
        // the node dials the attacker's address from its own container (a one-shot connection: handshake, ping)
        assertThat(node.control().ping(node.slot(), bait)).as("the node's ping of the Sybil over TCP answered").isTrue();
        Map<String, Long> counters = CompletableFuture.supplyAsync(sybil::counters, rt.attackers().scheduler()::execute)
                .get(10, TimeUnit.SECONDS);
        assertThat(counters.get("sybil.accepted")).as("connections the Sybil accepted in the attacker container").isEqualTo(1);
        assertThat(listener.counters().accepted.get()).isEqualTo(1);
        assertThat(listener.counters().framesReceived.get()).as("version, verack and ping from the node").isGreaterThanOrEqualTo(3);
        CompletableFuture.runAsync(sybil::stop, rt.attackers().scheduler()::execute).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBotnetOverManySlash24sIsCarriedByOneAttackerContainerAndNeverTakesAnHonestAddress() throws Exception {
        java.util.List<NodeAddress> botnet = rt.plan().botnet(300, 8_405);
        assertThat(botnet.stream().map(a -> a.ip() >>> 8).distinct().count()).as("/24s of the botnet").isEqualTo(240);
        rt.attackers().bindAll(botnet); // 300 addresses on one container's interface in one ip -batch
        assertThat(rt.attackers().containers()).as("one container carries them").hasSize(1);
        DockerNode node = rt.node(1);
        java.util.List<NodeAddress> used = java.util.List.of(botnet.get(3), botnet.get(120), botnet.get(299));
        java.util.List<BitcoinSybil> sybils = new java.util.ArrayList<>();
        for (NodeAddress a : used) {
            BitcoinSybil y = new BitcoinSybil(a, rt.attackers().openStreams(a, StreamLimits.DEFAULT), rt.attackers().scheduler(),
                    new SplittableRandom(a.ip()), rt.attackers().guard());
            sybils.add(y);
            rt.attackers().scheduler().execute(() -> {
                y.start();
                y.hold(node.address());
            });
        }
        // the node container sees each held connection come from the botnet address's own ip (GET /v1/peers)
        java.util.Set<Integer> want = new java.util.HashSet<>(used.stream().map(NodeAddress::ip).toList());
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!seen.containsAll(want) && System.nanoTime() < deadline) {
            for (Object o : io.p2ptestbed.overlay.node.control.Fields.list(node.control().call("GET", "peers", node.slot(), null)
                    .get("inbound"), "inbound")) {
                seen.add(NodeAddress.parse((String) o).ip());
            }
            Thread.sleep(200);
        }
        assertThat(seen).as("inbound source ips at %s", node.address()).containsAll(want);
        // an honest container's address, or one outside both ranges, is never the attacker's
        assertThatThrownBy(() -> rt.attackers().openStreams(new NodeAddress(rt.plan().honestIp(1), 8_405), StreamLimits.DEFAULT))
                .hasMessageContaining("never the attacker's");
        assertThatThrownBy(() -> rt.attackers().bindAll(java.util.List.of(new NodeAddress(rt.plan().honestIp(0) + 1, 8_405))))
                .hasMessageContaining("neither in an attacker pool");
        for (BitcoinSybil y : sybils) {
            CompletableFuture.runAsync(y::stop, rt.attackers().scheduler()::execute).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectsOutsideTheLabNetworkAreRefusedInTheContainerWithTheReason() throws Exception {
        NodeAddress me = new NodeAddress(rt.plan().attackerHostIp(0), 8_404);
        assertThatThrownBy(() -> rt.attackers().openStreams(NodeAddress.of(192, 168, 1, 5, 8_404), StreamLimits.DEFAULT))
                .isInstanceOf(OutsideLabException.class).hasMessageContaining("outside the lab networks");
        StreamTransport st = rt.attackers().openStreams(me, StreamLimits.DEFAULT);
        Recorder r = new Recorder();
        NodeAddress outside = NodeAddress.of(8, 8, 8, 8, 8_333);
        rt.attackers().scheduler().execute(() -> st.connect(outside, r));
        assertThat(r.await("failed")).isEqualTo("failed " + outside + " " + CloseReason.OUTSIDE_LAB);
        assertThat(st.counters().refusedOutsideLab.get()).isEqualTo(1);
        assertThat(rt.attackers().streamRefusals()).anySatisfy(m -> assertThat(m)
                .contains("refusing to connect " + me + " to " + outside).contains("outside the lab network " + rt.plan().subnet()));
        st.close();
    }
}
