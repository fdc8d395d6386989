package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.collusion.CollusionSupport;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The colluders among a Kademlia network's own nodes, shared by their {@link CollusionTransport}s: which
 * addresses collude, what they answer ({@link ColluderStrategy}), from when ({@link ColluderPresence}),
 * and the {@link Collusion} through which they know each other and share what they handed out. Colluders
 * are ordinary nodes (they join, keep routing tables, answer pings honestly); only their answers to
 * find_node and get_peers are rewritten. The set may grow (a sweep over fractions) but never shrinks.
 * Synchronized: every node's thread may ask.
 */
public final class CollusionPlan {

    /** What Kademlia colluders support: every strategy, from the start or turning later. */
    public static final CollusionSupport SUPPORT = new CollusionSupport("Kademlia", EnumSet.allOf(ColluderStrategy.class), true,
            "find_node and get_peers replies; colluders otherwise run the honest protocol");

    private final Collusion collusion = new Collusion();
    private final Set<NodeAddress> colluding = new HashSet<>();
    private final int k;
    private volatile ColluderStrategy strategy;
    private volatile ColluderPresence presence;
    private long lies;

    /** @param k contacts per reply, as honest nodes list (the network's k) */
    public CollusionPlan(ColluderStrategy strategy, ColluderPresence presence, int k) {
        SUPPORT.require(strategy, presence);
        if (k < 1 || k > 64) {
            throw new IllegalArgumentException("contacts per colluder reply must be in [1, 64], got " + k);
        }
        this.strategy = strategy;
        this.presence = presence;
        this.k = k;
    }

    /** Makes the node at {@code address} a colluder (its id is learnt from its first message). */
    public synchronized void collude(NodeAddress address) {
        colluding.add(address);
    }

    public synchronized boolean isColluder(NodeAddress address) {
        return colluding.contains(address);
    }

    /** Colluders whose id is known to the collusion (they have sent a message). */
    public Collusion collusion() {
        return collusion;
    }

    public synchronized int size() {
        return colluding.size();
    }

    public void setStrategy(ColluderStrategy s) {
        SUPPORT.require(s, presence);
        strategy = s;
    }

    public ColluderStrategy strategy() {
        return strategy;
    }

    public void setPresence(ColluderPresence p) {
        presence = p;
    }

    public ColluderPresence presence() {
        return presence;
    }

    public int k() {
        return k;
    }

    /** Whether this contact is a colluder's (by id or address). */
    public boolean isAdversarial(Contact c) {
        return isColluder(c.address()) || collusion.isAdversarial(c);
    }

    /** Replies rewritten or dropped so far, over all colluders. */
    public synchronized long lies() {
        return lies;
    }

    synchronized void lied() {
        lies++;
    }

    void learn(NodeId id, NodeAddress address) {
        if (!collusion.isMember(id)) {
            collusion.register(new Contact(id, address));
        }
    }
}
