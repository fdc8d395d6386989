package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.Runtimes;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Fingerprint;
import io.p2ptestbed.harness.workload.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replays the scenario from scratch with given seeds and compares the complete outcomes. */
public class DeterminismSteps {

    private final TestbedWorld world;
    private final List<Map<String, Double>> outcomes = new ArrayList<>();

    public DeterminismSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("the scenario runs with seed {long} and {int} lookups")
    public void runWithSeed(long seed, int lookups) {
        Steps.count("the number of lookups", lookups, 1, 10_000_000);
        Scenario s = world.scenario().withSeed(seed);
        try (NetworkRuntime rt = Runtimes.create(s)) {
            rt.start();
            LookupStats stats = Workloads.randomLookups(rt, lookups, new Seeds(seed).stream("determinism-lookups"));
            rt.advance(60_000);
            Map<String, Double> fp = Fingerprint.of(rt, stats);
            outcomes.add(fp);
            world.recordAll("run" + outcomes.size() + ".", fp);
        }
    }

    @Then("runs {int} and {int} have identical outcomes")
    public void identical(int a, int b) {
        assertThat(run(a)).isEqualTo(run(b));
    }

    @Then("runs {int} and {int} have different outcomes")
    public void different(int a, int b) {
        assertThat(run(a)).isNotEqualTo(run(b));
    }

    private Map<String, Double> run(int number) {
        if (outcomes.isEmpty()) {
            throw new IllegalStateException("no run has happened yet: use 'the scenario runs with seed S and N lookups' first");
        }
        return outcomes.get(Steps.count("the run number", number, 1, outcomes.size()) - 1);
    }
}
