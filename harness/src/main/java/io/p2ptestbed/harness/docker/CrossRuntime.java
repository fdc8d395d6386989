package io.p2ptestbed.harness.docker;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.fault.FaultPlane;
import io.p2ptestbed.adversary.fault.FaultTarget;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.LoopbackRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.overlay.guard.Defences;
import io.p2ptestbed.overlay.node.NodeMain;
import io.p2ptestbed.overlay.spi.NodeDefences;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What the docker scenarios need from a runtime, for all three runtimes, so the same feature runs on the
 * simulator, on loopback and in containers: attack contexts and attacker addresses, defences on nodes,
 * pings between nodes, and a target for link faults. Docker: attacker containers, the control interface
 * and {@link DockerFaults}; loopback and simulator: the in-JVM equivalents.
 */
public final class CrossRuntime {

    private CrossRuntime() {}

    /** Where attack sockets, time and the lab guard come from for an attack on {@code rt}. */
    public static AttackContext attackContext(NetworkRuntime rt, RandomGenerator rng) {
        if (rt instanceof ControlledRuntime d) {
            return d.attackContext(rng);
        }
        return AttackLab.of(rt, rng).context();
    }

    /**
     * The attack lab of {@code rt}: on docker the attackers' sockets are in attacker containers and their logic on
     * the attacker hosts' scheduler; elsewhere {@link AttackLab#of}. Every attack step goes through here, so the
     * same sentence runs on the three runtimes.
     */
    public static AttackLab attackLab(NetworkRuntime rt, RandomGenerator rng) {
        if (rt instanceof ControlledRuntime d) {
            return AttackLab.realTime(rt, d.attackContext(rng));
        }
        return AttackLab.of(rt, rng);
    }

    /**
     * Sybil addresses spread over {@code count} /24 networks (many Sybils per IP once every host is used):
     * attacker pools of the lab network on docker (at most {@link AttackerHosts#pools}), 127.201.x.0/24 in-JVM.
     */
    public static AddressPlan slash24s(NetworkRuntime rt, int count, int port) {
        if (rt instanceof DockerRuntime d) {
            if (count > d.attackers().pools()) {
                throw new IllegalArgumentException("the docker lab network has " + d.attackers().pools()
                        + " attacker /24 networks, so Sybils can come from at most that many, not " + count);
            }
            return d.attackers().spread(count, port);
        }
        return AddressPlan.slash24s(count, port);
    }

    /** Attacker identities on one IP, consecutive ports: an attacker container on docker, {@link #perRunIp} 127.252.x.y in-JVM. */
    public static AddressPlan sharedAttackerIp(NetworkRuntime rt, int firstPort) {
        if (rt instanceof DockerRuntime d) {
            return d.attackers().sharedIp(0, firstPort);
        }
        return new AddressPlan.SharedIp(perRunIp(252, firstPort));
    }

    /** Flood sources: {@code count} ports on a second attacker IP (in-JVM: {@link #perRunIp} 127.253.x.y). */
    public static AddressPlan floodSources(NetworkRuntime rt, int firstPort) {
        if (rt instanceof DockerRuntime d) {
            return d.attackers().sharedIp(1, firstPort);
        }
        return new AddressPlan.SharedIp(perRunIp(253, firstPort));
    }

    /**
     * The in-JVM attacker IP of this run: 127.{@code second}.(P / 256).(P % 256) for the lab port P
     * ({@code TESTBED_LAB_PORT}). Attacker sockets on fixed addresses collided ("Address already in use")
     * when two runs with different lab ports shared the machine; with the lab port in the IP they cannot.
     */
    static NodeAddress perRunIp(int second, int port) {
        return NodeAddress.of(127, second, Addresses.PORT >>> 8, Addresses.PORT & 0xFF, port);
    }

    /** Runs {@code call} on the attack scheduler's thread, directly on the simulator (one thread anyway). */
    public static <T> T onScheduler(NetworkRuntime rt, Scheduler scheduler, Supplier<T> call) {
        if (rt instanceof SimulatedRuntime) {
            return call.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                f.complete(call.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.orTimeout(120, TimeUnit.SECONDS).join();
    }

    /**
     * Replaces the defences of one running node with {@code spec}, in the overlay's own syntax or the neutral
     * defences ({@link Defences#parse}): through the control interface on docker, on the node's thread in-JVM.
     */
    public static void installDefences(NetworkRuntime rt, NodeHandle node, String spec) {
        if (rt instanceof ControlledRuntime d) {
            DockerNode n = (DockerNode) node;
            n.control().setDefences(n.slot(), NodeMain.canonicalDefences(d.scenario().protocolName(), spec));
        } else if (rt instanceof LocalRuntime) {
            NodeDefences set = Defences.parse(rt.scenario().protocolName(), spec);
            LocalNode n = (LocalNode) node;
            CrossRuntime.onScheduler(rt, n.overlay().scheduler(), () -> {
                set.install(n.overlay());
                return null;
            });
        } else {
            throw new UnsupportedOperationException("defences on " + rt.kind().label());
        }
    }

    /** Before start: every node (restarted and joined ones too) gets {@code spec} (as {@link #installDefences}). */
    public static void defencesEverywhere(NetworkRuntime rt, String spec) {
        NodeDefences set = Defences.parse(rt.scenario().protocolName(), spec);
        if (rt instanceof ControlledRuntime d) {
            if (set.makesIds()) {
                throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the defences " + set.spec()
                        + " make honest ids in the harness (ids bound to the address, solved puzzles); the "
                        + rt.kind().label() + " runtime's nodes make their own ids, so it cannot run them yet");
            }
            d.setDefences(spec);
        } else if (rt instanceof LocalRuntime l) {
            if (set.makesIds()) {
                l.setIdentityFactory(set::idFor);
            }
            l.addOverlaySetup(set::install);
        } else {
            throw new UnsupportedOperationException("defences on " + rt.kind().label());
        }
    }

    /**
     * Round-trip time of a ping in the overlay's own protocol ({@link io.p2ptestbed.overlay.spi.Ping}) from
     * {@code from} to {@code to} in runtime milliseconds, -1 when unanswered.
     */
    public static long pingMillis(NetworkRuntime rt, NodeHandle from, NodeAddress to) {
        if (rt instanceof ControlledRuntime) {
            DockerNode n = (DockerNode) from;
            return n.control().pingMillis(n.slot(), to);
        }
        LocalRuntime l = (LocalRuntime) rt;
        long t0 = rt.nowMillis();
        CompletableFuture<Boolean> f = l.onOverlay((LocalNode) from,
                o -> o.require(io.p2ptestbed.overlay.spi.Ping.class, "pings").ping(to));
        Boolean answered = rt.await(f, 30_000);
        return Boolean.TRUE.equals(answered) ? rt.nowMillis() - t0 : -1;
    }

    /**
     * Call before the network starts when link faults will be used: on loopback every node socket is then
     * wrapped by a {@link FaultPlane} (returned); elsewhere nothing is needed (null).
     */
    public static FaultPlane prepareLinkFaults(NetworkRuntime rt) {
        if (rt instanceof LoopbackRuntime l) {
            FaultPlane plane = new FaultPlane();
            io.p2ptestbed.harness.attack.FaultControl.decorate(l, plane);
            return plane;
        }
        return null;
    }

    /** Where link faults go: iptables and the control interface on docker, the sim network, or the plane. */
    public static FaultTarget faultTarget(NetworkRuntime rt, FaultPlane plane) {
        if (rt instanceof ControlledRuntime d) {
            return d.faults();
        }
        if (rt instanceof SimulatedRuntime s) {
            return FaultTarget.of(s.network());
        }
        if (plane == null) {
            throw new IllegalStateException("link faults on " + rt.kind().label() + " need prepareLinkFaults before start");
        }
        return plane;
    }
}
