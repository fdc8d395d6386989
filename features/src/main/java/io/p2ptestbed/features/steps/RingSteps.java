package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.truth.RingCheck;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;

/** Steps for overlays on a ring key space (Chord; later Pastry's leaf sets). Other overlays get a message. */
public class RingSteps {

    /** How long a ring may take to stabilise before the step gives up (virtual or real time). */
    static final long MAX_STABILISE_MILLIS = 30 * 60_000L;

    private final TestbedWorld world;

    public RingSteps(TestbedWorld world) {
        this.world = world;
    }

    private NetworkRuntime ringRuntime() {
        NetworkRuntime rt = world.runtime();
        if (!rt.keySpace().ring()) {
            throw new UnsupportedCapabilityException("the " + rt.scenario().protocolName()
                    + " overlay has no ring (its key space is " + rt.keySpace().name() + "); ring steps need a ring overlay such as chord");
        }
        return rt;
    }

    @When("the ring has stabilised")
    public void theRingHasStabilised() {
        NetworkRuntime rt = ringRuntime();
        long start = rt.nowMillis();
        long step = rt.kind() == io.p2ptestbed.harness.scenario.RuntimeKind.SIMULATED ? 1_000 : 500;
        long bound = rt.kind() == io.p2ptestbed.harness.scenario.RuntimeKind.SIMULATED ? MAX_STABILISE_MILLIS : 120_000;
        RingCheck c = RingCheck.of(rt.liveNodes());
        while (!c.whole() && rt.nowMillis() - start < bound) {
            rt.advance(step);
            c = RingCheck.of(rt.liveNodes());
        }
        world.record("ring_stabilise_seconds", (rt.nowMillis() - start) / 1000.0);
        world.record("ring_wrong_successors", c.wrongSuccessor());
        world.snapshot("ring stabilised");
        assertThat(c.whole()).as("ring of %d live nodes not whole after %d s: %s", c.nodes(),
                (rt.nowMillis() - start) / 1000, c).isTrue();
    }

    @Then("the ring is whole")
    public void theRingIsWhole() {
        RingCheck c = RingCheck.of(ringRuntime().liveNodes());
        world.record("ring_wrong_successors", c.wrongSuccessor());
        world.record("ring_wrong_predecessors", c.wrongPredecessor());
        assertThat(c.whole()).as("every live node points at its true successor and predecessor: %s", c).isTrue();
    }

    @Then("every node's successor is the next live node on the ring")
    public void everySuccessorCorrect() {
        RingCheck c = RingCheck.of(ringRuntime().liveNodes());
        world.record("ring_wrong_successors", c.wrongSuccessor());
        assertThat(c.successorsCorrect()).as("first successors: %s", c).isTrue();
    }
}
