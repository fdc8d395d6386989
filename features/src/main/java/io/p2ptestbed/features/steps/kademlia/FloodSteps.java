package io.p2ptestbed.features.steps.kademlia;

import io.p2ptestbed.features.steps.Floors;
import io.p2ptestbed.features.steps.Steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.kademlia.dos.FloodPlan;
import io.p2ptestbed.adversary.kademlia.dos.FloodStats;
import io.p2ptestbed.adversary.kademlia.dos.QueryType;
import io.p2ptestbed.features.world.AttackWorld;
import io.p2ptestbed.features.world.DefenceWorld;
import io.p2ptestbed.features.world.kademlia.FloodWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.kademlia.attack.FloodRun;
import io.p2ptestbed.harness.kademlia.attack.HonestLoad;
import io.p2ptestbed.overlay.kademlia.ServiceCapacity;
import io.p2ptestbed.harness.metrics.BinomialFloor;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.Map;

/**
 * Request floods against one node, with honest clients querying it over the same window. The service
 * a node can give is modelled ({@link ServiceCapacity}: at most N queries per second, in 100 ms windows,
 * excess shed), because neither the simulator nor a laptop's loopback has the CPU limit a real node has.
 */
public class FloodSteps {

    static final long WINDOW_MILLIS = 100;

    private final TestbedWorld world;

    public FloodSteps(TestbedWorld world) {
        this.world = world;
    }

    /** Installs the capacity model behind the node's defences (a rate limiter runs first, as in front of real work). */
    @Given("node {string} can process at most {int} queries per second")
    public void capacity(String node, int perSecond) {
        NodeHandle n = world.node(node);
        ServiceCapacity c = FloodRun.installCapacity(world.runtime(), n, perSecond, WINDOW_MILLIS);
        if (c != null) {
            FloodWorld.of(world).capacity.put(n, c);
        }
        world.record("capacity_queries_per_second", perSecond);
    }

    @Given("honest clients send node {string} {int} get_peers per second")
    public void honestLoad(String node, int perSecond) {
        Steps.count("the honest query rate per second", perSecond, 1, 10_000);
        NodeHandle n = world.node(node);
        FloodWorld.of(world).honestPerSecond.put(n, perSecond);
        world.record("honest_queries_per_second", perSecond);
    }

    @When("honest clients query node {string} for {int} seconds")
    public void baseline(String node, int seconds) {
        Steps.count("the honest load's duration in seconds", seconds, 1, 600);
        NodeHandle n = world.node(node);
        FloodWorld fw = FloodWorld.of(world);
        AttackLab lab = AttackWorld.of(world).lab();
        HonestLoad.Report r = FloodRun.honestOnly(lab, FloodRun.honestClients(world.runtime(), lab, n, world.rng("honest-load")),
                rate(fw, n), seconds * 1000L);
        fw.baseline = r;
        world.record("honest_service_ratio_without_flood", r.serviceRatio());
    }

    @When("the adversary floods node {string} with {int} {word} per second for {int} seconds")
    public void flood(String node, int perSecond, String method, int seconds) {
        flood(node, perSecond, method, seconds, 1);
    }

    @When("the adversary floods node {string} with {int} {word} per second for {int} seconds from {int} addresses")
    public void flood(String node, int perSecond, String method, int seconds, int sources) {
        Steps.count("the flood rate per second", perSecond, 1, 1_000_000);
        Steps.count("the flood's duration in seconds", seconds, 1, 600);
        Steps.count("the number of flood source addresses", sources, 1, 65_536);
        NodeHandle n = world.node(node);
        world.markVictim(n);
        FloodWorld fw = FloodWorld.of(world);
        int honest = rate(fw, n);
        FloodPlan plan = FloodRun.plan(n, QueryType.ofMethod(method), perSecond, seconds * 1000L,
                FloodRun.floodPool(world.runtime()), sources);
        world.snapshot("before the flood");
        long start = world.runtime().nowMillis();
        Map<String, Long> before = n.stats();
        AttackLab lab = AttackWorld.of(world).lab();
        FloodRun.Outcome o = FloodRun.run(lab, plan, FloodRun.honestClients(world.runtime(), lab, n,
                world.rng("flood-honest-load")), honest);
        world.interval("flood: " + perSecond + " " + method + "/s", start, start + seconds * 1000L);
        fw.lastFlood = o;
        fw.lastFloodRate = perSecond;
        FloodStats f = o.flood();
        world.record("flood_rate", perSecond);
        world.record("flood_to_normal_rate", (double) perSecond / honest);
        world.record("flood_sent", f.sent());
        world.record("flood_answered", f.answered());
        world.record("flood_answered_ratio", f.sent() == 0 ? 0 : (double) f.answered() / f.sent());
        world.record("honest_service_ratio", o.honest().serviceRatio());
        world.record("honest_queries_sent", o.honest().sent());
        world.record("honest_queries_answered", o.honest().answered());
        world.record("honest_queries_timed_out", o.honest().timeouts());
        world.record("honest_queries_refused", o.honest().errors());
        Map<String, Long> after = n.stats();
        world.record("target_queries_dropped", after.getOrDefault("queries_dropped", 0L) - before.getOrDefault("queries_dropped", 0L));
        world.record("target_rate_limited", after.getOrDefault("defence.rate_limit.limited", 0L)
                - before.getOrDefault("defence.rate_limit.limited", 0L));
        ServiceCapacity c = fw.capacity.get(n);
        if (c != null) {
            world.record("target_capacity_shed", c.shed());
        }
        world.snapshot(String.format("after the flood: %.1f%% of honest queries answered", 100 * o.honest().serviceRatio()));
    }

    /** Compares what was sent over the same window: flood datagrams against honest queries. */
    @Then("the flood was at least {int} times the normal query rate")
    public void floodRatio(int times) {
        FloodRun.Outcome o = requireFlood(FloodWorld.of(world));
        long honest = o.honest().sent();
        world.record("flood_to_normal_measured", honest == 0 ? Double.NaN : (double) o.flood().sent() / honest);
        assertThat(honest).as("honest queries sent during the flood").isPositive();
        assertThat(o.flood().sent()).as("flood datagrams sent, against %d honest queries over the same window", honest)
                .isGreaterThanOrEqualTo(times * honest);
    }

    @Then("node {string} answers at least {double}% of honest queries")
    public void answersAtLeast(String node, double percent) {
        Steps.percent("the honest service floor", percent);
        HonestLoad.Report r = requireFlood(FloodWorld.of(world)).honest();
        assertThat(100 * r.serviceRatio()).as("honest service of %s during the flood, defences %s: %s", node,
                DefenceWorld.of(world).label(), r).isGreaterThanOrEqualTo(percent);
    }

    /**
     * The floor as a one-sided binomial test (see {@link BinomialFloor}): fails only when so few honest
     * queries were answered that, had the node truly answered {@code percent}% of them, a count this low
     * would come up in fewer than {@code 100 - confidence}% of runs.
     */
    @Then("node {string} answers at least {double}% of honest queries, within sampling error at {double}% confidence")
    public void answersAtLeastWithin(String node, double percent, double confidence) {
        HonestLoad.Report r = requireFlood(FloodWorld.of(world)).honest();
        Floors.atLeast(world, "honest service of " + node + " during the flood, defences " + DefenceWorld.of(world).label(),
                "honest_service", r.sent(), r.answered(), percent, confidence, r.toString());
    }

    /** The negation: the share is significantly below {@code percent}% (it would fail that floor). */
    @Then("node {string} answers significantly fewer than {double}% of honest queries, at {double}% confidence")
    public void answersSignificantlyFewer(String node, double percent, double confidence) {
        HonestLoad.Report r = requireFlood(FloodWorld.of(world)).honest();
        Floors.below(world, "honest service of " + node + " during the flood, defences " + DefenceWorld.of(world).label(),
                "honest_service", r.sent(), r.answered(), percent, confidence, r.toString());
    }

    @Then("node {string} answers fewer than {double}% of honest queries")
    public void answersFewerThan(String node, double percent) {
        Steps.percent("the honest service ceiling", percent);
        HonestLoad.Report r = requireFlood(FloodWorld.of(world)).honest();
        assertThat(100 * r.serviceRatio()).as("honest service of %s during the flood, defences %s: %s", node,
                DefenceWorld.of(world).label(), r).isLessThan(percent);
    }

    @Then("without the flood node {string} answers at least {double}% of honest queries")
    public void baselineAtLeast(String node, double percent) {
        Steps.percent("the honest service floor", percent);
        HonestLoad.Report r = FloodWorld.of(world).baseline;
        if (r == null) {
            throw new IllegalStateException("no honest-only measurement: use 'honest clients query node \"x\" for N seconds'");
        }
        assertThat(100 * r.serviceRatio()).as("honest service of %s without a flood: %s", node, r).isGreaterThanOrEqualTo(percent);
    }

    private static FloodRun.Outcome requireFlood(FloodWorld fw) {
        if (fw.lastFlood == null) {
            throw new IllegalStateException("no flood has run: use 'the adversary floods node \"x\" with N get_peers per second for M seconds'");
        }
        return fw.lastFlood;
    }

    private static int rate(FloodWorld fw, NodeHandle n) {
        Integer r = fw.honestPerSecond.get(n);
        if (r == null) {
            throw new IllegalStateException("no honest load on " + n + ": use 'honest clients send node \"x\" N get_peers per second'");
        }
        return r;
    }
}
