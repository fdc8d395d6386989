package io.p2ptestbed.adversary.kademlia.eclipse;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EclipseAttackTest {

    /** 150 honest nodes, then the victim with {@code victimConfig}; background lookups once a second. */
    private static SimLab network(NodeConfig victimConfig) {
        SimLab lab = new SimLab(11).grow(150, NodeConfig.defaults());
        lab.add(victimConfig);
        SplittableRandom work = lab.rng();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            KademliaNode n = lab.nodes.get(work.nextInt(lab.nodes.size()));
            n.findNode(NodeId.random(work));
            lab.scheduler.schedule(1_000, tick[0]);
        };
        lab.scheduler.schedule(0, tick[0]);
        lab.advance(60_000);
        return lab;
    }

    private static AdversaryShare runEclipse(SimLab lab, KademliaNode victim, Behaviour behaviour, EclipseAttack[] out) {
        EclipsePlan plan = EclipsePlan.of(victim.contact(), 120, 12).withBehaviour(behaviour)
                .withTiming(20_000, 100, 30 * 60_000);
        EclipseAttack attack = new EclipseAttack(plan, lab.attackContext());
        attack.setup();
        attack.start();
        lab.advance(10 * 60_000);
        out[0] = attack;
        return AdversaryShare.of(victim.table().contacts(), attack.collusion());
    }

    @Test
    void tablePoisoningTakesOverAPlainVictimsRoutingTable() {
        SimLab lab = network(NodeConfig.defaults().withEvictionRules(false, false));
        KademliaNode victim = lab.nodes.get(lab.nodes.size() - 1);
        AdversaryShare before = AdversaryShare.of(victim.table().contacts(), new io.p2ptestbed.adversary.kademlia.peer.Collusion());
        EclipseAttack[] attack = new EclipseAttack[1];
        AdversaryShare share = runEclipse(lab, victim,
                new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.COLLUDERS_ONLY), attack);
        EclipseMetrics m = attack[0].metrics();
        AdversaryShare probed = lab.await(attack[0].probe(), 10_000);
        System.out.println("plain victim: before " + before + ", after " + share + ", probe " + probed + ", " + m);

        assertThat(share.fraction()).isGreaterThan(0.8);
        assertThat(probed.fraction()).isGreaterThan(0.8);
        assertThat(m.messagesSent()).isGreaterThan(120).isLessThanOrEqualTo(120L * (10 * 60 / 20 + 1));
        assertThat(m.sybilsQueried()).isPositive();
    }

    @Test
    void pingBeforeEvictAndPreferOldContactsResistTheSameAttack() {
        SimLab plainLab = network(NodeConfig.defaults().withEvictionRules(false, false));
        SimLab kadLab = network(NodeConfig.defaults());
        Behaviour b = new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.COLLUDERS_ONLY);
        EclipseAttack[] a = new EclipseAttack[1];
        AdversaryShare plain = runEclipse(plainLab, plainLab.nodes.get(plainLab.nodes.size() - 1), b, a);
        AdversaryShare kad = runEclipse(kadLab, kadLab.nodes.get(kadLab.nodes.size() - 1), b, a);
        System.out.println("plain " + plain + " vs kademlia rules " + kad);
        assertThat(kad.fraction()).isLessThan(plain.fraction());
    }
}
