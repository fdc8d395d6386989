package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.BroadcastWorld;
import io.p2ptestbed.features.world.TestbedWorld;
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
 * latency percentiles, hops and messages per delivery, and coverage within each side of a partition. Written
 * against the capability only, on every runtime (docker and swarm through the nodes' control interfaces).
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
        NetworkRuntime rt = broadcasting();
        Broadcasts.Run r = Broadcasts.publish(rt, bw().probe(), n, ("message from node " + index).getBytes(),
                bw().quietMillis(), BroadcastWorld.MAX_SPREAD_MILLIS);
        done(List.of(r), "node " + index + " published");
    }

    @When("{int} messages are published from random nodes")
    public void randomPublish(int count) {
        Steps.count("the number of messages", count, 1, 100_000);
        NetworkRuntime rt = broadcasting();
        List<Broadcasts.Run> runs = Broadcasts.publishMany(rt, bw().probe(), count, 32, bw().quietMillis(),
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

    /**
     * The running network, whose nodes offer Broadcast; a clear failure otherwise (in-JVM checked here; in containers
     * the control interface answers 501 naming the overlay).
     */
    private NetworkRuntime broadcasting() {
        NetworkRuntime rt = world.runtime();
        bw().probe();
        if (rt instanceof LocalRuntime local) {
            boolean any = local.nodes().stream().anyMatch(n -> n.alive() && local.onOverlay(n, o -> o.capability(Broadcast.class).isPresent()));
            if (!any) {
                throw new UnsupportedCapabilityException(rt.scenario().protocolName(), Broadcast.class,
                        "broadcast (publishing a message to every node)");
            }
        }
        return rt;
    }

    // ------------------------------------------------------------------ broadcasts under a partition

    /**
     * The mean, over the last broadcasts, of the share of its publisher's side that delivered it: the live nodes that
     * the active (or last) partition does not separate from the publisher, the publisher included.
     */
    @Then("broadcast coverage within the publisher's side of the partition is at least {double}%")
    public void coverageWithinSide(double percent) {
        Steps.percent("the coverage floor", percent);
        double sum = 0;
        List<String> detail = new java.util.ArrayList<>();
        for (Broadcasts.Run r : bw().last()) {
            java.util.Set<io.p2ptestbed.overlay.id.NodeId> side = side(r.origin(), true);
            long covered = side.stream().filter(r.reached()::contains).count();
            sum += (double) covered / side.size();
            detail.add(covered + "/" + side.size());
        }
        double mean = 100 * sum / bw().last().size();
        world.record("broadcast_side_coverage_mean", mean / 100);
        assertThat(mean).as("mean coverage of the publisher's side over %d broadcasts (delivered/side: %s)",
                bw().last().size(), detail).isGreaterThanOrEqualTo(percent);
    }

    @Then("no message crossed the partition")
    public void noneCrossed() {
        long crossed = 0;
        for (Broadcasts.Run r : bw().last()) {
            crossed += side(r.origin(), false).stream().filter(r.reached()::contains).count();
        }
        world.record("broadcast_deliveries_across_partition", crossed);
        assertThat(crossed).as("deliveries at live nodes on the other side of the partition from the publisher, over %d "
                + "broadcasts", bw().last().size()).isZero();
    }

    /** The live nodes the partition leaves connected to {@code origin} both ways ({@code same}), or the others. */
    private java.util.Set<io.p2ptestbed.overlay.id.NodeId> side(io.p2ptestbed.overlay.id.NodeId origin, boolean same) {
        io.p2ptestbed.adversary.fault.Partition p = io.p2ptestbed.features.world.FaultWorld.of(world).partition();
        List<NodeHandle> live = world.runtime().liveNodes();
        io.p2ptestbed.overlay.id.NodeAddress o = live.stream().filter(n -> n.id().equals(origin)).findFirst()
                .map(NodeHandle::address).orElseThrow(() -> new IllegalStateException("the publisher " + origin.shortHex()
                        + " is no longer live"));
        java.util.Set<io.p2ptestbed.overlay.id.NodeId> out = new java.util.HashSet<>();
        for (NodeHandle n : live) {
            boolean separated = p.blocks(o, n.address()) || p.blocks(n.address(), o);
            if (separated != same) {
                out.add(n.id());
            }
        }
        return out;
    }
}
