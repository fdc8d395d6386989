package io.p2ptestbed.features.steps.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.metrics.TableStats;

/** Network sentences that only Kademlia has: its k and alpha, and its buckets. */
public class KademliaNetworkSteps {

    private final TestbedWorld world;

    public KademliaNetworkSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("buckets hold {int} contacts and lookups send {int} queries in parallel")
    public void kAndAlpha(int k, int alpha) {
        world.configure(s -> KademliaScenarios.withConfig(s, KademliaScenarios.config(s).withK(k).withAlpha(alpha)));
    }

    @Then("no node has an empty bucket that it should have filled")
    public void noMissedBuckets() {
        KademliaScenarios.config(world.scenario()); // buckets are Kademlia's: other overlays get a message naming them
        TableStats t = TableStats.of(world.runtime().liveNodes(), world.runtime().truth());
        world.recordAll("", t.asMap());
        assertThat(t.missedBuckets()).as("missed buckets, e.g. %s", t.examples()).isZero();
    }

    @Then("no routing table points at a dead or misaddressed node")
    public void noStaleEntries() {
        KademliaScenarios.config(world.scenario()); // checks Kademlia routing tables
        TableStats t = TableStats.of(world.runtime().liveNodes(), world.runtime().truth());
        world.recordAll("", t.asMap());
        assertThat(t.staleEntries()).isZero();
    }
}
