package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.sybil.SybilIdentity;
import io.p2ptestbed.adversary.sybil.SybilSet;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A set of colluding {@link ScriptedPeer}s launched from a {@link SybilSet}, sharing one {@link Collusion}. */
public final class SybilSwarm implements AutoCloseable {

    private final List<ScriptedPeer> peers;
    private final Collusion collusion;
    private final AttackContext ctx;

    private SybilSwarm(List<ScriptedPeer> peers, Collusion collusion, AttackContext ctx) {
        this.peers = List.copyOf(peers);
        this.collusion = collusion;
        this.ctx = ctx;
    }

    /** Opens and starts one peer per identity, each with its own child random stream. */
    public static SybilSwarm launch(SybilSet set, Behaviour behaviour, AttackContext ctx) {
        return launch(set, behaviour, ctx, new Collusion());
    }

    public static SybilSwarm launch(SybilSet set, Behaviour behaviour, AttackContext ctx, Collusion collusion) {
        List<ScriptedPeer> peers = new ArrayList<>(set.size());
        try {
            for (SybilIdentity id : set.identities()) {
                peers.add(new ScriptedPeer(id, behaviour, collusion, ctx.child()));
            }
        } catch (RuntimeException e) {
            peers.forEach(ScriptedPeer::close);
            throw e;
        }
        peers.forEach(ScriptedPeer::start);
        return new SybilSwarm(peers, collusion, ctx);
    }

    public List<ScriptedPeer> peers() {
        return peers;
    }

    public List<Contact> contacts() {
        return peers.stream().map(ScriptedPeer::contact).toList();
    }

    public Collusion collusion() {
        return collusion;
    }

    public AttackContext context() {
        return ctx;
    }

    public int size() {
        return peers.size();
    }

    public void setBehaviour(Behaviour b) {
        peers.forEach(p -> p.setBehaviour(b));
    }

    /** Every peer's replies list up to {@code k} contacts ({@link ScriptedPeer#setReplySize}). */
    public void setReplySize(int k) {
        peers.forEach(p -> p.setReplySize(k));
    }

    /**
     * Every peer looks up its own id from {@code seeds}, one after another {@code spacingMillis} apart,
     * so the network inserts them; completes when all lookups have finished.
     */
    public CompletableFuture<Void> join(List<NodeAddress> seeds, long spacingMillis) {
        List<CompletableFuture<RawLookupResult>> all = new ArrayList<>(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            ScriptedPeer p = peers.get(i);
            CompletableFuture<RawLookupResult> f = new CompletableFuture<>();
            ctx.scheduler().schedule(i * spacingMillis, () -> p.join(seeds).whenComplete((r, e) -> f.complete(r)));
            all.add(f);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    public PeerStats stats() {
        return peers.stream().map(ScriptedPeer::stats).reduce(PeerStats.ZERO, PeerStats::plus);
    }

    @Override
    public void close() {
        peers.forEach(ScriptedPeer::close);
    }
}
