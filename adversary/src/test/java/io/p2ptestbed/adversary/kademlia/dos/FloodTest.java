package io.p2ptestbed.adversary.kademlia.dos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import org.junit.jupiter.api.Test;

class FloodTest {

    @Test
    void aFloodSendsExactlyRateTimesDurationAndStopsByItself() {
        SimLab lab = new SimLab(31).grow(30, NodeConfig.defaults());
        KademliaNode victim = lab.nodes.get(7);
        long queriesBefore = victim.stats().queriesIn();
        Flood flood = Flood.prepare(FloodPlan.of(victim.address(), QueryMix.only(QueryType.GET_PEERS),
                new FloodBounds(5_000, 1_000_000, 2_000)), lab.attackContext());
        long t0 = lab.scheduler.nowMillis();
        flood.start();
        lab.advance(1_000);
        assertThat(flood.stats().sent()).isBetween(4_900L, 5_100L);
        FloodStats done = lab.await(flood.completion(), 60_000);

        assertThat(done.sent()).isEqualTo(10_000);
        assertThat(done.finished()).isTrue();
        assertThat(done.endMillis() - t0).isLessThanOrEqualTo(2_000);
        assertThat(victim.stats().queriesIn() - queriesBefore).isEqualTo(10_000);
        assertThat(done.answered()).isEqualTo(10_000);
        lab.advance(10_000);
        assertThat(flood.stats().sent()).as("nothing after the end").isEqualTo(10_000);
        assertThat(lab.network.isOpen(FloodPlan.of(victim.address(), QueryMix.uniform(), FloodBounds.of(1, 1)).sources().address(0)))
                .as("sources closed after the grace period").isFalse();
    }

    @Test
    void theCountBoundStopsAFloodEarly() {
        SimLab lab = new SimLab(32).grow(5, NodeConfig.defaults());
        Flood flood = Flood.prepare(FloodPlan.of(lab.nodes.get(1).address(), QueryMix.only(QueryType.PING),
                new FloodBounds(1_000, 500, 10_000)), lab.attackContext());
        long t0 = lab.scheduler.nowMillis();
        flood.start();
        FloodStats s = lab.await(flood.completion(), 60_000);
        assertThat(s.sent()).isEqualTo(500);
        assertThat(s.endMillis() - t0).isBetween(480L, 500L);
    }

    @Test
    void stopEndsAFloodBeforeItsBounds() {
        SimLab lab = new SimLab(33).grow(5, NodeConfig.defaults());
        Flood flood = Flood.prepare(FloodPlan.of(lab.nodes.get(1).address(), QueryMix.only(QueryType.PING),
                FloodBounds.of(1_000, 10_000)), lab.attackContext());
        flood.start();
        lab.advance(300);
        flood.stop();
        lab.advance(1);
        long sent = flood.stats().sent();
        lab.advance(20_000);
        assertThat(flood.stats().sent()).isEqualTo(sent).isBetween(290L, 320L);
    }

    @Test
    void boundsAreMandatoryAndCapped() {
        assertThatThrownBy(() -> new FloodBounds(100_001, 10, 10)).hasMessageContaining("ratePerSecond");
        assertThatThrownBy(() -> new FloodBounds(10, 10_000_001, 10)).hasMessageContaining("maxDatagrams");
        assertThatThrownBy(() -> new FloodBounds(10, 10, 600_001)).hasMessageContaining("durationMillis");
        assertThatThrownBy(() -> new FloodBounds(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FloodBounds(10, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FloodBounds(10, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FloodBounds(100_000, 10_000_000, 600_000).budget()).isEqualTo(10_000_000);
    }

    @Test
    void amplificationIsMeasuredPerQueryTypeOnRealReplies() {
        SimLab lab = new SimLab(34).grow(60, NodeConfig.defaults());
        Flood flood = Flood.prepare(FloodPlan.of(lab.nodes.get(3).address(), QueryMix.uniform(),
                FloodBounds.of(2_000, 2_000)), lab.attackContext());
        flood.start();
        FloodStats s = lab.await(flood.completion(), 60_000);
        for (QueryType t : QueryType.values()) {
            System.out.printf("%-13s sent %5d answered %5d errors %5d  amplification %.2f (per reply %.2f)%n", t,
                    s.of(t).sent(), s.of(t).answered(), s.of(t).errors(), s.of(t).amplification(), s.of(t).perReplyAmplification());
        }
        assertThat(s.sent()).isEqualTo(4_000);
        assertThat(s.of(QueryType.FIND_NODE).perReplyAmplification()).as("8 compact nodes per reply").isGreaterThan(2.0);
        assertThat(s.of(QueryType.GET_PEERS).perReplyAmplification()).isGreaterThan(2.0);
        assertThat(s.of(QueryType.PING).perReplyAmplification()).isBetween(0.5, 1.5);
        assertThat(s.of(QueryType.ANNOUNCE_PEER).answered())
                .as("announces reuse tokens the victim gave the same source in get_peers replies").isPositive();
    }

    @Test
    void freshIdsFromManySourcesChurnThePlainVictimsTable() {
        SimLab lab = new SimLab(35).grow(60, NodeConfig.defaults());
        KademliaNode victim = lab.add(NodeConfig.defaults().withEvictionRules(false, false));
        lab.advance(10_000);
        java.util.Set<io.p2ptestbed.overlay.id.NodeId> honestBefore = victim.table().contacts().stream()
                .map(io.p2ptestbed.overlay.id.Contact::id).collect(java.util.stream.Collectors.toSet());
        Flood churn = Flood.prepare(FloodPlan.churnPressure(victim.address(), victim.id(), 8, 50,
                FloodBounds.of(200, 30_000)), lab.attackContext());
        churn.start();
        lab.await(churn.completion(), 120_000);
        long honestLeft = victim.table().contacts().stream().filter(c -> honestBefore.contains(c.id())).count();
        System.out.println("victim stats " + victim.stats().snapshot() + ", honest left " + honestLeft + "/" + honestBefore.size());
        assertThat(churn.stats().sent()).isEqualTo(6_000);
        assertThat(victim.stats().snapshot().get("evictions")).isGreaterThan(100);
        assertThat(honestLeft).isLessThan(honestBefore.size() / 2);
    }

    @Test
    void rotatingOverManySourceAddresses() {
        SimLab lab = new SimLab(36).grow(5, NodeConfig.defaults());
        FloodPlan plan = FloodPlan.of(lab.nodes.get(2).address(), QueryMix.only(QueryType.PING), FloodBounds.of(100, 1_000))
                .withSources(AddressPlan.slash24s(10, 7000), 10).withIds(new SourceIds.Fresh(new Placement.Anywhere()));
        Flood flood = Flood.prepare(plan, lab.attackContext());
        for (int i = 0; i < 10; i++) {
            assertThat(lab.network.isOpen(plan.sources().address(i))).isTrue();
        }
        flood.start();
        assertThat(lab.await(flood.completion(), 10_000).answered()).isEqualTo(100);
    }
}
