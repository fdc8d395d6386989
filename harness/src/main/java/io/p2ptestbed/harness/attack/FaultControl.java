package io.p2ptestbed.harness.attack;

import io.p2ptestbed.adversary.fault.ActiveFault;
import io.p2ptestbed.adversary.fault.ChurnControl;
import io.p2ptestbed.adversary.fault.Fault;
import io.p2ptestbed.adversary.fault.FaultInterval;
import io.p2ptestbed.adversary.fault.FaultPlane;
import io.p2ptestbed.adversary.fault.FaultTarget;
import io.p2ptestbed.adversary.fault.Nemesis;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Faults on a running network through the adversary's {@link Nemesis}: on the simulator, link faults are
 * filters of its {@code SimNetwork}; on loopback, every node's socket is wrapped by a {@link FaultPlane}
 * when the node boots ({@link #decorate}, which must run before the network starts), and the faults are
 * installed on that plane. Churn bursts kill and restart runtime nodes.
 */
public final class FaultControl implements AutoCloseable {

    private final NetworkRuntime runtime;
    private final Nemesis nemesis;

    private FaultControl(NetworkRuntime runtime, Nemesis nemesis) {
        this.runtime = runtime;
        this.nemesis = nemesis;
    }

    /**
     * Wraps the transport of every node the runtime boots from now on with {@code plane}, its stream transport too
     * (partitions stall and delays hold back its frames, as on TCP). Each wrapped
     * transport gets its own random stream from the scenario seed (for probabilistic faults).
     */
    public static void decorate(LocalRuntime rt, FaultPlane plane) {
        rt.setTransportDecorator(new LocalRuntime.TransportDecorator() {
            @Override
            public Transport decorate(NodeAddress address, Transport transport, Scheduler scheduler) {
                return plane.decorate(transport, scheduler, rt.seeds().stream("fault-plane", address.hashCode()));
            }

            @Override
            public StreamTransport decorateStreams(NodeAddress address, StreamTransport streams, Scheduler scheduler) {
                return plane.decorateStreams(streams, scheduler, rt.seeds().stream("fault-plane-streams", address.hashCode()));
            }
        });
    }

    /**
     * Fault control for a started runtime; {@code plane} is the plane its sockets were decorated with
     * (loopback), ignored on the simulator. Timeline times come from the attack scheduler.
     */
    public static FaultControl of(NetworkRuntime rt, AttackLab lab, FaultPlane plane, RandomGenerator rng) {
        FaultTarget target;
        if (rt instanceof SimulatedRuntime s) {
            target = FaultTarget.of(s.network());
        } else if (plane != null) {
            target = plane;
        } else {
            throw new IllegalStateException("link faults on the " + rt.kind().label() + " runtime need a fault plane "
                    + "installed on the node sockets before the network starts");
        }
        return of(rt, lab, target, rng);
    }

    /** Fault control with faults installed on {@code target} (e.g. the docker runtime's iptables and node transports). */
    public static FaultControl of(NetworkRuntime rt, AttackLab lab, FaultTarget target, RandomGenerator rng) {
        return new FaultControl(rt, new Nemesis(lab.scheduler(), target, churn(rt), rng));
    }

    private static ChurnControl churn(NetworkRuntime rt) {
        return new ChurnControl() {
            public List<NodeAddress> liveNodes() {
                return rt.liveNodes().stream().map(NodeHandle::address).toList();
            }

            public void kill(NodeAddress a) {
                rt.nodes().stream().filter(n -> n.address().equals(a)).findFirst().ifPresent(rt::kill);
            }

            public void restart(NodeAddress a) {
                rt.nodes().stream().filter(n -> n.address().equals(a)).findFirst().ifPresent(rt::restart);
            }
        };
    }

    public ActiveFault invoke(Fault f) {
        return nemesis.invoke(f);
    }

    public void heal(ActiveFault a) {
        nemesis.heal(a);
    }

    public List<ActiveFault> active() {
        return nemesis.active();
    }

    public List<FaultInterval> timeline() {
        return nemesis.timeline();
    }

    /**
     * For each origin, the honest nodes it can still exchange datagrams with both ways under
     * {@code partition}: its side (its own majority, for a majorities ring). Computed lazily per origin.
     */
    public static Function<NodeHandle, GroundTruth> sides(Partition partition, List<? extends NodeHandle> honest) {
        Map<NodeHandle, GroundTruth> cache = new HashMap<>();
        return origin -> cache.computeIfAbsent(origin, o -> {
            List<NodeHandle> side = new ArrayList<>();
            for (NodeHandle n : honest) {
                if (n.alive() && !partition.blocks(o.address(), n.address()) && !partition.blocks(n.address(), o.address())) {
                    side.add(n);
                }
            }
            return GroundTruth.of(side);
        });
    }

    @Override
    public void close() {
        nemesis.teardown();
    }
}
