package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Jepsen's nemesis: {@link #setup}, {@link #invoke} a {@link Fault}, {@link #heal} it, {@link #teardown}
 * heals everything. Link faults go to a {@link FaultTarget} (simulated network or {@link FaultPlane});
 * churn bursts go to the harness' {@link ChurnControl}. Every fault is recorded as a
 * {@link FaultInterval} on the scheduler's clock. Synchronized: the harness may call it from its own
 * thread while scheduled faults fire on the scheduler.
 */
public final class Nemesis {

    private final Scheduler scheduler;
    private final FaultTarget links;
    private final ChurnControl churn;
    private final RandomGenerator rng;
    private final Map<Integer, ActiveFault> active = new LinkedHashMap<>();
    private final Map<Integer, FaultInterval> timeline = new LinkedHashMap<>();
    private int nextId;

    /** @param churn the harness' kill/restart hooks, or null when churn bursts are not supported */
    public Nemesis(Scheduler scheduler, FaultTarget links, ChurnControl churn, RandomGenerator rng) {
        this.scheduler = scheduler;
        this.links = links;
        this.churn = churn;
        this.rng = rng;
    }

    /** Nothing to prepare for link faults and churn; kept for the Jepsen lifecycle. */
    public void setup() {}

    public synchronized ActiveFault invoke(Fault fault) {
        Runnable heal;
        if (fault instanceof LinkFault lf) {
            heal = links.install(lf);
        } else {
            heal = churn((ChurnBurst) fault);
        }
        long now = scheduler.nowMillis();
        ActiveFault a = new ActiveFault(nextId++, fault, now, heal);
        active.put(a.id(), a);
        timeline.put(a.id(), new FaultInterval(fault.getClass().getSimpleName(), fault.label(), now, -1));
        return a;
    }

    /** Heals the fault and closes its interval; healing twice does nothing. */
    public synchronized void heal(ActiveFault a) {
        if (active.remove(a.id()) == null) {
            return;
        }
        a.healAction().run();
        FaultInterval open = timeline.get(a.id());
        timeline.put(a.id(), new FaultInterval(open.kind(), open.label(), open.startMillis(), scheduler.nowMillis()));
    }

    /** Invokes {@code fault} after {@code delayMillis} and heals it {@code durationMillis} later, on the scheduler. */
    public void schedule(Fault fault, long delayMillis, long durationMillis) {
        scheduler.schedule(delayMillis, () -> {
            ActiveFault a = invoke(fault);
            scheduler.schedule(durationMillis, () -> heal(a));
        });
    }

    /** Heals every active fault. */
    public synchronized void teardown() {
        new ArrayList<>(active.values()).forEach(this::heal);
    }

    public synchronized List<ActiveFault> active() {
        return List.copyOf(active.values());
    }

    /** Every fault invoked so far, in invocation order; active ones have {@code endMillis == -1}. */
    public synchronized List<FaultInterval> timeline() {
        return List.copyOf(timeline.values());
    }

    private Runnable churn(ChurnBurst burst) {
        if (churn == null) {
            throw new IllegalStateException("this runtime gave the nemesis no ChurnControl: cannot run " + burst.label());
        }
        List<NodeAddress> pool = new ArrayList<>(churn.liveNodes());
        if (!burst.candidates().isEmpty()) {
            pool.retainAll(burst.candidates());
        }
        int count = (int) Math.round(burst.fraction() * pool.size());
        for (int i = 0; i < count; i++) {
            java.util.Collections.swap(pool, i, i + rng.nextInt(pool.size() - i));
        }
        List<NodeAddress> victims = List.copyOf(pool.subList(0, count));
        victims.forEach(churn::kill);
        return () -> victims.forEach(churn::restart);
    }
}
