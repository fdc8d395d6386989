package io.p2ptestbed.features.steps.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.AttackWorld;
import io.p2ptestbed.features.world.kademlia.KademliaAttacks;
import io.p2ptestbed.features.world.DefenceWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.kademlia.attack.KeyCensors;
import io.p2ptestbed.harness.kademlia.attack.LookupMode;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Censorship and index poisoning of one key (an info-hash named like a torrent): honest peers announce
 * it, then Sybils ground next to the key join and either censor it (get_peers gets no values, only
 * fellow censors) or poison it (get_peers gets bogus peers). Honest get_peers lookups then show whether
 * the honest peers are still found.
 */
public class PoisoningSteps {

    static final int SLASH24S = 4;

    private final TestbedWorld world;
    private KeyCensors.Findings findings;

    public PoisoningSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("{int} random nodes announce {string}")
    public void announce(int count, String name) {
        Steps.count("the number of announcing nodes", count, 1, 45_000);
        NodeId key = StorageSteps.infoHash(name);
        RandomGenerator rng = world.rng("announce-" + name);
        List<NodeHandle> live = world.runtime().liveNodes();
        Set<NodeAddress> peers = KademliaAttacks.of(world).announced.computeIfAbsent(name, k -> new LinkedHashSet<>());
        int acks = 0;
        for (int i = 0; i < count; i++) {
            NodeHandle n = live.get(rng.nextInt(live.size()));
            int port = 20_000 + i;
            AnnounceResult r = KademliaRuntime.of(world.runtime()).announce(n, key, port);
            acks += r == null ? 0 : r.acknowledged();
            peers.add(new NodeAddress(n.address().ip(), port));
        }
        world.record("announce_acks", acks);
        assertThat(acks).as("announces of %s stored by honest nodes", name).isPositive();
    }

    @When("{int} Sybils placed next to {string} censor it")
    public void censor(int count, String name) {
        launch(count, name, false);
    }

    @When("{int} Sybils placed next to {string} poison it with bogus peers")
    public void poison(int count, String name) {
        launch(count, name, true);
    }

    private void launch(int count, String name, boolean poison) {
        Steps.count("the number of Sybils", count, 1, 1_000_000);
        AttackWorld attacks = AttackWorld.of(world);
        KademliaAttacks kademlia = KademliaAttacks.of(world);
        if (kademlia.censors != null) {
            throw new IllegalStateException("this scenario already has Sybils next to a key");
        }
        KeyCensors k = attacks.closeLater(KeyCensors.launch(world.runtime(), attacks.lab(), StorageSteps.infoHash(name), count,
                SLASH24S, poison));
        kademlia.censors = k;
        attacks.showAttackers(k.contacts());
        world.record("key_sybils", k.set().size());
        world.snapshot(count + " Sybils next to " + name + (poison ? " poison it" : " censor it"));
    }

    @When("{int} get_peers lookups for {string} run from random nodes")
    public void lookFor(int lookups, String name) {
        Steps.count("the number of get_peers lookups", lookups, 1, 10_000_000);
        KademliaAttacks kademlia = KademliaAttacks.of(world);
        Set<NodeAddress> honest = kademlia.announced.get(name);
        if (honest == null || honest.isEmpty()) {
            throw new IllegalStateException("nobody announced " + name + ": use 'N random nodes announce \"" + name + "\"' first");
        }
        Set<NodeAddress> bogus = kademlia.censors == null ? Set.of() : Set.copyOf(kademlia.censors.bogusPeers());
        findings = KeyCensors.lookFor(world.runtime(), StorageSteps.infoHash(name), honest, bogus, lookups,
                new LookupMode.NodeDefault(KademliaScenarios.config(world.scenario()).alpha()), world.rng("get-peers-" + name));
        world.record("get_peers_honest_found", findings.honestFoundRate());
        world.record("get_peers_bogus", findings.bogusRate());
        world.record("get_peers_empty", findings.emptyRate());
    }

    @Then("at least {double}% of those get_peers lookups find an honest peer")
    public void honestAtLeast(double percent) {
        Steps.percent("the floor", percent);
        assertThat(100 * findings().honestFoundRate()).as("%s (defences %s)", findings, DefenceWorld.of(world).label())
                .isGreaterThanOrEqualTo(percent);
    }

    @Then("fewer than {double}% of those get_peers lookups find an honest peer")
    public void honestBelow(double percent) {
        Steps.percent("the ceiling", percent);
        assertThat(100 * findings().honestFoundRate()).as("%s (defences %s)", findings, DefenceWorld.of(world).label())
                .isLessThan(percent);
    }

    @Then("at least {double}% of those get_peers lookups return bogus peers or none")
    public void bogusOrNone(double percent) {
        Steps.percent("the floor", percent);
        KeyCensors.Findings f = findings();
        assertThat(100.0 * f.bogusOrNone() / f.lookups()).as("%s", f).isGreaterThanOrEqualTo(percent);
    }

    private KeyCensors.Findings findings() {
        if (findings == null) {
            throw new IllegalStateException("no get_peers lookups have run: use 'N get_peers lookups for \"x\" run from random nodes'");
        }
        return findings;
    }
}
