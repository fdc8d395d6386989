package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.metrics.RouteStretch;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.transport.sim.PlaneTopology;
import java.util.List;

/** Steps for the latency topology of the simulated runtime and route stretch, on any overlay that routes keys. */
public class ProximitySteps {

    private final TestbedWorld world;
    private RouteStretch stretch;

    public ProximitySteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("the nodes sit in a plane with {long} to {long} ms latency")
    public void nodesInAPlane(long min, long max) {
        world.configure(s -> s.withLatency(min, max).withTopology(PlaneTopology.NAME));
    }

    @When("{int} random routes are timed")
    public void routesAreTimed(int count) {
        Steps.count("the number of routes", count, 1, 1_000_000);
        NetworkRuntime rt = world.runtime();
        if (!(rt instanceof SimulatedRuntime sim) || !(sim.network().latency() instanceof PlaneTopology plane)) {
            throw new IllegalStateException("route stretch needs the simulated runtime with nodes in a plane "
                    + "(Given the nodes sit in a plane with ... ms latency); this runtime is " + rt.kind().label());
        }
        List<RouteRequest> reqs = Workloads.randomRoutes(rt.liveNodes(), count, world.rng("stretch"));
        stretch = RouteStretch.of(reqs, rt.routes(reqs), plane);
        world.record("route_stretch_mean", stretch.mean());
        world.record("route_stretch_median", stretch.median());
    }

    @Then("the mean route stretch is below {double}")
    public void meanStretchBelow(double max) {
        assertThat(stretch).as("no routes were timed (When ... random routes are timed)").isNotNull();
        assertThat(stretch.mean()).as("mean route stretch (%s)", stretch).isLessThan(max);
    }

    @Then("the mean route stretch is above {double}")
    public void meanStretchAbove(double min) {
        assertThat(stretch).as("no routes were timed (When ... random routes are timed)").isNotNull();
        assertThat(stretch.mean()).as("mean route stretch (%s)", stretch).isGreaterThan(min);
    }
}
