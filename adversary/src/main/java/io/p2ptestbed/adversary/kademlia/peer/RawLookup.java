package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A Kademlia iterative lookup run by a {@link ScriptedPeer} (the attacker's own, so that it can collect
 * write tokens from the nodes closest to an info-hash). Bootstrap addresses whose ids are unknown are
 * queried first; then up to α queries stay in flight to the closest unqueried candidates until the k
 * closest live candidates have answered. Bounded to {@link #MAX_QUERIES} queries.
 */
final class RawLookup {

    static final int MAX_QUERIES = 256;

    private enum State { NEW, IN_FLIGHT, ANSWERED, FAILED }

    private static final class Candidate {
        final Contact contact;
        State state = State.NEW;
        byte[] token;

        Candidate(Contact contact) {
            this.contact = contact;
        }
    }

    private final ScriptedPeer peer;
    private final NodeId target;
    private final LookupKind kind;
    private final int k;
    private final int alpha;
    private final Predicate<Contact> accept;
    private final List<Candidate> candidates = new ArrayList<>();
    private final Set<NodeId> seen = new HashSet<>();
    private final Set<NodeAddress> peers = new LinkedHashSet<>();
    private final CompletableFuture<RawLookupResult> result = new CompletableFuture<>();
    private int inFlight;
    private int queries;
    private boolean finished;

    RawLookup(ScriptedPeer peer, NodeId target, LookupKind kind, int k, int alpha, Predicate<Contact> accept) {
        this.peer = peer;
        this.target = target;
        this.kind = kind;
        this.k = k;
        this.alpha = alpha;
        this.accept = accept;
    }

    CompletableFuture<RawLookupResult> start(List<Contact> known, List<NodeAddress> bootstrap) {
        peer.scheduler().execute(() -> {
            known.forEach(this::offer);
            for (NodeAddress a : bootstrap) {
                inFlight++;
                queries++;
                send(a).whenComplete((o, e) -> {
                    inFlight--;
                    if (o instanceof QueryOutcome.Answered ans) {
                        absorb(ans.response());
                    }
                    step();
                });
            }
            step();
        });
        return result;
    }

    private CompletableFuture<QueryOutcome> send(NodeAddress to) {
        return kind == LookupKind.FIND_NODE ? peer.findNode(to, target) : peer.getPeers(to, target);
    }

    private void offer(Contact c) {
        if (c.id().equals(peer.self()) || !accept.test(c) || !seen.add(c.id())) {
            return;
        }
        int i = 0;
        while (i < candidates.size() && target.compareDistance(candidates.get(i).contact.id(), c.id()) < 0) {
            i++;
        }
        candidates.add(i, new Candidate(c));
    }

    private void absorb(KrpcResponse r) {
        peers.addAll(r.values());
        r.nodes().forEach(this::offer);
    }

    private void step() {
        if (finished) {
            return;
        }
        boolean pendingInTopK = false;
        int live = 0;
        for (int i = 0; i < candidates.size() && live < k; i++) {
            Candidate c = candidates.get(i);
            if (c.state == State.FAILED) {
                continue;
            }
            live++;
            if (c.state == State.NEW && inFlight < alpha && queries < MAX_QUERIES) {
                query(c);
            }
            pendingInTopK |= c.state == State.IN_FLIGHT || (c.state == State.NEW && queries < MAX_QUERIES);
        }
        if (!pendingInTopK && inFlight == 0) {
            finish();
        }
    }

    private void query(Candidate c) {
        c.state = State.IN_FLIGHT;
        inFlight++;
        queries++;
        send(c.contact.address()).whenComplete((o, e) -> {
            inFlight--;
            if (o instanceof QueryOutcome.Answered ans && ans.response().sender().equals(c.contact.id())) {
                c.state = State.ANSWERED;
                c.token = ans.response().token();
                absorb(ans.response());
            } else {
                c.state = State.FAILED;
            }
            step();
        });
    }

    private void finish() {
        finished = true;
        List<Contact> closest = new ArrayList<>(k);
        Map<NodeId, byte[]> tokens = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.state == State.ANSWERED && closest.size() < k) {
                closest.add(c.contact);
                if (c.token != null) {
                    tokens.put(c.contact.id(), c.token);
                }
            }
        }
        result.complete(new RawLookupResult(target, List.copyOf(closest), Map.copyOf(tokens), Set.copyOf(peers), queries));
    }
}
