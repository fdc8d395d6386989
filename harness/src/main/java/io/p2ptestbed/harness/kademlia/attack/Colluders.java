package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.adversary.kademlia.peer.Collusion;
import io.p2ptestbed.adversary.kademlia.peer.ScriptedPeer;
import io.p2ptestbed.adversary.sybil.SybilIdentity;
import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The S/Kademlia adversary model: a fraction of the network's own members collude. They joined like
 * every other node (they are ordinary nodes of the runtime, with honest routing tables, and sit in
 * honest tables exactly as any member does); when turned, each is stopped and replaced, at the same id
 * and address, by a {@link ScriptedPeer} that answers with the given {@link Behaviour} and shares one
 * {@link Collusion} with the others, listing as many contacts per reply as honest nodes do (the network's
 * k). Turned nodes count as dead for the runtime, so ground truth (and
 * lookup grading) covers the honest nodes only.
 *
 * <p>Which nodes turn is fixed once, from the seeded generator: turning 10% and later 20% makes the 20%
 * a superset of the 10%, so a sweep over fractions grows one adversary on one network. Bootstrap nodes
 * and nodes in {@code spared} never turn.
 */
public final class Colluders implements AutoCloseable {

    private final NetworkRuntime runtime;
    private final AttackLab lab;
    private final Collusion collusion = new Collusion();
    private final List<NodeHandle> order;
    private final List<ScriptedPeer> peers = new ArrayList<>();
    private final int population;
    private Behaviour behaviour;

    public Colluders(NetworkRuntime runtime, AttackLab lab, RandomGenerator rng, Collection<? extends NodeHandle> spared) {
        this.runtime = runtime;
        this.lab = lab;
        this.population = runtime.nodes().size();
        Set<NodeHandle> keep = Set.copyOf(spared);
        int boot = runtime.scenario().bootstrapNodes();
        List<NodeHandle> candidates = new ArrayList<>();
        for (NodeHandle n : runtime.liveNodes()) {
            if (n.index() >= boot && !keep.contains(n)) {
                candidates.add(n);
            }
        }
        for (int i = candidates.size() - 1; i > 0; i--) {
            java.util.Collections.swap(candidates, i, rng.nextInt(i + 1));
        }
        this.order = candidates;
    }

    /**
     * Turns more members until colluders make up {@code fraction} of the network's {@link #population}
     * (honest plus colluding); already turned ones stay. All colluders then answer with {@code b}.
     */
    public void turnUpTo(double fraction, Behaviour b) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("adversary fraction must be in [0, 1), got " + fraction);
        }
        int target = (int) Math.round(fraction * population);
        if (target > order.size()) {
            throw new IllegalArgumentException("cannot turn " + target + " of " + population + " nodes: only "
                    + order.size() + " are eligible (bootstrap nodes and named nodes stay honest)");
        }
        behaviour = b;
        lab.onAttackThread(() -> {
            peers.forEach(p -> p.setBehaviour(b));
            return null;
        });
        while (peers.size() < target) {
            NodeHandle n = order.get(peers.size());
            runtime.kill(n);
            ScriptedPeer p = new ScriptedPeer(new SybilIdentity(n.id(), n.address()), b, collusion, lab.context());
            p.setReplySize(KademliaScenarios.config(runtime.scenario()).k());
            lab.onAttackThread(() -> {
                p.start();
                return null;
            });
            peers.add(p);
        }
    }

    public void setBehaviour(Behaviour b) {
        behaviour = b;
        lab.onAttackThread(() -> {
            peers.forEach(p -> p.setBehaviour(b));
            return null;
        });
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** Members of the network when the adversary was chosen: honest plus colluding. */
    public int population() {
        return population;
    }

    public int size() {
        return peers.size();
    }

    public double fraction() {
        return (double) peers.size() / population;
    }

    public Collusion collusion() {
        return collusion;
    }

    public List<Contact> contacts() {
        return peers.stream().map(ScriptedPeer::contact).toList();
    }

    public boolean isAdversarial(Contact c) {
        return collusion.isAdversarial(c);
    }

    /** One routing-table entry: {@code holder} has {@code colluder} in its table. */
    public record Entry(NodeId holder, NodeId colluder) {}

    /** Every colluder entry in the routing tables of the given (honest, live) nodes. */
    public Set<Entry> entriesIn(Collection<? extends NodeHandle> honest) {
        Set<Entry> out = new HashSet<>();
        for (NodeHandle n : honest) {
            if (n.alive()) {
                for (Contact c : n.routingContacts()) {
                    if (collusion.isAdversarial(c)) {
                        out.add(new Entry(n.id(), c.id()));
                    }
                }
            }
        }
        return out;
    }

    /** Colluder entries among all routing-table entries of the given (honest, live) nodes. */
    public AdversaryShare shareIn(Collection<? extends NodeHandle> honest) {
        AdversaryShare s = new AdversaryShare(0, 0);
        for (NodeHandle n : honest) {
            if (n.alive()) {
                s = s.plus(AdversaryShare.of(n.routingContacts(), collusion));
            }
        }
        return s;
    }

    @Override
    public void close() {
        lab.onAttackThread(() -> {
            peers.forEach(ScriptedPeer::close);
            return null;
        });
    }
}
