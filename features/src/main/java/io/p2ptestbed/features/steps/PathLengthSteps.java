package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.workload.PathLengthSweep;
import java.util.ArrayList;
import java.util.List;

/** The path-length experiment of the Chord paper, on any overlay (neutral). */
public class PathLengthSteps {

    /** Time after the ring is whole for fix_fingers to finish (virtual): a full table costs about log2 N lookups at one per second. */
    static final long SETTLE_MILLIS = 60_000L;

    private final TestbedWorld world;
    private final List<PathLengthSweep.Point> points = new ArrayList<>();

    public PathLengthSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("the mean path length is measured in networks of 2^{int} to 2^{int} nodes with {int} lookups each")
    public void measure(int from, int to, int lookups) {
        points.addAll(PathLengthSweep.run(world.scenario(), from, to, lookups, SETTLE_MILLIS, world.rng("path-length"), p -> {
            world.record("mean_hops.n2e" + p.log2n(), p.meanHops());
            world.record("lookup_success.n2e" + p.log2n(), p.successRate());
        }));
        String rel = "path-length/" + world.scenario().name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + ".csv";
        PathLengthSweep.writeCsv(points, RunCollector.reportDir().resolve(rel));
        world.dataFile(rel);
    }

    @Then("every mean path length is within {double} hops of half of log2 N")
    public void withinHalfLog2(double tolerance) {
        assertThat(points).as("measured network sizes").isNotEmpty();
        for (PathLengthSweep.Point p : points) {
            assertThat(p.meanHops()).as("mean hops at N = 2^%d (0.5 log2 N = %.1f): %s", p.log2n(), p.halfLog2n(), p)
                    .isBetween(p.halfLog2n() - tolerance, p.halfLog2n() + tolerance);
        }
    }

    @Then("every lookup of the path-length experiment reached the key's owner")
    public void allSucceeded() {
        for (PathLengthSweep.Point p : points) {
            assertThat(p.successRate()).as("lookup success at N = 2^%d: %s", p.log2n(), p).isEqualTo(1.0);
        }
    }
}
