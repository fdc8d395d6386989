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

    // Candidate states, kept in a byte array beside the candidates so that choosing the next queries walks
    // one small array instead of up to k * 8 candidate objects that are cold between replies.
    private static final byte NEW = 0;
    private static final byte IN_FLIGHT = 1;
    private static final byte ANSWERED = 2;
    private static final byte FAILED = 3;
    private static final byte CLAIMED_ELSEWHERE = 4;

    private static final class Candidate {
        final Contact contact;
        final Contact referrer;
        final int depth;
        /** XOR distance to the target, kept here so that ordering needs no pointer chasing. */
        final long dHi;
        final long dMid;
        final long dLo;

        Candidate(Contact contact, Contact referrer, int depth, NodeId target) {
            this(contact, referrer, depth, contact.id().hi() ^ target.hi(), contact.id().mid() ^ target.mid(),
                    (contact.id().lo() ^ target.lo()) & 0xFFFFFFFFL);
        }

        Candidate(Contact contact, Contact referrer, int depth, long dHi, long dMid, long dLo) {
            this.contact = contact;
            this.referrer = referrer;
            this.depth = depth;
            this.dHi = dHi;
            this.dMid = dMid;
            this.dLo = dLo;
        }
    }

    private final KademliaNode node;
    private final NodeId target;
    /**
     * The target's and the own id's words, copied here: the lookup object is read on every reply anyway,
     * while the two id objects are cold by then.
     */
    private final long tHi;
    private final long tMid;
    private final int tLo;
    private final long sHi;
    private final long sMid;
    private final int sLo;
    private final LookupKind kind;
    private final int k;
    private final int alpha;
    private final int maxCandidates;
    private final Set<NodeId> claims;
    /** Candidates closest first: [0, size). States and distance words alongside. */
    private Candidate[] candidates;
    private byte[] states;
    private long[] dHis;
    private long[] dMids;
    private long[] dLos;
    private int size;
    /** Indexes into the candidates of the current window. */
    private final int[] window;
    /**
     * Ids offered so far, kept only when the node filters lookup contacts. Without filters the candidate
     * list itself is the record: a contact is either still in it (found by its distance, which is unique
     * to its id) or was left out or trimmed because at least k * 8 closer candidates were in the list,
     * which stays true for the rest of the lookup, so offering it again changes nothing either way. With
     * filters, a rejected contact must not be asked about again (filters count what they reject).
     */
    private final IdSet seen;
    private final Set<NodeAddress> peers = new LinkedHashSet<>();
    private final Map<NodeId, byte[]> tokens = new HashMap<>();
    /** The contacts queried, in order; kept only for a path of a disjoint lookup (null otherwise). */
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
        this.tHi = target.hi();
        this.tMid = target.mid();
        this.tLo = target.lo();
        NodeId self = node.id();
        this.sHi = self.hi();
        this.sMid = self.mid();
        this.sLo = self.lo();
        this.kind = kind;
        this.k = k;
        this.alpha = alpha;
        this.maxCandidates = k * 8;
        // Sized for a whole lookup up front (growing them showed up in profiles): at 10k nodes and k = 20 a
        // lookup sees 30-150 distinct ids, rarely over 190 (where a k * 8 set grows).
        this.candidates = new Candidate[maxCandidates + 1];
        this.states = new byte[maxCandidates + 1];
        this.dHis = new long[maxCandidates + 1];
        this.dMids = new long[maxCandidates + 1];
        this.dLos = new long[maxCandidates + 1];
        this.window = new int[k];
        this.seen = node.filtersLookupContacts() ? new IdSet(k * 8) : null;
        this.queried = claims == null ? null : new ArrayList<>(2 * k);
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

    /** Contacts this path of a disjoint lookup queried, in the order it queried them. */
    List<Contact> queried() {
        if (queried == null) {
            throw new IllegalStateException("only paths of a disjoint lookup record what they queried");
        }
        return queried;
    }

    /** Candidates this lookup skipped because another path of the same disjoint lookup had queried them. */
    int skipped() {
        return skipped;
    }

    private void offer(Contact c, Contact referrer, int depth) {
        NodeId id = c.id();
        if (id.equals(node.id())) {
            return;
        }
        if (seen == null) {
            int at = position(id.hi() ^ target.hi(), id.mid() ^ target.mid(), (id.lo() ^ target.lo()) & 0xFFFFFFFFL);
            if (at < 0 || !node.acceptsLookupContact(c)) {
                return;
            }
            insertAt(at, new Candidate(c, referrer, depth, target));
            return;
        }
        if (!seen.add(id) || !node.acceptsLookupContact(c)) {
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
        for (int i = 0, n = cc.size(); i < n; i++) {
            long hi = cc.idHi(i);
            long mid = cc.idMid(i);
            int lo = cc.idLo(i);
            if (hi == sHi && mid == sMid && lo == sLo) {
                continue;
            }
            if (seen == null) {
                long dHi = hi ^ tHi;
                long dMid = mid ^ tMid;
                long dLo = (lo ^ tLo) & 0xFFFFFFFFL;
                int at = position(dHi, dMid, dLo);
                if (at >= 0) {
                    Contact c = new Contact(new NodeId(hi, mid, lo), cc.address(i));
                    if (node.acceptsLookupContact(c)) {
                        insertAt(at, new Candidate(c, referrer, depth, dHi, dMid, dLo));
                    }
                }
                continue;
            }
            if (!seen.add(hi, mid, lo)) {
                continue;
            }
            Contact c = new Contact(new NodeId(hi, mid, lo), cc.address(i));
            if (node.acceptsLookupContact(c)) {
                insert(new Candidate(c, referrer, depth, target));
            }
        }
    }

    /**
     * Where a candidate at this distance from the target goes in the list, or -1 when it is already in the
     * list or would fall beyond the first k * 8.
     */
    private int position(long dHi, long dMid, long dLo) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(dHis[mid], dHi);
            if (c == 0) {
                c = Long.compareUnsigned(dMids[mid], dMid);
                if (c == 0) {
                    c = Long.compare(dLos[mid], dLo);
                    if (c == 0) {
                        return -1;
                    }
                }
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo >= maxCandidates ? -1 : lo;
    }

    private void insert(Candidate cand) {
        int at = position(cand.dHi, cand.dMid, cand.dLo);
        if (at >= 0) {
            insertAt(at, cand);
        }
    }

    private void insertAt(int lo, Candidate cand) {
        if (size == candidates.length) {
            int grown = size + Math.max(4, alpha);
            candidates = java.util.Arrays.copyOf(candidates, grown);
            states = java.util.Arrays.copyOf(states, grown);
            dHis = java.util.Arrays.copyOf(dHis, grown);
            dMids = java.util.Arrays.copyOf(dMids, grown);
            dLos = java.util.Arrays.copyOf(dLos, grown);
        }
        System.arraycopy(candidates, lo, candidates, lo + 1, size - lo);
        System.arraycopy(states, lo, states, lo + 1, size - lo);
        System.arraycopy(dHis, lo, dHis, lo + 1, size - lo);
        System.arraycopy(dMids, lo, dMids, lo + 1, size - lo);
        System.arraycopy(dLos, lo, dLos, lo + 1, size - lo);
        candidates[lo] = cand;
        states[lo] = NEW;
        dHis[lo] = cand.dHi;
        dMids[lo] = cand.dMid;
        dLos[lo] = cand.dLo;
        size++;
        // Beyond k * 8 the farthest candidate goes, unless a query to it is in flight (then the list
        // stays one longer).
        if (size > maxCandidates && states[size - 1] != IN_FLIGHT) {
            candidates[--size] = null;
        }
    }

    /** Records the state of candidate {@code c} (always in the list while a query to it is in flight). */
    private void setState(Candidate c, byte state) {
        for (int i = 0; i < size; i++) {
            if (candidates[i] == c) {
                states[i] = state;
                return;
            }
        }
    }

    private void step() {
        if (finished) {
            return;
        }
        int w = 0;
        boolean pendingInTopK = false;
        for (int i = 0; i < size && w < k; i++) {
            byte st = states[i];
            if (st == NEW && claims != null && claims.contains(candidates[i].contact.id())) {
                st = CLAIMED_ELSEWHERE;
                states[i] = st;
                skipped++;
            }
            if (st == FAILED || st == CLAIMED_ELSEWHERE) {
                continue;
            }
            window[w++] = i;
            if (st != ANSWERED) {
                pendingInTopK = true;
            }
        }
        ToIntFunction<Contact> ranking = node.lookupRanking();
        if (ranking != null && inFlight < alpha) {
            List<Integer> ranked = new ArrayList<>(w);
            for (int i = 0; i < w; i++) {
                ranked.add(window[i]);
            }
            ranked.sort(Comparator.comparingInt(i -> ranking.applyAsInt(candidates[i].contact)));
            for (int i = 0; i < w; i++) {
                window[i] = ranked.get(i);
            }
        }
        // Sending never calls back synchronously, so the indexes stay valid through this loop.
        for (int i = 0; i < w && inFlight < alpha; i++) {
            if (states[window[i]] == NEW) {
                send(window[i]);
            }
        }
        if (!pendingInTopK) {
            finish();
        }
    }

    private void send(int index) {
        Candidate c = candidates[index];
        states[index] = IN_FLIGHT;
        inFlight++;
        queries++;
        if (claims != null) {
            queried.add(c.contact);
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
                        setState(c, ANSWERED);
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
                        setState(c, FAILED);
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
        for (int i = 0; i < size; i++) {
            Candidate c = candidates[i];
            if (states[i] == ANSWERED) {
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
