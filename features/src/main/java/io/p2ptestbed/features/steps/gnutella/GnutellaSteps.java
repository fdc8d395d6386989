package io.p2ptestbed.features.steps.gnutella;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.BroadcastWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.features.world.gnutella.GnutellaWorld;
import io.p2ptestbed.harness.gnutella.GnutellaQueries;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gnutella's own sentences: the network and its defences as servent settings, queries for files with their
 * reach, cost, duplicate ratio and the burst of query hits at the querier (the response storm). A batch of
 * queries is also the last broadcast measurement, so the neutral broadcast sentences (coverage, hops, latency,
 * messages per delivery) read it too.
 */
public class GnutellaSteps {

    private final TestbedWorld world;

    public GnutellaSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("a gnutella network of {int} nodes with degree {int}")
    public void network(int nodes, int degree) {
        Steps.count("the degree", degree, 1, 1000);
        world.configure(s -> s.withProtocol("gnutella").withNodes(nodes).withParams(Map.of("degree", "" + degree)));
    }

    @Given("a gnutella network of {int} nodes with degree {int} on the {word} runtime")
    public void networkOn(int nodes, int degree, String runtime) {
        network(nodes, degree);
        world.pinRuntime(RuntimeKind.parse(runtime));
    }

    @Given("queries go out with TTL {int}")
    public void ttl(int ttl) {
        Steps.count("the TTL", ttl, 1, 255);
        params("ttl", ttl);
    }

    @Given("the servents cap TTL plus hops at {int}")
    public void cap(int max) {
        Steps.count("the TTL cap", max, 1, 255);
        world.configure(s -> s.withParams(Map.of("ttlCap", "true", "maxTtl", "" + max)));
    }

    @Given("the servents do not cap TTL")
    public void noCap() {
        params("ttlCap", "false");
    }

    @Given("duplicate suppression is {word}")
    public void dedup(String onOff) {
        params("dedup", "" + onOff(onOff, "duplicate suppression"));
    }

    @Given("the servents accept at most {int} descriptors per second on each connection")
    public void rateLimit(int perSecond) {
        Steps.count("the per-connection rate limit", perSecond, 1, 1_000_000);
        params("rateLimit", perSecond);
    }

    @Given("queries go out as {int} random walkers of TTL {int}")
    public void walkers(int k, int ttl) {
        Steps.count("the number of walkers", k, 1, 1000);
        Steps.count("the walkers' TTL", ttl, 1, 255);
        // a published query carries the servent's ttl: the walkers' TTL
        world.configure(s -> s.withParams(Map.of("walkers", "" + k, "walkTtl", "" + ttl, "ttl", "" + ttl)));
    }

    @Given("every servent shares {int} files named from {int} keywords")
    public void files(int files, int keywords) {
        Steps.count("the files per servent", files, 0, 1000);
        Steps.count("the keywords", keywords, 1, 1_000_000);
        world.configure(s -> s.withParams(Map.of("files", "" + files, "vocabulary", "" + keywords)));
    }

    @When("{int} queries for {string} run from random nodes")
    public void queriesFor(int count, String criteria) {
        run(count, r -> criteria, "'" + criteria + "'");
    }

    @When("{int} queries for random files run from random nodes")
    public void queriesForRandomFiles(int count) {
        int vocabulary = Integer.parseInt(world.scenario().protocol().string("vocabulary"));
        run(count, r -> "kw" + r.nextInt(vocabulary), "random files");
    }

    private void run(int count, java.util.function.Function<java.util.random.RandomGenerator, String> criteria, String what) {
        Steps.count("the number of queries", count, 1, 100_000);
        GnutellaWorld gw = GnutellaWorld.of(world);
        NetworkRuntime rt = Steps.runtimeOf(world, "gnutella", "a gnutella network of N nodes with degree d");
        BroadcastWorld bw = BroadcastWorld.of(world);
        // the attackers never query: in containers they are servents of the network switched malicious
        Set<NodeAddress> attackers = new HashSet<>();
        world.attackers().forEach(c -> attackers.add(c.address()));
        List<GnutellaQueries.Query> qs = GnutellaQueries.runMany(rt, bw.probe(), count, n -> !attackers.contains(n.address()),
                criteria, bw.quietMillis(), BroadcastWorld.MAX_SPREAD_MILLIS, world.rng("gnutella-queries"));
        gw.last(qs);
        bw.last(qs.stream().map(GnutellaQueries.Query::run).toList());
        GnutellaQueries.Summary s = summary();
        world.recordAll("", s.asMap());
        world.snapshot(String.format("%d queries for %s: %.1f%% reach, %.2f hits each", count, what, 100 * s.meanReachShare(),
                s.hitsPerQuery()));
    }

    @Then("queries reached at least {double}% of the nodes on average")
    public void reachAtLeast(double percent) {
        Steps.percent("the reach floor", percent);
        assertThat(100 * summary().meanReachShare()).as("mean reach of a query: %s", summary()).isGreaterThanOrEqualTo(percent);
    }

    @Then("queries reached at most {double}% of the nodes on average")
    public void reachAtMost(double percent) {
        Steps.percent("the reach ceiling", percent);
        assertThat(100 * summary().meanReachShare()).as("mean reach of a query: %s", summary()).isLessThanOrEqualTo(percent);
    }

    @Then("queries cost at most {double} messages each on average")
    public void costAtMost(double max) {
        assertThat(summary().messagesPerQuery()).as("query copies sent per query: %s", summary()).isLessThanOrEqualTo(max);
    }

    @Then("queries cost at least {double} messages each on average")
    public void costAtLeast(double min) {
        assertThat(summary().messagesPerQuery()).as("query copies sent per query: %s", summary()).isGreaterThanOrEqualTo(min);
    }

    @Then("queries cost at most {double} message(s) per connection and direction on average")
    public void costPerDirectionAtMost(double max) {
        assertThat(perDirection()).as("query copies per connection and direction: %s", summary()).isLessThanOrEqualTo(max);
    }

    @Then("queries cost at least {double} message(s) per connection and direction on average")
    public void costPerDirectionAtLeast(double min) {
        assertThat(perDirection()).as("query copies per connection and direction: %s", summary()).isGreaterThanOrEqualTo(min);
    }

    /**
     * Messages per query over the connection directions of the live servents (the sum of their open connections,
     * each connection counted at both ends), read now: with duplicate suppression a flood sends a query at most
     * once each way on a connection.
     */
    private double perDirection() {
        NetworkRuntime rt = Steps.runtimeOf(world, "gnutella", "a gnutella network of N nodes with degree d");
        long directions = GnutellaQueries.total(rt, "connections");
        if (directions == 0) {
            throw new IllegalStateException("the live servents hold no connection: nothing to divide the queries' cost by");
        }
        double per = summary().messagesPerQuery() / directions;
        world.record("gnutella_connection_directions", directions);
        world.record("gnutella_messages_per_connection_direction", per);
        return per;
    }

    @Then("the duplicate ratio is at most {double}")
    public void duplicatesAtMost(double max) {
        assertThat(summary().duplicateRatio()).as("duplicate copies over copies received: %s", summary()).isLessThanOrEqualTo(max);
    }

    @Then("the duplicate ratio is at least {double}")
    public void duplicatesAtLeast(double min) {
        assertThat(summary().duplicateRatio()).as("duplicate copies over copies received: %s", summary()).isGreaterThanOrEqualTo(min);
    }

    @Then("queries got at least {double} hits each on average")
    public void hitsAtLeast(double min) {
        assertThat(summary().hitsPerQuery()).as("query hits per query at the querier: %s", summary()).isGreaterThanOrEqualTo(min);
    }

    @Then("queries got at most {double} hits each on average")
    public void hitsAtMost(double max) {
        assertThat(summary().hitsPerQuery()).as("query hits per query at the querier: %s", summary()).isLessThanOrEqualTo(max);
    }

    @Then("no query got a hit")
    public void noHits() {
        assertThat(summary().hitsPerQuery()).as("query hits at the querier: %s", GnutellaWorld.of(world).last()).isZero();
    }

    @Then("the largest burst of query hits at a querier was at least {int} within {int} ms")
    public void burstAtLeast(int hits, int millis) {
        assertThat(burst(millis)).as("most hits arriving at a querier within %d ms: %s", millis, summary()).isGreaterThanOrEqualTo(hits);
    }

    @Then("the largest burst of query hits at a querier was at most {int} within {int} ms")
    public void burstAtMost(int hits, int millis) {
        assertThat(burst(millis)).as("most hits arriving at a querier within %d ms: %s", millis, summary()).isLessThanOrEqualTo(hits);
    }

    private int burst(int millis) {
        Steps.count("the burst window in ms", millis, 1, 600_000);
        int b = GnutellaQueries.Summary.of(GnutellaWorld.of(world).last(), millis).maxBurst();
        world.record("gnutella_hit_burst_max_" + millis + "ms", b);
        return b;
    }

    private GnutellaQueries.Summary summary() {
        return GnutellaQueries.Summary.of(GnutellaWorld.of(world).last(), GnutellaQueries.DEFAULT_BURST_WINDOW_MILLIS);
    }

    private void params(String name, Object value) {
        world.configure(s -> s.withParams(Map.of(name, String.valueOf(value))));
    }

    static boolean onOff(String v, String what) {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(what + " is 'on' or 'off', got '" + v + "'");
        };
    }
}
