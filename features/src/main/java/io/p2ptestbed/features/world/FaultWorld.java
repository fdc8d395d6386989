package io.p2ptestbed.features.world;

import io.p2ptestbed.adversary.fault.ActiveFault;
import io.p2ptestbed.adversary.fault.FaultInterval;
import io.p2ptestbed.adversary.fault.FaultPlane;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.harness.attack.FaultControl;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;

/**
 * Faults of one scenario. On the loopback runtime every node socket is wrapped by the adversary's
 * {@link FaultPlane} as the node boots (an idle plane passes datagrams straight through), which is why
 * this extension is registered before every scenario; on the simulator faults are filters of the
 * simulated network and nothing is wrapped; on docker they are iptables rules in the containers and
 * rules of the nodes' transports ({@code DockerFaults}). Heals every fault at the end of the scenario.
 */
public final class FaultWorld implements TestbedWorld.RuntimeListener, AutoCloseable {

    private final TestbedWorld world;
    private FaultPlane plane;
    private FaultControl control;
    private Partition partition;
    private ActiveFault active;

    private FaultWorld(TestbedWorld world) {
        this.world = world;
    }

    public static FaultWorld of(TestbedWorld world) {
        return world.extension(FaultWorld.class, () -> new FaultWorld(world));
    }

    @Override
    public void beforeStart(NetworkRuntime rt) {
        plane = CrossRuntime.prepareLinkFaults(rt);
    }

    public FaultControl control() {
        if (control == null) {
            control = FaultControl.of(world.runtime(), AttackWorld.of(world).lab(), target(), world.rng("nemesis"));
        }
        return control;
    }

    /** Where link faults go on this runtime (the sim network, the loopback fault plane, or docker's faults). */
    public io.p2ptestbed.adversary.fault.FaultTarget target() {
        return CrossRuntime.faultTarget(world.runtime(), plane);
    }

    /** Applies a partition (healing the previous one first). */
    public void partition(Partition p) {
        if (active != null) {
            heal();
        }
        partition = p;
        active = control().invoke(p);
    }

    /** Heals the current partition and records its interval for the report. */
    public void heal() {
        if (active == null) {
            throw new IllegalStateException("no partition is active");
        }
        control().heal(active);
        for (FaultInterval i : control().timeline()) {
            if (!i.active() && i.startMillis() == active.startMillis() && i.label().equals(active.fault().label())) {
                world.interval(i.label(), i.startMillis(), i.endMillis());
            }
        }
        active = null;
    }

    public Partition partition() {
        if (partition == null) {
            throw new IllegalStateException("no partition has been applied in this scenario");
        }
        return partition;
    }

    public boolean partitioned() {
        return active != null;
    }

    @Override
    public void close() {
        if (control != null) {
            control.close();
        }
    }
}
