package io.p2ptestbed.features.testglue;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipseAttack;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipsePlan;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.kademlia.KademliaWorkloads;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Test-only glue for the CLI's gate tests: an eclipse attack on one node of the world's simulated
 * network, and a switch for the defence it is measured against (Kademlia's ping-before-evict and
 * prefer-old-contacts rules). The project's own attack steps live with the security features; this
 * fixture only needs a metric that a defence moves, measured by a real run.
 */
public class EclipseFixtureSteps {

    private final TestbedWorld world;

    public EclipseFixtureSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("the eviction-rules defence is {word}")
    public void evictionRules(String onOff) {
        boolean on = onOff.equals("on");
        world.configure(s -> KademliaScenarios.withConfig(s, KademliaScenarios.config(s).withEvictionRules(on, on)));
    }

    @When("an eclipse attack with {int} Sybils runs against node {int} for {int} minutes")
    public void eclipse(int sybils, int index, int minutes) {
        SimulatedRuntime rt = (SimulatedRuntime) world.runtime();
        NodeHandle victim = world.node("n" + index);
        world.markVictim(victim);
        EclipsePlan plan = EclipsePlan.of(victim.contact(), sybils, 12)
                .withBehaviour(new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.COLLUDERS_ONLY))
                .withTiming(20_000, 100, minutes * 60_000L);
        EclipseAttack attack = world.extension(EclipseAttack.class,
                () -> new EclipseAttack(plan, AttackContext.simulated(rt.network(), world.rng("eclipse"))));
        long start = rt.nowMillis();
        attack.setup();
        attack.start();
        world.attackers().addAll(attack.collusion().members());
        for (int m = 1; m <= minutes; m++) {
            rt.advance(60_000);
            double share = AdversaryShare.of(victim.routingContacts(), attack.collusion()).fraction();
            world.record("victim_attacker_share", share);
            if (m % Math.max(1, minutes / 3) == 0) {
                world.snapshot(String.format("%d min of eclipse, %.0f%% of the victim's table are Sybils", m, share * 100));
            }
        }
        world.interval("eclipse", start, rt.nowMillis());
        RandomGenerator rng = world.rng("victim-lookups");
        List<LookupRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            reqs.add(LookupRequest.findNode(victim, NodeId.random(rng)));
        }
        world.lastLookups(KademliaWorkloads.evaluate(reqs, KademliaRuntime.of(rt).lookups(reqs), rt.truth(), KademliaScenarios.config(world.scenario()).k()));
    }
}
