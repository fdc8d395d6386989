package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.runtime.Addresses;

import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipseAttack;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipseMetrics;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipsePlan;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.adversary.kademlia.peer.Collusion;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.adversary.sybil.IdConstraint;
import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.adversary.sybil.SybilSet;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import java.util.List;

/**
 * An {@link EclipseAttack} on one node of a running network: Sybils ground into the victim's farthest
 * buckets (the ~log2 N buckets honest nodes populate plus 4 deeper ones, {@link EclipsePlan#depthFor}),
 * listening on addresses spread over a few /24 networks, contacting the victim periodically so that
 * they are inserted and stay fresh, and answering with a {@link Behaviour}. The Sybils list as many
 * contacts per reply as honest nodes do.
 */
public final class VictimEclipse implements AutoCloseable {

    private final NetworkRuntime runtime;
    private final AttackLab lab;
    private final NodeHandle victim;
    private final EclipseAttack attack;
    private SybilSet sybils;

    public VictimEclipse(NetworkRuntime runtime, AttackLab lab, NodeHandle victim, EclipsePlan plan) {
        this.runtime = runtime;
        this.lab = lab;
        this.victim = victim;
        this.attack = new EclipseAttack(plan, lab.context());
    }

    /**
     * The plan for {@code sybils} Sybils at {@code addresses} (e.g. a few /24 networks) against {@code victim} in a
     * network of {@code networkSize} nodes; refreshing every {@code refreshMillis} per Sybil, at most
     * {@code maxPerSecond} messages per second in total, stopping by itself after {@code durationMillis}.
     */
    public static EclipsePlan plan(NodeHandle victim, int sybils, AddressPlan addresses, int networkSize, Behaviour behaviour,
                                   long refreshMillis, int maxPerSecond, long durationMillis) {
        int depth = EclipsePlan.depthFor(networkSize);
        return new EclipsePlan(victim.contact(), sybils, Placement.InBuckets.farthest(victim.id(), depth).buckets(),
                addresses, behaviour, IdConstraint.NONE, refreshMillis, maxPerSecond,
                durationMillis);
    }

    /** Grinds the identities and launches the Sybils (answering queries, not yet contacting the victim). */
    public SybilSet setup() {
        sybils = attack.setup();
        attack.swarm().setReplySize(KademliaScenarios.config(runtime.scenario()).k());
        return sybils;
    }

    /** Starts the periodic contacts; they stop by themselves after the plan's duration. */
    public void start() {
        if (sybils == null) {
            setup();
        }
        attack.start();
    }

    public void stop() {
        attack.stop();
    }

    public NodeHandle victim() {
        return victim;
    }

    public EclipsePlan plan() {
        return attack.plan();
    }

    public Collusion collusion() {
        return attack.collusion();
    }

    public List<Contact> sybilContacts() {
        return attack.swarm().contacts();
    }

    public SybilSet sybils() {
        return sybils;
    }

    /** Sybil entries in the victim's routing table, as ground truth sees it. */
    public AdversaryShare victimShare() {
        return AdversaryShare.of(victim.routingContacts(), attack.collusion());
    }

    /** What the victim tells others: the Sybil share in its find_node replies (an outside observer's view). */
    public AdversaryShare probe() {
        AdversaryShare s = lab.await(attack.probe(), 30_000);
        return s == null ? new AdversaryShare(0, 0) : s;
    }

    public EclipseMetrics metrics() {
        return lab.onAttackThread(attack::metrics);
    }

    @Override
    public void close() {
        lab.onAttackThread(() -> {
            attack.close();
            return null;
        });
    }
}
