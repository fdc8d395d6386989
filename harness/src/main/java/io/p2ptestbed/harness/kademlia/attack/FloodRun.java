package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.adversary.kademlia.dos.Flood;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.adversary.kademlia.dos.FloodPlan;
import io.p2ptestbed.adversary.kademlia.dos.FloodStats;
import io.p2ptestbed.adversary.kademlia.dos.QueryMix;
import io.p2ptestbed.adversary.kademlia.dos.QueryType;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.kademlia.LocalKademlia;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.overlay.kademlia.ServiceCapacity;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A bounded request flood against one node, with honest clients querying the same node over the same
 * window, so the effect on honest service is measured where it happens. The flood's bounds (rate,
 * count, duration) are mandatory and enforced by the adversary's {@link Flood}.
 */
public final class FloodRun {

    /** Flood and honest service over the same window. */
    public record Outcome(FloodStats flood, HonestLoad.Report honest) {}

    private FloodRun() {}

    /**
     * A flood of {@code type} queries from {@code sources} addresses of {@link FloodPlan#FLOOD_POOL} (each
     * claiming one id), bounded by rate and duration. The sources use the lab port ({@link Addresses#PORT}),
     * so two runs on one machine with their own {@code TESTBED_LAB_PORT} never bind the same socket.
     */
    public static FloodPlan plan(NodeHandle target, QueryType type, int perSecond, long durationMillis, int sources) {
        return plan(target, type, perSecond, durationMillis, new AddressPlan.Spread(List.of(FloodPlan.FLOOD_POOL), Addresses.PORT),
                sources);
    }

    /** As {@link #plan(NodeHandle, QueryType, int, long, int)}, with the source addresses taken from {@code pool}. */
    public static FloodPlan plan(NodeHandle target, QueryType type, int perSecond, long durationMillis, AddressPlan pool,
                                 int sources) {
        return FloodPlan.of(target.address(), QueryMix.only(type), FloodBounds.of(perSecond, durationMillis))
                .withSources(pool, sources);
    }

    /**
     * Runs the flood and, when {@code honestPerSecond > 0}, the honest load alongside it (same start, same
     * duration), and waits until both are over (flood sockets closed, every honest query settled).
     */
    public static Outcome run(AttackLab lab, FloodPlan plan, NodeHandle target, List<? extends NodeHandle> clients,
                              int honestPerSecond, RandomGenerator rng) {
        return run(lab, plan, nodes(lab, target, clients, rng), honestPerSecond);
    }

    /** As {@link #run(AttackLab, FloodPlan, NodeHandle, List, int, RandomGenerator)}, with the given honest clients. */
    public static Outcome run(AttackLab lab, FloodPlan plan, HonestClients clients, int honestPerSecond) {
        Flood flood = Flood.prepare(plan, lab.context());
        long duration = plan.bounds().durationMillis();
        CompletableFuture<HonestLoad.Report> honest = honestPerSecond > 0
                ? clients.start(honestPerSecond, duration)
                : CompletableFuture.completedFuture(null);
        flood.start();
        long bound = duration + 60_000;
        FloodStats stats = lab.await(flood.completion(), bound);
        HonestLoad.Report report = lab.await(honest, bound);
        if (stats == null) {
            flood.stop();
            throw new IllegalStateException("the flood did not finish within " + bound + " ms");
        }
        return new Outcome(stats, report);
    }

    /** Honest load alone (no flood), e.g. to measure the service ratio before an attack. */
    public static HonestLoad.Report honestOnly(AttackLab lab, HonestClients clients, int perSecond, long durationMillis) {
        return lab.await(clients.start(perSecond, durationMillis), durationMillis + 60_000);
    }

    /** Honest clients of one target: started for a rate and a duration, they report what they saw. */
    @FunctionalInterface
    public interface HonestClients {
        CompletableFuture<HonestLoad.Report> start(int perSecond, long durationMillis);
    }

    /** Honest nodes of the network as clients, each query through a node's own query machinery ({@link HonestLoad}). */
    public static HonestClients nodes(AttackLab lab, NodeHandle target, List<? extends NodeHandle> clients, RandomGenerator rng) {
        return (perSecond, durationMillis) -> lab.onAttackThread(
                () -> HonestLoad.run(lab.scheduler(), target, clients, perSecond, durationMillis, rng));
    }

    /**
     * Honest clients as sockets of their own, for runtimes whose nodes live in other processes (docker): one
     * client address of {@code addresses} and one id per query per second, so each client sends about one
     * get_peers a second, far below any per-IP or per-id limit. They send evenly spaced queries and count the
     * replies (as {@link Flood} does, late replies counted until its grace period ends); errors (e.g. 202 rate
     * limited) are not served, and what got no reply at all counts as timed out.
     */
    public static HonestClients sockets(AttackLab lab, NodeHandle target, AddressPlan addresses) {
        return (perSecond, durationMillis) -> {
            FloodPlan plan = FloodPlan.of(target.address(), QueryMix.only(QueryType.GET_PEERS), FloodBounds.of(perSecond,
                    durationMillis)).withSources(addresses, perSecond).withIds(new io.p2ptestbed.adversary.kademlia.dos.SourceIds.Pool(perSecond));
            Flood clients = Flood.prepare(plan, lab.context());
            clients.start();
            return clients.completion().thenApply(s -> new HonestLoad.Report(s.sent(), s.total().answered(), s.total().errors(),
                    s.sent() - s.total().answered() - s.total().errors(), s.startMillis(), s.endMillis(), List.of()));
        };
    }

    // ------------------------------------------------------- the same flood on the three runtimes

    /**
     * Where a request flood's source IPs come from: attacker pool 1 of the lab network on docker (its hosts, one
     * port), {@link io.p2ptestbed.adversary.kademlia.dos.FloodPlan#FLOOD_POOL} in-JVM, on the lab port.
     */
    public static AddressPlan floodPool(NetworkRuntime rt) {
        if (rt instanceof DockerRuntime d) {
            return new AddressPlan.Spread(java.util.List.of(d.attackers().pool(1)), Addresses.PORT);
        }
        return new AddressPlan.Spread(java.util.List.of(io.p2ptestbed.adversary.kademlia.dos.FloodPlan.FLOOD_POOL), rt.labPort());
    }

    /**
     * Honest clients of {@code target}: in-JVM, the other live nodes, through their own query machinery; on docker,
     * whose nodes are other processes, sockets of their own on attacker pool 2 of the lab network, one IP and one id
     * per client ({@link #sockets}).
     */
    public static HonestClients honestClients(NetworkRuntime rt, AttackLab lab, NodeHandle target,
                                                       RandomGenerator rng) {
        if (rt instanceof DockerRuntime d) {
            return sockets(lab, target, new AddressPlan.Spread(java.util.List.of(d.attackers().pool(2)), Addresses.PORT));
        }
        return nodes(lab, target, rt.liveNodes(), rng);
    }

    /**
     * Installs the modelled service capacity ({@link ServiceCapacity}) on one node, behind its defences: in its JVM
     * on the in-JVM runtimes (returned, to read what it shed), through the control interface on docker (null).
     */
    public static ServiceCapacity installCapacity(NetworkRuntime rt, NodeHandle node, int perSecond, long windowMillis) {
        if (rt instanceof io.p2ptestbed.harness.docker.ControlledRuntime) {
            DockerNode n = (DockerNode) node;
            io.p2ptestbed.harness.kademlia.DockerKademlia.setCapacity(n.control(), n.slot(), perSecond, windowMillis);
            return null;
        }
        if (!(rt instanceof LocalRuntime l) || !KademliaScenarios.isKademlia(rt.scenario())) {
            throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the modelled service capacity needs a "
                    + "Kademlia node; the " + rt.scenario().protocolName() + " overlay does not support it");
        }
        ServiceCapacity c = new ServiceCapacity(perSecond, windowMillis);
        LocalKademlia.onNode(l, (LocalNode) node, k -> c.installOn(k));
        return c;
    }
}
