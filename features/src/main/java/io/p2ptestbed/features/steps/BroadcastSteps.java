package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.BroadcastWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.List;

/**
 * The broadcast vocabulary, on any overlay that offers {@link Broadcast} (epidemics, gossip, flooding):
 * publish at a node or at random nodes, then coverage (share of live nodes that delivered), delivery
 * latency percentiles, hops and messages per delivery. Written against the capability only.
 */
public class BroadcastSteps {

    private final TestbedWorld world;

    public BroadcastSteps(TestbedWorld world) {
        this.world = world;
    }

    /** Registers the recorder before any network starts, so every node reports its deliveries. */
    @Before
    public void prepareBroadcasts() {
        BroadcastWorld.of(world);
    }

    @Given("a broadcast counts as settled after {int} ms without deliveries or broadcast traffic")
    public void settleAfter(int millis) {
        Steps.count("the quiet time in ms", millis, 10, 600_000);
        BroadcastWorld.of(world).quietMillis(millis);
    }

    @When("node {int} publishes a message")
    public void nodePublishes(int index) {
        NodeHandle n = Steps.node(world, index);
        LocalRuntime rt = local();
        Broadcasts.Run r = Broadcasts.publish(rt, bw().recorder(), (LocalNode) n, ("message from node " + index).getBytes(),
                bw().quietMillis(), BroadcastWorld.MAX_SPREAD_MILLIS);
        done(List.of(r), "node " + index + " published");
    }

    @When("{int} messages are published from random nodes")
    public void randomPublish(int count) {
        Steps.count("the number of messages", count, 1, 100_000);
        LocalRuntime rt = local();
        List<Broadcasts.Run> runs = Broadcasts.publishMany(rt, bw().recorder(), count, 32, bw().quietMillis(),
                BroadcastWorld.MAX_SPREAD_MILLIS, world.rng("broadcasts"));
        done(runs, count + " messages published");
    }

    @Then("every live node delivered every message")
    public void everyLiveNode() {
        for (Broadcasts.Run r : bw().last()) {
            assertThat(r.delivered()).as("%s", r).isEqualTo(r.live());
        }
    }

    @Then("broadcast coverage is at least {double}%")
    public void coverageAtLeast(double percent) {
        Steps.percent("the coverage floor", percent);
        Broadcasts.Summary s = summary();
        assertThat(100 * s.meanCoverage()).as("mean coverage of live nodes over %d broadcasts: %s", s.runs(), bw().last())
                .isGreaterThanOrEqualTo(percent);
    }

    @Then("broadcast coverage is at most {double}%")
    public void coverageAtMost(double percent) {
        Steps.percent("the coverage ceiling", percent);
        Broadcasts.Summary s = summary();
        assertThat(100 * s.meanCoverage()).as("mean coverage of live nodes over %d broadcasts: %s", s.runs(), bw().last())
                .isLessThanOrEqualTo(percent);
    }

    @Then("at least {double}% of the messages reached every live node")
    public void reachedAllShare(double percent) {
        Steps.percent("the share of messages reaching everyone", percent);
        Broadcasts.Summary s = summary();
        assertThat(100.0 * s.reachedAll() / s.runs()).as("messages that reached every live node, of %d: %s", s.runs(), bw().last())
                .isGreaterThanOrEqualTo(percent);
    }

    @Then("the {int}th percentile of delivery latency is at most {int} ms")
    public void latencyPercentile(int p, int millis) {
        Steps.count("the percentile", p, 1, 100);
        Broadcasts.Summary s = summary();
        long[] all = bw().last().stream().flatMapToLong(r -> java.util.Arrays.stream(r.latencies())).sorted().toArray();
        double v = Broadcasts.percentile(all, p);
        world.record("broadcast_latency_p" + p + "_ms", v);
        assertThat(all).as("deliveries away from the origin").isNotEmpty();
        assertThat(v).as("p%d of %d delivery latencies (p50 %.0f, p90 %.0f, p99 %.0f ms)", p, all.length, s.p50(), s.p90(), s.p99())
                .isLessThanOrEqualTo(millis);
    }

    @Then("no delivery took more than {int} hops")
    public void hopsAtMost(int hops) {
        Broadcasts.Summary s = summary();
        assertThat(s.maxHops()).as("most hops of a delivery (mean %.2f)", s.meanHops()).isLessThanOrEqualTo(hops);
    }

    /** The negation of the sentence above: a message travelled further than the hops it was allowed. */
    @Then("some delivery took more than {int} hops")
    public void hopsMoreThan(int hops) {
        Broadcasts.Summary s = summary();
        assertThat(s.maxHops()).as("most hops of a delivery (mean %.2f)", s.meanHops()).isGreaterThan(hops);
    }

    @Then("broadcasts took at most {double} messages per delivery")
    public void messagesPerDelivery(double max) {
        Broadcasts.Summary s = summary();
        if (Double.isNaN(s.messagesPerDelivery())) {
            throw new AssertionError("the overlay's nodes do not count broadcast datagrams (counter '" + Broadcasts.SENT_COUNTER
                    + "'), so messages per delivery cannot be measured");
        }
        assertThat(s.messagesPerDelivery()).as("broadcast datagrams per delivery").isLessThanOrEqualTo(max);
    }

    private void done(List<Broadcasts.Run> runs, String caption) {
        bw().last(runs);
        Broadcasts.Summary s = Broadcasts.Summary.of(runs);
        world.recordAll("", s.asMap());
        world.snapshot(String.format("%s: %.1f%% coverage", caption, 100 * s.meanCoverage()));
    }

    private Broadcasts.Summary summary() {
        return Broadcasts.Summary.of(bw().last());
    }

    private BroadcastWorld bw() {
        return BroadcastWorld.of(world);
    }

    /** The running network as an in-JVM runtime whose nodes offer Broadcast; a clear failure otherwise. */
    private LocalRuntime local() {
        NetworkRuntime rt = world.runtime();
        bw().recorder();
        LocalRuntime local = (LocalRuntime) rt;
        String protocol = rt.scenario().protocolName();
        boolean any = local.nodes().stream().anyMatch(n -> n.alive() && local.onOverlay(n, o -> o.capability(Broadcast.class).isPresent()));
        if (!any) {
            throw new UnsupportedCapabilityException(protocol, Broadcast.class, "broadcast (publishing a message to every node)");
        }
        return local;
    }
}
