package io.p2ptestbed.features.steps;

import io.cucumber.java.Before;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.features.world.FaultWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Partitions of the honest nodes, as Jepsen grudges applied and healed by the adversary's nemesis:
 * filters of the simulated network, or a fault plane around every loopback socket. Lookups inside the
 * sides are run and graded by {@link AttackLookupSteps}; connectivity after the heal by the graph steps.
 */
public class PartitionSteps {

    private final TestbedWorld world;

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
