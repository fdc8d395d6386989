package io.p2ptestbed.adversary.kademlia.eclipse;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.kademlia.peer.Collusion;
import io.p2ptestbed.adversary.kademlia.peer.QueryOutcome;
import io.p2ptestbed.adversary.kademlia.peer.ScriptedPeer;
import io.p2ptestbed.adversary.kademlia.peer.SybilSwarm;
import io.p2ptestbed.adversary.sybil.SybilFactory;
import io.p2ptestbed.adversary.sybil.SybilSet;
import io.p2ptestbed.adversary.sybil.SybilSpec;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Eclipses one victim with the three classic moves: (a) table poisoning — Sybils ground into the
 * victim's buckets contact it periodically so they are inserted and stay most-recently-seen; (b)
 * adversarial routing and (c) dropping — whatever {@link EclipsePlan#behaviour} the Sybils answer the
 * victim's lookups with. Lifecycle: {@link #setup} grinds and launches the Sybils, {@link #start}
 * begins the bounded refreshing, {@link #stop} ends it (Sybils keep answering), {@link #close} takes
 * the Sybils off the network. All methods run on (or hop onto) the attack's scheduler.
 */
public final class EclipseAttack implements AutoCloseable {

    private final EclipsePlan plan;
    private final AttackContext ctx;
    private final Scheduler scheduler;
    private Cancellable[] timers = new Cancellable[0];
    private Cancellable deadline;
    private final Set<NodeId> queriedByVictim = new HashSet<>();
    private SybilSet sybils;
    private SybilSwarm swarm;
    private long messagesSent;
    private long repliesFromVictim;
    private long queriesFromVictim;
    private long startMillis = -1;
    private long stopMillis = -1;
    private boolean running;

    public EclipseAttack(EclipsePlan plan, AttackContext ctx) {
        this.plan = plan;
        this.ctx = ctx;
        this.scheduler = ctx.scheduler();
        ctx.guard().check(plan.victim().address(), "eclipse victim");
    }

    /** Grinds the identities and launches the Sybils (answering, not yet refreshing). */
    public SybilSet setup() {
        if (swarm != null) {
            throw new IllegalStateException("eclipse already set up");
        }
        sybils = new SybilFactory(ctx.rng(), ctx.guard()).create(
                SybilSpec.of(plan.sybils(), plan.placement(), plan.addresses())
                        .withConstraint(plan.constraint(), SybilSpec.DEFAULT_ATTEMPT_BUDGET));
        swarm = SybilSwarm.launch(sybils, plan.behaviour(), ctx);
        NodeAddress victim = plan.victim().address();
        for (ScriptedPeer p : swarm.peers()) {
            p.setQueryObserver((from, q) -> {
                if (from.equals(victim)) {
                    queriesFromVictim++;
                    queriedByVictim.add(p.self());
                }
            });
        }
        return sybils;
    }

    /** Starts refreshing: each Sybil first sends find_node(own id), then pings, one period apart. */
    public void start() {
        if (swarm == null) {
            setup();
        }
        scheduler.execute(() -> {
            if (running) {
                return;
            }
            running = true;
            startMillis = scheduler.nowMillis();
            long period = plan.effectiveIntervalMillis();
            timers = new Cancellable[swarm.size()];
            for (int i = 0; i < timers.length; i++) {
                int index = i;
                timers[i] = scheduler.schedule(ctx.rng().nextLong(period), () -> contact(index, true, period));
            }
            deadline = scheduler.schedule(plan.durationMillis(), this::stopNow);
        });
    }

    private void contact(int index, boolean first, long period) {
        if (!running) {
            return;
        }
        ScriptedPeer p = swarm.peers().get(index);
        NodeAddress victim = plan.victim().address();
        CompletableFuture<QueryOutcome> f = first ? p.findNode(victim, p.self()) : p.ping(victim);
        messagesSent++;
        f.thenAccept(o -> {
            if (o.answered()) {
                repliesFromVictim++;
            }
        });
        timers[index] = scheduler.schedule(period, () -> contact(index, false, period));
    }

    /** Stops refreshing; the Sybils stay up and keep answering with their behaviour. */
    public void stop() {
        scheduler.execute(this::stopNow);
    }

    private void stopNow() {
        if (!running) {
            return;
        }
        running = false;
        stopMillis = scheduler.nowMillis();
        for (Cancellable t : timers) {
            if (t != null) {
                t.cancel();
            }
        }
        if (deadline != null) {
            deadline.cancel();
        }
    }

    /**
     * Asks the victim, from one Sybil, find_node for a random id in each attacked bucket and for its own
     * id: the share of Sybils in what the victim tells others, as an outside observer can measure it.
     */
    public CompletableFuture<AdversaryShare> probe() {
        if (swarm == null) {
            throw new IllegalStateException("probe needs the Sybils: call setup() or start() first");
        }
        CompletableFuture<AdversaryShare> out = new CompletableFuture<>();
        scheduler.execute(() -> {
            ScriptedPeer prober = swarm.peers().get(0);
            List<NodeId> targets = new ArrayList<>();
            targets.add(plan.victimId());
            for (int b : plan.buckets()) {
                targets.add(plan.victimId().randomInBucketOf(NodeId.BITS - 1 - b, ctx.rng()));
            }
            AdversaryShare[] acc = {new AdversaryShare(0, 0)};
            int[] left = {targets.size()};
            for (NodeId t : targets) {
                prober.findNode(plan.victim().address(), t).thenAccept(o -> {
                    if (o instanceof QueryOutcome.Answered a) {
                        acc[0] = acc[0].plus(AdversaryShare.of(a.response().nodes(), swarm.collusion()));
                    }
                    if (--left[0] == 0) {
                        out.complete(acc[0]);
                    }
                });
            }
        });
        return out;
    }

    public EclipseMetrics metrics() {
        return new EclipseMetrics(swarm == null ? 0 : swarm.size(), messagesSent, repliesFromVictim, queriesFromVictim,
                queriedByVictim.size(), sybils == null ? null : sybils.cost(), startMillis, stopMillis);
    }

    public EclipsePlan plan() {
        return plan;
    }

    public SybilSwarm swarm() {
        return swarm;
    }

    public Collusion collusion() {
        return swarm.collusion();
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        stopNow();
        if (swarm != null) {
            swarm.close();
        }
    }
}
