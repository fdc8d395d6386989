package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.features.world.CollusionWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The colluding-adversary model, one vocabulary for every structured overlay (docs/steps.md, "Colluders"):
 * which share of the network's own nodes collude, what they answer, and from when; then lookups from honest
 * nodes graded against the honest nodes only. An overlay without the strategy or presence is refused with
 * the list of what it supports.
 */
public class CollusionSteps {

    private final TestbedWorld world;

    public CollusionSteps(TestbedWorld world) {
        this.world = world;
    }

    /** What colluders answer: {@link ColluderStrategy#PHRASES}. */
    @ParameterType(name = "colluderStrategy", value = ColluderStrategy.PHRASES)
    public ColluderStrategy colluderStrategy(String phrase) {
        return ColluderStrategy.parse(phrase);
    }

    /** When colluders lie: true for "present from the start". */
    @ParameterType(name = "colluderPresence", value = "present from the start|turning once the network has converged")
    public Boolean colluderPresence(String phrase) {
        return phrase.equals("present from the start");
    }

    @Given("{int}% of the nodes are colluders that {colluderStrategy}, {colluderPresence}")
    public void colluders(int percent, ColluderStrategy strategy, Boolean fromStart) {
        CollusionWorld.of(world).choose(world, percent, strategy, fromStart);
    }

    /**
     * Lookups (the overlay's own routing, KeyRouting) from random honest nodes to random keys; one succeeds
     * when the nodes it reached include the honest node responsible for the key (the owner among honest nodes
     * only; keys an origin owns itself are drawn again).
     */
    @When("{int} lookups from honest nodes run")
    public void honestLookups(int count) {
        Steps.count("the number of lookups", count, 1, 1_000_000);
        CollusionWorld cw = CollusionWorld.of(world);
        NetworkRuntime rt = world.runtime();
        List<NodeHandle> honest = rt.liveNodes().stream().filter(n -> !cw.isColluder(n)).toList();
        if (honest.size() < 2) {
            throw new IllegalStateException("lookups from honest nodes need at least 2 live honest nodes, got " + honest.size());
        }
        GroundTruth truth = GroundTruth.of(honest, rt.keySpace());
        RandomGenerator rng = world.rng("honest-lookups");
        List<RouteRequest> reqs = new ArrayList<>(count);
        while (reqs.size() < count) {
            NodeHandle from = honest.get(rng.nextInt(honest.size()));
            NodeId key = NodeId.random(rng);
            if (!truth.owner(key).equals(from.id())) {
                reqs.add(new RouteRequest(from, key));
            }
        }
        long liesBefore = cw.lies();
        long start = rt.nowMillis();
        List<RouteResult> results = rt.routes(reqs);
        int ok = 0;
        for (int i = 0; i < reqs.size(); i++) {
            NodeId owner = truth.owner(reqs.get(i).key());
            RouteResult r = results.get(i);
            if (r != null && r.reached().stream().anyMatch(c -> c.id().equals(owner))) {
                ok++;
            }
        }
        cw.lastLookups = count;
        cw.lastSuccesses = ok;
        world.record("honest_lookup_success", (double) ok / count);
        world.record("colluders", cw.size());
        world.record("colluder_lies", cw.lies() - liesBefore);
        world.interval(count + " lookups from honest nodes" + (cw.active() ? " (" + cw.describe() + ")" : ""), start,
                rt.nowMillis());
    }

    private double lastRate() {
        CollusionWorld cw = CollusionWorld.of(world);
        if (cw.lastLookups < 0) {
            throw new IllegalStateException("no lookups from honest nodes have run: use 'N lookups from honest nodes run' first");
        }
        return 100.0 * cw.lastSuccesses / cw.lastLookups;
    }

    @Then("at least {double}% of the lookups from honest nodes reach the key's honest owner")
    public void atLeast(double percent) {
        Steps.percent("the lookup success floor", percent);
        assertThat(lastRate()).as("lookups from honest nodes that reached the key's honest owner (%%)").isGreaterThanOrEqualTo(percent);
    }

    /** The attack was live: colluders rewrote or dropped at least this many lookup replies in the last lookups. */
    @Then("the colluders lied in at least {int} replies to those lookups")
    public void lied(int min) {
        Steps.count("the number of lies", min, 1, Integer.MAX_VALUE);
        lastRate();
        double lies = world.metrics().getOrDefault("colluder_lies", 0.0);
        assertThat(lies).as("replies the colluders rewrote or dropped during the last lookups from honest nodes")
                .isGreaterThanOrEqualTo(min);
    }

    @Then("fewer than {double}% of the lookups from honest nodes reach the key's honest owner")
    public void below(double percent) {
        Steps.percent("the lookup success ceiling", percent);
        assertThat(lastRate()).as("lookups from honest nodes that reached the key's honest owner (%%)").isLessThan(percent);
    }
}
