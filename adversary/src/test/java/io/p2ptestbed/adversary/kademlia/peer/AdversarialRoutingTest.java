package io.p2ptestbed.adversary.kademlia.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.adversary.sybil.SybilFactory;
import io.p2ptestbed.adversary.sybil.SybilSet;
import io.p2ptestbed.adversary.sybil.SybilSpec;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AdversarialRoutingTest {

    record Outcome(double success, double meanMillis) {}

    /** 150 random lookups with 20% Sybils behaving as given: how many return the true closest honest node, how fast. */
    static Outcome lookups(Behaviour behaviour) {
        // Sybils join early, behaving honestly, so honest nodes meet them while they join (as in the
        // S/Kademlia model where adversarial nodes are a share of the membership), then turn.
        SimLab lab = new SimLab(5).grow(10, NodeConfig.defaults());
        SybilSet set = new SybilFactory(lab.rng(), lab.attackContext().guard())
                .create(SybilSpec.of(50, new Placement.Anywhere(), AddressPlan.slash24s(50, 6881)));
        SybilSwarm swarm = SybilSwarm.launch(set, new Behaviour.Honest(), lab.attackContext());
        lab.await(swarm.join(lab.seeds(), 100), 120_000);
        lab.grow(190, NodeConfig.defaults());
        lab.advance(30_000);
        swarm.setBehaviour(behaviour);

        SplittableRandom w = lab.rng();
        List<CompletableFuture<LookupResult>> fs = new ArrayList<>();
        List<NodeId> truth = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            NodeId target = NodeId.random(w);
            truth.add(lab.nodes.stream().map(KademliaNode::id).min(Comparator.comparing(id -> id, target::compareDistance)).orElseThrow());
            fs.add(lab.nodes.get(w.nextInt(lab.nodes.size())).findNode(target));
        }
        lab.await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), 600_000);
        int ok = 0;
        long millis = 0;
        for (int i = 0; i < fs.size(); i++) {
            LookupResult r = fs.get(i).join();
            millis += r.durationMillis();
            NodeId best = truth.get(i);
            if (r.closest().stream().anyMatch(c -> c.id().equals(best))) {
                ok++;
            }
        }
        Outcome o = new Outcome(ok / 150.0, millis / 150.0);
        System.out.println(behaviour + ": " + o + ", sybils " + swarm.stats());
        return o;
    }

    @Test
    void adversarialRoutingLowersLookupSuccessComparedWithHonestSybils() {
        Outcome honest = lookups(new Behaviour.Honest());
        Outcome colluders = lookups(new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.COLLUDERS_ONLY));
        Outcome forged = lookups(new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.FORGED_ADDRESSES));
        Outcome blackhole = lookups(new Behaviour.Blackhole(true));
        assertThat(honest.success()).isGreaterThan(0.95);
        assertThat(colluders.success()).isLessThan(honest.success());
        assertThat(forged.success()).as("forged addresses hide the real closest node").isLessThan(0.75);
        assertThat(blackhole.success()).isLessThanOrEqualTo(honest.success());
        assertThat(blackhole.meanMillis()).as("dropped queries cost timeouts").isGreaterThan(honest.meanMillis());
    }
}
