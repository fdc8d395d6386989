package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Kademlia's iterative lookup: keep up to α queries in flight to the closest not-yet-queried
 * candidates; finish when the k closest candidates that have not failed have all answered.
 * Runs entirely on the owning node's scheduler thread.
 */
final class IterativeLookup {

    private enum State { NEW, IN_FLIGHT, ANSWERED, FAILED }

    private static final class Candidate {
        final Contact contact;
        final int depth;
        State state = State.NEW;

        Candidate(Contact contact, int depth) {
            this.contact = contact;
            this.depth = depth;
        }
    }

    private final KademliaNode node;
    private final NodeId target;
    private final LookupKind kind;
    private final int k;
    private final int alpha;
    private final int maxCandidates;
    private final List<Candidate> candidates = new ArrayList<>();
    private final Set<NodeId> seen = new HashSet<>();
    private final Set<NodeAddress> peers = new LinkedHashSet<>();
    private final Map<NodeId, byte[]> tokens = new HashMap<>();
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private final long start;
    private int inFlight;
    private int queries;
    private int responses;
    private int failures;
    private boolean finished;

    IterativeLookup(KademliaNode node, NodeId target, LookupKind kind, int k, int alpha) {
        this.node = node;
        this.target = target;
        this.kind = kind;
        this.k = k;
        this.alpha = alpha;
        this.maxCandidates = k * 8;
        this.start = node.scheduler().nowMillis();
    }

    CompletableFuture<LookupResult> start(List<Contact> seeds) {
        for (Contact c : seeds) {
            offer(c, 1);
        }
        step();
        return result;
    }

    private void offer(Contact c, int depth) {
        if (c.id().equals(node.id()) || !seen.add(c.id()) || !node.acceptsLookupContact(c)) {
            return;
        }
        Candidate cand = new Candidate(c, depth);
        int lo = 0;
        int hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (target.compareDistance(candidates.get(mid).contact.id(), c.id()) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo >= maxCandidates) {
            return;
        }
        candidates.add(lo, cand);
        if (candidates.size() > maxCandidates) {
            Candidate dropped = candidates.remove(candidates.size() - 1);
            if (dropped.state == State.IN_FLIGHT) {
                candidates.add(dropped);
            }
        }
    }

    private void step() {
        if (finished) {
            return;
        }
        int live = 0;
        boolean pendingInTopK = false;
        for (int i = 0; i < candidates.size() && live < k; i++) {
            Candidate c = candidates.get(i);
            if (c.state == State.FAILED) {
                continue;
            }
            live++;
            if (c.state == State.NEW && inFlight < alpha) {
                send(c);
            }
            if (c.state != State.ANSWERED) {
                pendingInTopK = true;
            }
        }
        if (!pendingInTopK && !finished) {
            finish();
        }
    }

    private void send(Candidate c) {
        c.state = State.IN_FLIGHT;
        inFlight++;
        queries++;
        node.sendQuery(c.contact.address(), c.contact.id(), tid -> kind == LookupKind.FIND_NODE
                ? new KrpcQuery.FindNode(tid, node.id(), target)
                : new KrpcQuery.GetPeers(tid, node.id(), target), new ReplyHandler() {
                    @Override
                    public void onResponse(KrpcResponse r) {
                        inFlight--;
                        if (!r.sender().equals(c.contact.id())) {
                            c.state = State.FAILED;
                            failures++;
                            step();
                            return;
                        }
                        c.state = State.ANSWERED;
                        responses++;
                        if (r.token() != null) {
                            tokens.put(c.contact.id(), r.token());
                        }
                        peers.addAll(r.values());
                        for (Contact n : r.nodes()) {
                            offer(n, c.depth + 1);
                        }
                        step();
                    }

                    @Override
                    public void onError(KrpcError error) {
                        fail();
                    }

                    @Override
                    public void onTimeout() {
                        fail();
                    }

                    private void fail() {
                        inFlight--;
                        c.state = State.FAILED;
                        failures++;
                        step();
                    }
                });
    }

    private void finish() {
        finished = true;
        List<Contact> closest = new ArrayList<>(k);
        int hops = 0;
        for (Candidate c : candidates) {
            if (c.state == State.ANSWERED) {
                hops = Math.max(hops, c.depth);
                if (closest.size() < k) {
                    closest.add(c.contact);
                }
            }
        }
        tokens.keySet().retainAll(closest.stream().map(Contact::id).toList());
        result.complete(new LookupResult(target, kind, List.copyOf(closest), Set.copyOf(peers), Map.copyOf(tokens),
                hops, queries, responses, failures, start, node.scheduler().nowMillis()));
    }
}
