package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.kademlia.dos.Flood;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.adversary.kademlia.dos.FloodPlan;
import io.p2ptestbed.adversary.kademlia.dos.FloodStats;
import io.p2ptestbed.adversary.kademlia.dos.QueryMix;
import io.p2ptestbed.adversary.kademlia.dos.QueryType;
import io.p2ptestbed.adversary.lab.OutsideLabException;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Attackers as containers: sockets in a socket-host container, used by attack code in the harness. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackerHostsTest {

    private DockerRuntime rt;

    @BeforeAll
    void start() {
        rt = DockerTestSupport.startNetwork("attackers", 5, 4);
    }

    @AfterAll
    void stop() {
        DockerTestSupport.closeAndAssertClean(rt);
    }

    @Test
    void aSocketInAnAttackerContainerSpeaksToANodeFromItsOwnAddress() throws Exception {
        AttackContext ctx = rt.attackers().context(new SplittableRandom(1));
        NodeAddress sybil = new NodeAddress(rt.plan().attackerHostIp(0), 21_000);
        NodeAddress secondIp = new NodeAddress(rt.plan().attackPoolIp(0, 7), 21_000);
        for (NodeAddress bind : new NodeAddress[] {sybil, secondIp}) {
            Transport t = ctx.open(bind);
            CompletableFuture<KrpcResponse> reply = new CompletableFuture<>();
            KrpcCodec codec = new KrpcCodec();
            t.setHandler((from, data) -> {
                if (codec.decode(data) instanceof KrpcDecodeResult.Decoded d && d.message() instanceof KrpcResponse r) {
                    reply.complete(r);
                }
            });
            NodeId me = NodeId.random(new SplittableRandom(bind.ip()));
            t.send(rt.node(1).address(), codec.encode(new KrpcQuery.Ping(new byte[] {1, 2}, me)));
            assertThat(reply.get(10, TimeUnit.SECONDS).sender()).isEqualTo(rt.node(1).id());
            // the node saw the datagram come from the attacker's own address: it is now in its routing table
            assertThat(rt.node(1).routingContacts()).anyMatch(c -> c.address().equals(bind) && c.id().equals(me));
            t.close();
        }
        assertThat(rt.attackers().containers()).anyMatch(c -> c.name().endsWith("-a0") && c.role().equals("attacker"));
    }

    @Test
    void theLabGuardKeepsAttackTrafficInsideTheLabNetwork() {
        AttackContext ctx = rt.attackers().context(new SplittableRandom(2));
        assertThatThrownBy(() -> ctx.open(NodeAddress.of(192, 168, 1, 5, 21_000))).isInstanceOf(OutsideLabException.class);
        Transport t = ctx.open(new NodeAddress(rt.plan().attackerHostIp(0), 21_100));
        assertThatThrownBy(() -> t.send(NodeAddress.of(8, 8, 8, 8, 53), new byte[] {1})).isInstanceOf(OutsideLabException.class);
        assertThatThrownBy(() -> rt.attackers().open(rt.node(2).address())).hasMessageContaining("attacker pool");
        t.close();
    }

    @Test
    void aBoundedFloodRunsThroughTheRelayAndIsAnswered() {
        AttackContext ctx = rt.attackers().context(new SplittableRandom(3));
        FloodPlan plan = FloodPlan.of(rt.node(3).address(), QueryMix.only(QueryType.PING), FloodBounds.of(1_000, 2_000))
                .withSources(rt.attackers().sharedIp(1, 30_000), 4);
        Flood f = Flood.prepare(plan, ctx);
        f.start();
        FloodStats s = rt.await(f.completion(), 30_000);
        System.out.println("[docker-test] flood through the socket host: sent " + s.sent() + ", answered " + s.answered());
        assertThat(s.sent()).isEqualTo(2_000);
        assertThat(s.answered()).isGreaterThan(1_800);
    }
}
