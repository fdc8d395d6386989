package io.p2ptestbed.adversary.kademlia.eclipse;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class EclipseDeterminismTest {

    record Run(List<Contact> table, EclipseMetrics metrics, LookupResult lookup) {}

    static Run run(long seed, Behaviour behaviour) {
        return run(seed, behaviour, 60);
    }

    static Run run(long seed, Behaviour behaviour, int sybils) {
        SimLab lab = new SimLab(seed).grow(60, NodeConfig.defaults());
        KademliaNode victim = lab.add(NodeConfig.defaults().withEvictionRules(false, false));
        EclipseAttack attack = new EclipseAttack(EclipsePlan.of(victim.contact(), sybils, 10).withBehaviour(behaviour)
                .withTiming(10_000, 50, 120_000), lab.attackContext());
        attack.start();
        lab.advance(180_000);
        LookupResult lookup = lab.await(victim.findNode(NodeId.random(lab.rng())), 60_000);
        return new Run(victim.table().contacts(), attack.metrics(), lookup);
    }

    @Test
    void theSameSeedGivesTheSameEclipse() {
        Behaviour b = new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.COLLUDERS_ONLY);
        Run first = run(77, b);
        Run second = run(77, b);
        assertThat(second.table()).isEqualTo(first.table());
        assertThat(second.metrics()).isEqualTo(first.metrics());
        assertThat(second.lookup().closest()).isEqualTo(first.lookup().closest());
        assertThat(run(78, b).table()).isNotEqualTo(first.table());
    }

    @Test
    void refreshingIsRateBoundedAndStopsAtTheDuration() {
        Run r = run(79, new Behaviour.Blackhole(true));
        EclipseMetrics m = r.metrics();
        // 60 Sybils capped at 50 msg/s: interval max(10 s, 1.2 s) = 10 s; 120 s of refreshing
        assertThat(m.stopMillis() - m.startMillis()).isEqualTo(120_000);
        assertThat(m.messagesSent()).isBetween(60L * 11, 60L * 12);
        assertThat(EclipsePlan.of(r.table().get(0), 1_000, 10).withTiming(1_000, 100, 60_000).effectiveIntervalMillis())
                .as("1000 Sybils at <= 100 msg/s need 10 s between a Sybil's contacts").isEqualTo(10_000);
    }

    @Test
    void aDroppingEclipseMakesTheVictimsLookupsFail() {
        Run r = run(80, new Behaviour.Blackhole(true), 120);
        System.out.println("victim lookup under a dropping eclipse: " + r.lookup().responses() + " answers, "
                + r.lookup().failures() + " failures, " + r.lookup().durationMillis() + " ms");
        assertThat(r.lookup().failures()).isGreaterThan(r.lookup().responses());
        assertThat(r.lookup().closest()).as("every contact the victim asked was a silent Sybil").isEmpty();
    }
}
