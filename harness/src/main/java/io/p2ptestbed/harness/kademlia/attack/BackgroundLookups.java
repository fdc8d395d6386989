package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.kademlia.LocalKademlia;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Ordinary network activity while an attack runs: every {@code 1000 / perSecond} ms a random live node
 * (of those given) looks up a random key. Lookups are what makes nodes meet each other, so an attack
 * measured on a network doing nothing would look better or worse than it is. Ticks on the attack
 * scheduler; the lookups themselves run on each node's own thread.
 */
public final class BackgroundLookups implements AutoCloseable {

    private final NetworkRuntime rt;
    private final List<? extends NodeHandle> nodes;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final long periodMillis;
    private Cancellable next;
    private volatile boolean running;
    private long started;

    private BackgroundLookups(NetworkRuntime rt, List<? extends NodeHandle> nodes, Scheduler scheduler, RandomGenerator rng,
                              long periodMillis) {
        this.rt = rt;
        this.nodes = List.copyOf(nodes);
        this.scheduler = scheduler;
        this.rng = rng;
        this.periodMillis = periodMillis;
    }

    /** Starts {@code perSecond} lookups per second (at most 1000) from random live nodes among {@code nodes}. */
    public static BackgroundLookups start(NetworkRuntime rt, AttackLab lab, List<? extends NodeHandle> nodes,
                                          double perSecond, RandomGenerator rng) {
        if (!(perSecond > 0 && perSecond <= 1000)) {
            throw new IllegalArgumentException("background lookups per second must be in (0, 1000], got " + perSecond);
        }
        BackgroundLookups b = new BackgroundLookups(rt, nodes, lab.scheduler(), rng, Math.max(1, Math.round(1000 / perSecond)));
        b.running = true;
        b.scheduler.execute(b::tick);
        return b;
    }

    private void tick() {
        if (!running) {
            return;
        }
        NodeHandle n = nodes.get(rng.nextInt(nodes.size()));
        NodeId target = NodeId.random(rng);
        if (n.alive()) {
            if (n instanceof LocalNode) {
                LocalKademlia.node(n).findNode(target);
            } else {
                rt.routeAsync(n, target); // out of process: the node's own key-based routing (its lookup)
            }
            started++;
        }
        next = scheduler.schedule(periodMillis, this::tick);
    }

    /** Lookups started so far (read after {@link #close} for an exact figure on loopback). */
    public long started() {
        return started;
    }

    @Override
    public void close() {
        running = false;
        scheduler.execute(() -> {
            if (next != null) {
                next.cancel();
            }
        });
    }
}
