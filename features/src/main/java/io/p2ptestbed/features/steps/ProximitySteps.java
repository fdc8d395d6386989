package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.DelayGroup;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.metrics.RouteStretch;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Ping;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.sim.PlaneTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Steps for latency topologies (the simulated runtime's plane; a far group of delay faults on any runtime) and route
 * stretch, on any overlay that routes keys.
 */
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

    /**
     * A latency topology of delay faults (for loopback, where every round trip is about equal): a far group drawn from
     * the seed whose every datagram, sent or received, is held longer, and a base delay on every datagram.
     */
    @Given("a far group of {int}% of the nodes: a datagram to or from one of them takes {long} ms more, every other datagram {long} ms more")
    public void farGroup(int percent, long farMillis, long baseMillis) {
        Steps.share("the far group's share of the nodes", percent);
        Steps.count("the far group's extra delay in ms", farMillis, 1, 10_000);
        Steps.count("the other datagrams' extra delay in ms", baseMillis, 0, 10_000);
        DelayGroup.declare(world, percent, farMillis, baseMillis);
    }

    /**
     * Route stretch: in the simulator's plane against the topology's base latencies; elsewhere (loopback, docker, the
     * simulator without a plane) against the round trip from the querier to the owner measured with the overlay's own
     * ping right after the routes.
     */
    @When("{int} random routes are timed")
    public void routesAreTimed(int count) {
        Steps.count("the number of routes", count, 1, 1_000_000);
        NetworkRuntime rt = world.runtime();
        List<RouteRequest> reqs = Workloads.randomRoutes(rt.liveNodes(), count, world.rng("stretch"));
        List<RouteResult> results = rt.routes(reqs);
        if (rt instanceof SimulatedRuntime sim && sim.network().latency() instanceof PlaneTopology plane) {
            stretch = RouteStretch.of(reqs, results, plane);
        } else {
            long[] direct = directRoundTrips(rt, reqs, results);
            stretch = RouteStretch.of(reqs, results, (i, from, owner) -> direct[i]);
            world.record("route_stretch_routes", stretch.routes());
        }
        world.record("route_stretch_mean", stretch.mean());
        world.record("route_stretch_median", stretch.median());
    }

    /** The measured round trip from each route's querier to its owner (-1: not counted or unanswered), pinged at once. */
    private static long[] directRoundTrips(NetworkRuntime rt, List<RouteRequest> reqs, List<RouteResult> results) {
        long[] direct = new long[reqs.size()];
        java.util.Arrays.fill(direct, -1);
        if (!(rt instanceof LocalRuntime l)) {
            for (int i = 0; i < reqs.size(); i++) {
                if (RouteStretch.counted(reqs, results, i)) {
                    direct[i] = CrossRuntime.pingMillis(rt, reqs.get(i).from(), results.get(i).owner().address());
                }
            }
            return direct;
        }
        List<CompletableFuture<Long>> pings = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < reqs.size(); i++) {
            if (!RouteStretch.counted(reqs, results, i)) {
                continue;
            }
            NodeAddress owner = results.get(i).owner().address();
            pings.add(l.onOverlay((LocalNode) reqs.get(i).from(), o -> {
                long t0 = rt.nowMillis();
                return o.require(Ping.class, "route stretch on measured round trips").ping(owner)
                        .thenApply(ok -> ok ? rt.nowMillis() - t0 : -1L);
            }));
            index.add(i);
        }
        for (int j = 0; j < pings.size(); j++) {
            Long rtt = rt.await(pings.get(j), 30_000);
            direct[index.get(j)] = rtt == null ? -1 : rtt;
        }
        return direct;
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
