package io.p2ptestbed.overlay.defence;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.InboundGuard;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.ReplyHandler;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Flood, advance virtual time, assert the penalty. "Normal load" below is one query per second per
 * honest source; the limiter's defaults allow 10 per second per IP and per id.
 */
class RateLimiterTest {

    private static final long RUN_MILLIS = 60_000;

    private final SimLab lab = new SimLab(21);
    private final KademliaNode victim = lab.honestNodes(1).get(0);
    private final List<KademliaNode> honest = lab.honestNodes(20);
    private final int[] answered = new int[1];
    private final int[] asked = new int[1];

    /** Every honest node pings the victim once a second (with a random phase) for the whole run. */
    private void honestLoad() {
        SplittableRandom phase = lab.seed.split();
        for (KademliaNode h : honest) {
            long start = phase.nextLong(1_000);
            for (long t = start; t < RUN_MILLIS; t += 1_000) {
                lab.scheduler.schedule(t, () -> {
                    asked[0]++;
                    h.sendQuery(victim.address(), null, tid -> new KrpcQuery.Ping(tid, h.id()), new ReplyHandler() {
                        public void onResponse(KrpcResponse r) {
                            answered[0]++;
                        }

                        public void onError(KrpcError e) {}

                        public void onTimeout() {}
                    });
                });
            }
        }
    }

    /** {@code perSecond} pings per second from each attacker, each with a fresh node id. */
    private List<ScriptedPeer> flood(List<NodeAddress> from, int perSecond) {
        SplittableRandom ids = lab.seed.split();
        List<ScriptedPeer> attackers = new ArrayList<>();
        for (NodeAddress a : from) {
            ScriptedPeer p = new ScriptedPeer(lab, NodeId.random(ids), a, (t, x) -> List.of());
            attackers.add(p);
            long gap = 1_000 / perSecond;
            for (long t = 0; t < RUN_MILLIS; t += gap) {
                int tid = (int) (t / gap);
                lab.scheduler.schedule(t, () -> p.send(victim.address(), new KrpcQuery.Ping(
                        new byte[] {(byte) (tid >>> 8), (byte) tid}, NodeId.random(ids))));
            }
        }
        return attackers;
    }

    @Test
    void honestTrafficWellUnderTheLimit_shouldBeServedInFull() {
        InstalledDefences d = DefenceSet.parse("rate-limit").install(victim);
        honestLoad();
        lab.scheduler.advance(RUN_MILLIS + 5_000);

        assertThat(asked[0]).isEqualTo(20 * 60);
        assertThat(answered[0]).isEqualTo(asked[0]);
        assertThat(d.counters()).containsEntry("defence.rate_limit.limited", 0L)
                .containsEntry("defence.rate_limit.admitted", (long) asked[0]);
    }

    @Test
    void aFloodFromOneIpAt100TimesTheNormalRate_shouldBeDroppedWhileHonestSourcesKeepTheirService() {
        InstalledDefences d = DefenceSet.parse("rate-limit").install(victim);
        honestLoad();
        ScriptedPeer attacker = flood(List.of(NodeAddress.parse("127.201.0.1:6881")), 100).get(0);
        lab.scheduler.advance(RUN_MILLIS + 5_000);

        Map<String, Long> c = d.counters();
        long sent = 100 * RUN_MILLIS / 1_000;
        long attackerServed = attacker.repliesIn;
        assertThat((double) answered[0] / asked[0]).as("honest service").isGreaterThanOrEqualTo(0.99);
        // the attacker gets its bucket's worth: burst 40 + 10/s for 60 s
        assertThat(attackerServed).isBetween(600L, 641L);
        assertThat(c.get("defence.rate_limit.dropped")).isEqualTo(sent - attackerServed);
        assertThat(c.get("defence.rate_limit.limited_by_ip")).isEqualTo(sent - attackerServed);
        assertThat(victim.stats().snapshot()).containsEntry("queries_dropped", sent - attackerServed)
                .containsEntry("defence.rate_limit.dropped", sent - attackerServed);
    }

    @Test
    void rejectAction_shouldAnswerOverLimitQueriesWithError202() {
        DefenceSet.parse("rate-limit(action=reject)").install(victim);
        ScriptedPeer attacker = flood(List.of(NodeAddress.parse("127.201.0.1:6881")), 100).get(0);
        lab.scheduler.advance(RUN_MILLIS + 5_000);

        Map<String, Long> stats = victim.stats().snapshot();
        assertThat(attacker.errorsIn).isPositive();
        assertThat(stats).containsEntry("queries_rejected_202", (long) attacker.errorsIn)
                .containsEntry("defence.rate_limit.rejected_202", (long) attacker.errorsIn)
                .containsEntry("defence.rate_limit.dropped", 0L);
    }

    @Test
    void oneIdFromManyAddresses_shouldBeLimitedPerId() {
        InstalledDefences d = DefenceSet.parse("rate-limit(ip=off,global=off)").install(victim);
        NodeId claimed = NodeId.random(lab.seed.split());
        int sent = 0;
        for (int i = 0; i < 200; i++) { // 200 queries within one second, each from a different address
            ScriptedPeer p = new ScriptedPeer(lab, claimed, NodeAddress.of(127, 202, i, 1, 6881), (t, x) -> List.of());
            lab.scheduler.schedule(i * 5L, () -> p.ping(victim.address(), 1));
            sent++;
        }
        lab.scheduler.advance(2_000);

        long admitted = d.counters().get("defence.rate_limit.admitted");
        assertThat(admitted).isBetween(40L, 51L); // burst 40 + 10/s over one second
        assertThat(d.counters().get("defence.rate_limit.limited_by_id")).isEqualTo(sent - admitted);
    }

    @Test
    void manyFloodingAddresses_shouldBeCappedByTheGlobalBudget() {
        InstalledDefences d = DefenceSet.parse("rate-limit(global=500/s,global-burst=1000)").install(victim);
        List<NodeAddress> botnet = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            botnet.add(NodeAddress.of(127, 203, i, 1, 6881));
        }
        flood(botnet, 10); // 100 addresses x 10/s = 1000/s, each address within its own limit
        lab.scheduler.advance(RUN_MILLIS + 5_000);

        Map<String, Long> c = d.counters();
        assertThat(c.get("defence.rate_limit.admitted")).isLessThanOrEqualTo(1_000 + 500 * RUN_MILLIS / 1_000);
        assertThat(c.get("defence.rate_limit.limited_by_global")).isPositive();
        assertThat(c.get("defence.rate_limit.limited_by_ip")).isZero();
    }

    @Test
    void trackedSources_shouldStayBoundedUnderASpoofingFlood() {
        InstalledDefences d = DefenceSet.parse("rate-limit(max-tracked=100)").install(victim);
        SplittableRandom rng = lab.seed.split();
        for (int i = 0; i < 1_000; i++) {
            ScriptedPeer p = new ScriptedPeer(lab, NodeId.random(rng), NodeAddress.of(127, 204, i / 250, 1 + i % 250, 6881),
                    (t, x) -> List.of());
            p.ping(victim.address(), i);
        }
        lab.scheduler.advance(1_000);
        assertThat(d.counters()).containsEntry("defence.rate_limit.tracked_ips", 100L)
                .containsEntry("defence.rate_limit.tracked_ids", 100L);
    }
}
