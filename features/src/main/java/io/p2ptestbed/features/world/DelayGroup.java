package io.p2ptestbed.features.world;

import io.p2ptestbed.adversary.fault.Delay;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A latency topology made of the project's own delay faults, for runtimes whose links are all alike (loopback: every
 * round trip about equal): a group of "far" honest nodes drawn from the seed, a datagram to or from one of them held
 * {@code farMillis} more, and every datagram {@code baseMillis} more. The faults are data ({@link Delay}, scoped) and go
 * where the runtime's link faults go (the simulated network's filters, the loopback fault plane, the containers' node
 * hosts), installed before the network starts so that the joins already measure them (in containers: once the lab
 * network has given the nodes their addresses, on each node host's command line, {@code --faults}). Near-near round trips are then 2 base, every round trip with a
 * far end 2 (base + far).
 */
public final class DelayGroup implements TestbedWorld.RuntimeListener {

    private final TestbedWorld world;
    private final int percent;
    private final long farMillis;
    private final long baseMillis;
    private Set<NodeAddress> far = Set.of();

    private DelayGroup(TestbedWorld world, int percent, long farMillis, long baseMillis) {
        this.world = world;
        this.percent = percent;
        this.farMillis = farMillis;
        this.baseMillis = baseMillis;
    }

    /** Declares the group; at most one per scenario, before the network starts. */
    public static DelayGroup declare(TestbedWorld world, int percent, long farMillis, long baseMillis) {
        if (world.started()) {
            throw new IllegalStateException("the far group's delays are set before the network starts (a Given step)");
        }
        FaultWorld.of(world);
        DelayGroup g = world.extension(DelayGroup.class, () -> new DelayGroup(world, percent, farMillis, baseMillis));
        if (g.percent != percent || g.farMillis != farMillis || g.baseMillis != baseMillis) {
            throw new IllegalStateException("a scenario has one far group; it is already " + g.percent + "% at +" + g.farMillis + " ms");
        }
        return g;
    }

    /** The group declared in this scenario; a clear refusal when there is none. */
    public static DelayGroup of(TestbedWorld world) {
        DelayGroup g = world.extension(DelayGroup.class, () -> null);
        if (g == null) {
            throw new IllegalStateException("no far group in this scenario: use 'Given a far group of N% of the nodes: ...' first");
        }
        return g;
    }

    @Override
    public void beforeStart(NetworkRuntime rt) {
        if (rt instanceof DockerRuntime docker) {
            // container addresses exist once the run's lab network does: install at launch, before any container starts
            docker.beforeLaunch(nodes -> install(rt, i -> nodes.get(i).address()));
        } else {
            install(rt, i -> Addresses.honest(i, rt.labPort()));
        }
    }

    /** Draws the far group's node indices from the seed (the same on every runtime) and installs the delays. */
    private void install(NetworkRuntime rt, java.util.function.IntFunction<NodeAddress> addressOf) {
        int n = rt.scenario().nodes();
        RandomGenerator rng = world.rng("far-group");
        Set<NodeAddress> group = new LinkedHashSet<>();
        rng.ints(0, n).distinct().limit(Math.round(n * percent / 100.0)).forEach(i -> group.add(addressOf.apply(i)));
        far = Collections.unmodifiableSet(group);
        var target = FaultWorld.of(world).target();
        if (baseMillis > 0) {
            target.install(Delay.everywhere(baseMillis, 0));
        }
        target.install(new Delay(farMillis, 0, far));
        world.record("far_group_nodes", far.size());
    }

    public boolean isFar(NodeAddress a) {
        return far.contains(a);
    }

    public Set<NodeAddress> far() {
        return far;
    }

    /** The share of far nodes among the live nodes. */
    public double farShare(List<? extends io.p2ptestbed.harness.runtime.NodeHandle> live) {
        long f = live.stream().filter(h -> far.contains(h.address())).count();
        return live.isEmpty() ? 0 : (double) f / live.size();
    }
}
