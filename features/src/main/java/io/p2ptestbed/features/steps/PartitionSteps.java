package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.Before;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.fault.Delay;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.features.world.FaultWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Partitions of the honest nodes and other link faults (extra latency), as Jepsen grudges applied and
 * healed by the adversary's nemesis: filters of the simulated network, a fault plane around every
 * loopback socket, or iptables rules and node-transport rules in containers (docker), the same sentences
 * on every runtime. Pings check a partition and its heal directly. Lookups inside the
 * sides are run and graded by {@link AttackLookupSteps}; connectivity after the heal by the graph steps.
 */
public class PartitionSteps {

    private final TestbedWorld world;
    private Runnable healLatency;
    private long latencyAt;

    public PartitionSteps(TestbedWorld world) {
        this.world = world;
    }

    /** Registers the fault extension before any network starts, so loopback sockets get the fault plane. */
    @Before
    public void prepareFaults() {
        FaultWorld.of(world);
    }

    /**
     * Nodes shuffled into a ring; each keeps hearing only the nodes within the ring distance that gives
     * it a majority (Jepsen's majorities ring): every node sees a majority, no two see the same one.
     */
    @When("a majorities-ring partition is applied")
    public void majoritiesRing() {
        apply(Partition.majoritiesRing(addresses(), world.rng("majorities-ring")));
    }

    /** A random half of the nodes cannot exchange datagrams with the other half. */
    @When("the honest nodes are split into two random halves")
    public void halves() {
        List<NodeAddress> all = new ArrayList<>(addresses());
        RandomGenerator rng = world.rng("halves");
        for (int i = all.size() - 1; i > 0; i--) {
            java.util.Collections.swap(all, i, rng.nextInt(i + 1));
        }
        apply(Partition.halves(all));
    }

    @When("the partition heals")
    public void heal() {
        FaultWorld.of(world).heal();
        world.record("partition_healed_at_ms", world.runtime().nowMillis());
        world.snapshot("partition healed");
    }

    // ------------------------------------------------------------------ pings across and within the sides

    @Then("no ping crosses the partition")
    public void noPingCrosses() {
        List<NodeHandle[]> cross = pairs(true);
        int answered = answered(cross);
        world.record("cross_pings_answered_during_partition", answered);
        assertThat(cross).as("pairs of live nodes on different sides of the partition").isNotEmpty();
        assertThat(answered).as("pings answered across the partition, of %d", cross.size()).isZero();
    }

    @Then("pings within each side still get answers")
    public void pingsWithin() {
        List<NodeHandle[]> within = pairs(false);
        int answered = answered(within);
        assertThat(within).as("pairs of live nodes on the same side of the partition").isNotEmpty();
        assertThat(answered).as("pings answered within the sides, of %d", within.size()).isEqualTo(within.size());
    }

    @Then("pings cross the healed partition again")
    public void pingsCrossAgain() {
        if (FaultWorld.of(world).partitioned()) {
            throw new IllegalStateException("the partition is still active: use 'the partition heals' first");
        }
        List<NodeHandle[]> cross = pairs(true);
        int answered = answered(cross);
        world.record("cross_pings_answered_after_heal", answered);
        assertThat(answered).as("pings answered across the healed partition, of %d", cross.size()).isEqualTo(cross.size());
    }

    /**
     * Up to {@link #PING_PAIRS} directed pairs of live nodes that the last partition separates (a datagram
     * blocked one way or the other, so a ping goes unanswered) or, with {@code cross} false, leaves connected.
     */
    private List<NodeHandle[]> pairs(boolean cross) {
        Partition p = FaultWorld.of(world).partition();
        List<NodeHandle> live = world.runtime().liveNodes();
        List<NodeHandle[]> out = new ArrayList<>();
        for (int step = 1; step < live.size() && out.size() < PING_PAIRS; step++) {
            for (int i = 0; i < live.size() && out.size() < PING_PAIRS; i += Math.max(1, live.size() / 4)) {
                NodeHandle a = live.get(i);
                NodeHandle b = live.get((i + step) % live.size());
                boolean separated = p.blocks(a.address(), b.address()) || p.blocks(b.address(), a.address());
                if (separated == cross) {
                    out.add(new NodeHandle[] {a, b});
                }
            }
        }
        return out;
    }

    static final int PING_PAIRS = 16;

    /** How many of the pings (from, to) were answered; concurrent on real-time runtimes (an unanswered ping waits its timeout). */
    private int answered(List<NodeHandle[]> fromTo) {
        NetworkRuntime rt = world.runtime();
        if (rt.kind() == RuntimeKind.SIMULATED) {
            return (int) fromTo.stream().filter(x -> CrossRuntime.pingMillis(rt, x[0], x[1].address()) >= 0).count();
        }
        ExecutorService pool = Executors.newFixedThreadPool(PING_PAIRS);
        try {
            List<Future<Long>> fs = new ArrayList<>();
            for (NodeHandle[] x : fromTo) {
                fs.add(pool.submit(() -> CrossRuntime.pingMillis(rt, x[0], x[1].address())));
            }
            int ok = 0;
            for (Future<Long> f : fs) {
                ok += f.get() >= 0 ? 1 : 0;
            }
            return ok;
        } catch (Exception e) {
            throw new IllegalStateException("pings failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ latency

    @When("every link gets {int} ms of extra latency")
    public void extraLatency(int millis) {
        Steps.count("the extra latency in ms", millis, 1, 60_000);
        healLatency = FaultWorld.of(world).target().install(Delay.everywhere(millis, 0));
        latencyAt = world.runtime().nowMillis();
    }

    @When("the extra latency heals")
    public void latencyHeals() {
        if (healLatency == null) {
            throw new IllegalStateException("no extra latency is active: use 'every link gets N ms of extra latency' first");
        }
        healLatency.run();
        healLatency = null;
        world.interval("extra latency", latencyAt, world.runtime().nowMillis());
    }

    @Then("a ping from node {int} to node {int} takes at least {int} ms")
    public void pingTakesAtLeast(int from, int to, int millis) {
        long rtt = ping(from, to);
        assertThat(rtt).as("ping round trip from node %d to node %d (-1: unanswered)", from, to).isGreaterThanOrEqualTo(millis);
    }

    @Then("a ping from node {int} to node {int} is answered within {int} ms")
    public void pingWithin(int from, int to, int millis) {
        long rtt = ping(from, to);
        assertThat(rtt).as("ping round trip from node %d to node %d (-1: unanswered)", from, to).isBetween(0L, (long) millis);
    }

    @Then("a ping from node {int} to node {int} gets no answer")
    public void pingUnanswered(int from, int to) {
        assertThat(ping(from, to)).as("ping round trip from node %d to node %d", from, to).isEqualTo(-1);
    }

    private long ping(int from, int to) {
        NetworkRuntime rt = world.runtime();
        long rtt = CrossRuntime.pingMillis(rt, Steps.node(world, from), Steps.node(world, to).address());
        world.record("ping_ms_" + from + "_" + to, rtt);
        return rtt;
    }

    private void apply(Partition p) {
        world.snapshot("before the partition");
        FaultWorld.of(world).partition(p);
        world.record("partition_nodes", p.grudge().size());
        world.snapshot(p.label() + " applied");
    }

    private List<NodeAddress> addresses() {
        return world.runtime().liveNodes().stream().map(NodeHandle::address).toList();
    }
}
