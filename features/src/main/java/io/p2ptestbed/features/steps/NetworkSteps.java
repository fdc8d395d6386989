package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.graph.RoutingGraph;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.workload.Workloads;

/** Steps for building a network and checking routing. Thin: each delegates to the world or the harness. */
public class NetworkSteps {

    private final TestbedWorld world;

    public NetworkSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("a network of {int} nodes")
    public void aNetworkOf(int nodes) {
        world.configure(s -> s.withNodes(nodes));
    }

    @Given("a network of {int} nodes on the {word} runtime")
    public void aNetworkOnRuntime(int nodes, String runtime) {
        world.configure(s -> s.withNodes(nodes));
        world.pinRuntime(RuntimeKind.parse(runtime));
    }

    @Given("a {word} network of {int} nodes")
    public void anOverlayNetworkOf(String protocol, int nodes) {
        world.configure(s -> s.withProtocol(protocol).withNodes(nodes));
    }

    @Given("a {word} network of {int} nodes on the {word} runtime")
    public void anOverlayNetworkOnRuntime(String protocol, int nodes, String runtime) {
        world.configure(s -> s.withProtocol(protocol).withNodes(nodes));
        world.pinRuntime(RuntimeKind.parse(runtime));
    }

    /** The same for overlay names that take "an" (an epidemic network). */
    @Given("an {word} network of {int} nodes")
    public void anOverlayNetworkOfAn(String protocol, int nodes) {
        anOverlayNetworkOf(protocol, nodes);
    }

    @Given("an {word} network of {int} nodes on the {word} runtime")
    public void anOverlayNetworkOnRuntimeAn(String protocol, int nodes, String runtime) {
        anOverlayNetworkOnRuntime(protocol, nodes, runtime);
    }

    /**
     * The layout in containers: {@code n} nodes share one container (one JVM, each node on its own port), so a network
     * of hundreds of nodes fits the machine. The in-JVM runtimes have no containers and ignore it.
     */
    @Given("the containers run {int} nodes each")
    public void nodesPerContainer(int n) {
        Steps.count("the nodes per container", n, 1, 256);
        world.nodesPerContainer(n);
    }

    /**
     * In containers the harness sends routes and lookups in waves, waiting for each wave's slowest (50 at once by
     * default, {@code -Dtestbed.docker.lookupWave}); this sets the wave for the scenario. The in-JVM runtimes ignore it.
     */
    @Given("the containers take {int} routes in flight at once")
    public void routesInFlight(int n) {
        Steps.count("the routes in flight at once", n, 1, 100_000);
        world.routesInFlight(n);
    }

    @Given("the overlay parameter {word} is {word}")
    public void overlayParameter(String name, String value) {
        world.configure(s -> s.withParams(java.util.Map.of(name, value)));
    }

    @Given("the seed is {long}")
    public void theSeedIs(long seed) {
        world.configure(s -> s.withSeed(seed));
    }

    @Given("links have {long} to {long} ms latency and {double}% loss")
    public void links(long min, long max, double lossPercent) {
        if (!(lossPercent >= 0 && lossPercent < 100)) {
            throw new IllegalArgumentException("link loss must be a percentage in [0, 100), got " + lossPercent + "%");
        }
        world.configure(s -> s.withLatency(min, max).withLossRate(lossPercent / 100.0));
    }

    @Given("node {int} is called {string}")
    public void nodeIsCalled(int index, String name) {
        world.name(name, Steps.node(world, index));
    }

    @When("the network has converged")
    public void theNetworkHasConverged() {
        world.runtime();
        world.record("nodes", world.runtime().liveNodes().size());
        world.snapshot("converged");
    }

    @When("{int} random lookups run")
    public void randomLookupsRun(int count) {
        Steps.count("the number of lookups", count, 1, 10_000_000);
        LookupStats s = Workloads.randomLookups(world.runtime(), count, world.rng("lookups"));
        world.lastLookups(s);
    }

    @When("{int} seconds pass")
    public void secondsPass(int seconds) {
        world.runtime().advance(seconds * 1000L);
    }

    @When("{int} minutes pass")
    public void minutesPass(int minutes) {
        world.runtime().advance(minutes * 60_000L);
    }

    @Then("every lookup finds the true closest node")
    public void everyLookupFindsTheTrueClosestNode() {
        LookupStats s = world.lastLookups();
        assertThat(s.successes()).as("lookups that found the true closest node, of %d: %s", s.count(), s).isEqualTo(s.count());
    }

    @Then("lookup success is at least {double}%")
    public void lookupSuccessIsAtLeast(double percent) {
        Steps.percent("the lookup success floor", percent);
        LookupStats s = world.lastLookups();
        assertThat(s.successRate() * 100).as("lookup success %% (%s)", s).isGreaterThanOrEqualTo(percent);
    }

    /** The floor as a one-sided binomial test ({@link Floors}): for lookups on real sockets, whose share varies from run to run. */
    @Then("lookup success is at least {double}%, within sampling error at {double}% confidence")
    public void lookupSuccessWithin(double percent, double confidence) {
        LookupStats s = world.lastLookups();
        Floors.atLeast(world, "lookup success", "lookup", s.count(), s.successes(), percent, confidence, s.toString());
    }

    @Then("lookup success is below {double}%")
    public void lookupSuccessIsBelow(double percent) {
        Steps.percent("the lookup success ceiling", percent);
        LookupStats s = world.lastLookups();
        assertThat(s.successRate() * 100).as("lookup success %% (%s)", s).isLessThan(percent);
    }

    @Then("recall of the k closest is at least {double}%")
    public void recallIsAtLeast(double percent) {
        Steps.percent("the recall floor", percent);
        LookupStats s = world.lastLookups();
        assertThat(s.recall() * 100).as("recall %% (%s)", s).isGreaterThanOrEqualTo(percent);
    }

    @Then("mean hops stay within log2 of the network size")
    public void meanHopsWithinLog2() {
        LookupStats s = world.lastLookups();
        double log2n = Math.log(world.runtime().liveNodes().size()) / Math.log(2);
        world.record("log2_n", log2n);
        assertThat(s.meanHops()).as("mean hops vs log2 N = %.2f (%s)", log2n, s).isLessThanOrEqualTo(log2n);
    }

    /**
     * For prefix-routing overlays with digits of b bits, whose routes take about log base 2^b of N hops
     * (Pastry: log base 16 for b = 4): the mean hop count lies within the tolerance of it, either way.
     */
    @Then("mean hops are within {double} of log base {int} of the network size")
    public void meanHopsNearLogBase(double tolerance, int base) {
        Steps.count("the logarithm's base", base, 2, 1 << 16);
        LookupStats s = world.lastLookups();
        double logN = Math.log(world.runtime().liveNodes().size()) / Math.log(base);
        world.record("log" + base + "_n", logN);
        assertThat(s.meanHops()).as("mean hops vs log%d N = %.2f (%s)", base, logN, s).isCloseTo(logN,
                org.assertj.core.data.Offset.offset(tolerance));
    }

    /** The prefix-routing bound: a route fixes at least one digit of b bits per hop. */
    @Then("mean hops are at most log base {int} of the network size")
    public void meanHopsAtMostLogBase(int base) {
        Steps.count("the logarithm's base", base, 2, 1 << 16);
        LookupStats s = world.lastLookups();
        double logN = Math.log(world.runtime().liveNodes().size()) / Math.log(base);
        world.record("log" + base + "_n", logN);
        assertThat(s.meanHops()).as("mean hops vs log%d N = %.2f (%s)", base, logN, s).isLessThanOrEqualTo(logN);
    }

    @Then("the routing-table graph is one strongly connected component")
    public void oneStronglyConnectedComponent() {
        RoutingGraph g = RoutingGraph.of(world.runtime().liveNodes());
        int sccs = g.stronglyConnectedComponentCount();
        world.record("scc_count", sccs);
        world.record("graph_edges", g.edgeCount());
        double[] paths = g.sampledPathLengths(20, world.rng("paths"));
        world.record("path_length_mean", paths[0]);
        world.record("diameter_lower_bound", paths[1]);
        world.record("in_degree_min", g.minInDegree());
        assertThat(sccs).as("strongly connected components of %d nodes", g.vertexCount()).isEqualTo(1);
    }

    @Then("every lookup reaches the live node responsible for its key")
    public void everyLookupReachesTheOwner() {
        LookupStats s = world.lastLookups();
        assertThat(s.successes()).as("lookups that reached the live owner (%s space) of their key, of %d: %s",
                world.runtime().keySpace().name(), s.count(), s).isEqualTo(s.count());
    }

    @Then("every node knows at least {int} contacts")
    public void everyNodeKnowsAtLeast(int min) {
        for (NodeHandle n : world.runtime().liveNodes()) {
            assertThat(n.routingContacts().size()).as("routing table of %s", n).isGreaterThanOrEqualTo(min);
        }
    }
}
