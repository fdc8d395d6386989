package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.CompactContacts;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * Kademlia's iterative lookup: keep up to α queries in flight to the closest not-yet-queried
 * candidates; finish when the k closest candidates that have not failed have all answered.
 * Runs entirely on the owning node's scheduler thread.
 *
 * <p>Two optional twists, both off for a plain lookup: a node-wide <em>ranking</em> decides which of the
 * not-yet-queried candidates inside the k-closest window goes first (lower rank first, ties by
 * distance), which lets a reputation defence prefer well-reputed contacts without changing when the
 * lookup ends; and a set of <em>claims</em> shared by the paths of a {@link DisjointLookup}: a path
 * skips any candidate another path has already queried, so no node serves two paths.
 */
final class IterativeLookup {

    private enum State { NEW, IN_FLIGHT, ANSWERED, FAILED, CLAIMED_ELSEWHERE }

    private static final class Candidate {
        final Contact contact;
        final Contact referrer;
        final int depth;
        /** XOR distance to the target, kept here so that ordering needs no pointer chasing. */
        final long dHi;
        final long dMid;
        final long dLo;
        State state = State.NEW;

        Candidate(Contact contact, Contact referrer, int depth, NodeId target) {
            this.contact = contact;
            this.referrer = referrer;
            this.depth = depth;
            NodeId id = contact.id();
            this.dHi = id.hi() ^ target.hi();
            this.dMid = id.mid() ^ target.mid();
            this.dLo = (id.lo() ^ target.lo()) & 0xFFFFFFFFL;
        }

        /** Whether this candidate is strictly closer to the target than {@code o}. */
        boolean closerThan(Candidate o) {
            int c = Long.compareUnsigned(dHi, o.dHi);
            if (c != 0) {
                return c < 0;
            }
            c = Long.compareUnsigned(dMid, o.dMid);
            return c != 0 ? c < 0 : dLo < o.dLo;
        }
    }

    private final KademliaNode node;
    private final NodeId target;
    private final LookupKind kind;
    private final int k;
    private final int alpha;
    private final int maxCandidates;
    private final Set<NodeId> claims;
    private final List<Candidate> candidates;
    private final List<Candidate> window;
    private final IdSet seen;
    private final Set<NodeAddress> peers = new LinkedHashSet<>();
    private final Map<NodeId, byte[]> tokens = new HashMap<>();
    private final List<Contact> queried;
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private final long start;
    private int inFlight;
    private int queries;
    private int responses;
    private int failures;
    private int skipped;
    private boolean finished;

    IterativeLookup(KademliaNode node, NodeId target, LookupKind kind, int k, int alpha) {
        this(node, target, kind, k, alpha, null);
    }

    /** @param claims ids already queried by any path of the same disjoint lookup (shared, mutated), or null */
    IterativeLookup(KademliaNode node, NodeId target, LookupKind kind, int k, int alpha, Set<NodeId> claims) {
        this.node = node;
        this.target = target;
        this.kind = kind;
        this.k = k;
        this.alpha = alpha;
        this.maxCandidates = k * 8;
        // Sized for a whole lookup up front (growing them showed up in profiles): at 10k nodes and k = 20 a
        // lookup sees 30-150 distinct ids, rarely over 190 (where a k * 8 set grows).
        this.candidates = new ArrayList<>(maxCandidates + 1);
        this.window = new ArrayList<>(k);
        this.seen = new IdSet(k * 8);
        this.queried = new ArrayList<>(2 * k);
        this.claims = claims;
        this.start = node.scheduler().nowMillis();
    }

    CompletableFuture<LookupResult> start(List<Contact> seeds) {
        for (Contact c : seeds) {
            offer(c, null, 1);
        }
        step();
        return result;
    }

    /** Contacts this lookup queried, in the order it queried them. */
    List<Contact> queried() {
        return queried;
    }

    /** Candidates this lookup skipped because another path of the same disjoint lookup had queried them. */
    int skipped() {
        return skipped;
    }

    private void offer(Contact c, Contact referrer, int depth) {
        if (c.id().equals(node.id()) || !seen.add(c.id()) || !node.acceptsLookupContact(c)) {
            return;
        }
        insert(new Candidate(c, referrer, depth, target));
    }

    /** {@link #offer} for each contact of a reply, making contact objects only for ids not seen before. */
    private void offerAll(List<Contact> nodes, Contact referrer, int depth) {
        if (!(nodes instanceof CompactContacts cc)) {
            for (Contact n : nodes) {
                offer(n, referrer, depth);
            }
            return;
        }
        NodeId self = node.id();
        for (int i = 0; i < cc.size(); i++) {
            long hi = cc.idHi(i);
            long mid = cc.idMid(i);
            int lo = cc.idLo(i);
            if ((hi == self.hi() && mid == self.mid() && lo == self.lo()) || !seen.add(hi, mid, lo)) {
                continue;
            }
            Contact c = new Contact(new NodeId(hi, mid, lo), cc.address(i));
            if (node.acceptsLookupContact(c)) {
                insert(new Candidate(c, referrer, depth, target));
            }
        }
    }

    private void insert(Candidate cand) {
        int lo = 0;
        int hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (candidates.get(mid).closerThan(cand)) {
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
        window.clear();
        boolean pendingInTopK = false;
        for (int i = 0; i < candidates.size() && window.size() < k; i++) {
            Candidate c = candidates.get(i);
            if (c.state == State.NEW && claims != null && claims.contains(c.contact.id())) {
                c.state = State.CLAIMED_ELSEWHERE;
                skipped++;
            }
            if (c.state == State.FAILED || c.state == State.CLAIMED_ELSEWHERE) {
                continue;
            }
            window.add(c);
            if (c.state != State.ANSWERED) {
                pendingInTopK = true;
            }
        }
        ToIntFunction<Contact> ranking = node.lookupRanking();
        if (ranking != null && inFlight < alpha) {
            window.sort(Comparator.comparingInt(c -> ranking.applyAsInt(c.contact)));
        }
        for (int i = 0; i < window.size() && inFlight < alpha; i++) {
            if (window.get(i).state == State.NEW) {
                send(window.get(i));
            }
        }
        if (!pendingInTopK) {
            finish();
        }
    }

    private void send(Candidate c) {
        c.state = State.IN_FLIGHT;
        inFlight++;
        queries++;
        queried.add(c.contact);
        if (claims != null) {
            claims.add(c.contact.id());
        }
        node.sendQuery(c.contact.address(), c.contact.id(), tid -> kind == LookupKind.FIND_NODE
                ? new KrpcQuery.FindNode(tid, node.id(), target)
                : new KrpcQuery.GetPeers(tid, node.id(), target), new ReplyHandler() {
                    @Override
                    public void onResponse(KrpcResponse r) {
                        inFlight--;
                        if (!r.sender().equals(c.contact.id())) {
                            fail(QueryFailure.WRONG_ID);
                            return;
                        }
                        c.state = State.ANSWERED;
                        responses++;
                        if (r.token() != null) {
                            tokens.put(c.contact.id(), r.token());
                        }
                        peers.addAll(r.values());
                        node.lookupReply(c.contact, target, r);
                        offerAll(r.nodes(), c.contact, c.depth + 1);
                        step();
                    }

                    @Override
                    public void onError(KrpcError error) {
                        inFlight--;
                        fail(QueryFailure.ERROR);
                    }

                    @Override
                    public void onTimeout() {
                        inFlight--;
                        fail(QueryFailure.TIMEOUT);
                    }

                    private void fail(QueryFailure why) {
                        c.state = State.FAILED;
                        failures++;
                        node.lookupFailure(c.contact, c.referrer, target, why);
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
        LookupResult r = new LookupResult(target, kind, List.copyOf(closest), Set.copyOf(peers), Map.copyOf(tokens),
                hops, queries, responses, failures, start, node.scheduler().nowMillis());
        node.lookupFinished(r);
        result.complete(r);
    }
}
