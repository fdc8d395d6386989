package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.p2ptestbed.features.world.DefenceWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.metrics.DefenceCounters;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.Map;

/** Choosing the honest nodes' defences (the overlay's own spec, or the neutral ones) and reading their counters. */
public class DefenceSteps {

    private final TestbedWorld world;

    public DefenceSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("the defences {string} are on")
    public void defencesOn(String spec) {
        DefenceWorld.of(world).use(world, spec);
    }

    @Given("the nodes use the defence set {string}")
    public void defenceSet(String spec) {
        DefenceWorld.of(world).use(world, spec);
    }

    @Given("the defences are off")
    public void defencesOff() {
        DefenceWorld.of(world).use(world, "none");
    }

    /** The defences on one running node, on any runtime and overlay (its own syntax or the neutral ones). */
    @Given("node {int} runs the defences {string}")
    public void nodeRunsDefences(int index, String spec) {
        io.p2ptestbed.harness.docker.CrossRuntime.installDefences(world.runtime(), Steps.node(world, index), spec);
        world.record("defences_node_" + index, spec.length());
    }

    @Then("node {string} counted at least {long} {string}")
    public void nodeCounted(String node, long min, String counter) {
        NodeHandle n = world.node(node);
        Map<String, Long> stats = n.stats();
        long v = stats.getOrDefault(counter, 0L);
        world.record(node + "." + counter, v);
        assertThat(v).as("%s of %s (defences %s)", counter, n, DefenceWorld.of(world).label()).isGreaterThanOrEqualTo(min);
    }

    @Then("the honest nodes counted at least {long} {string} in total")
    public void honestCounted(long min, String counter) {
        Map<String, Long> sum = DefenceCounters.summed(world.runtime().liveNodes());
        long v = sum.getOrDefault(counter, 0L);
        world.record("total." + counter, v);
        assertThat(v).as("%s summed over the honest nodes (defences %s)", counter, DefenceWorld.of(world).label())
                .isGreaterThanOrEqualTo(min);
    }
}
