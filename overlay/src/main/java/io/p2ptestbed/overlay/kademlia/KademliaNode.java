package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * A Mainline DHT (BEP 5) node: answers ping, find_node, get_peers and announce_peer; runs iterative
 * lookups; keeps a k-bucket routing table. It touches the network only through {@link Transport} and
 * time only through {@link Scheduler}; all randomness comes from the generator it is given.
 * All methods that mutate state run on the scheduler's thread; the public lookup methods hop onto it.
 */
public final class KademliaNode implements io.p2ptestbed.overlay.spi.Ping {

    private static final long MAINTENANCE_PERIOD_MILLIS = 60_000;

    private final NodeId id;
    private volatile NodeConfig config;
    private final Transport transport;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final KrpcCodec codec = new KrpcCodec();
    private final RoutingTable table;
    private final PeerStore peerStore;
    private final TokenManager tokens;
    private final NodeStats stats = new NodeStats();
    /** Queries sent and neither answered nor timed out. */
    private int outstanding;
    /** Contacts being pinged before an eviction (a handful at most): a small array, not a hash set per node. */
    private NodeId[] pinging = NO_IDS;
    private int pingingSize;
    private static final NodeId[] NO_IDS = new NodeId[0];
    private volatile List<InboundGuard> guards = List.of();
    private volatile List<NodeListener> listeners = List.of();
    private static final Predicate<Contact> ACCEPT_ALL = c -> true;
    private volatile Predicate<Contact> lookupFilter = ACCEPT_ALL;
    private volatile List<Predicate<Contact>> lookupFilters = List.of();
    private volatile ToIntFunction<Contact> lookupRanking;
    private final SiblingList siblings;
    private volatile int lookupPaths = 1;
    private volatile int alphaPerPath = 1;
    /**
     * The transaction id of the query with ring sequence number s is {@code (tidBase + s) & 0xFFFF}, so a
     * reply's id leads straight to its ring slot; the ring never holds more than 65536 queries, so ids of
     * queries in the ring are distinct.
     */
    private final int tidBase;
    private long lastTokenRotation;
    /**
     * When bucket b was last refreshed, for b >= refreshedFrom ({@code refreshed[b - refreshedFrom]}); buckets
     * below were never refreshed, so their value is {@code startedAt}. Grown downwards on demand: a node
     * refreshes only the buckets above its nearest neighbour, some 20 of the 160.
     */
    private long[] refreshed = new long[0];
    private int refreshedFrom = NodeId.BITS;
    private long startedAt;
    private long lastSelfLookup;
    private boolean running;
    private Cancellable maintenance;

    /** An outstanding query. Identity matters: a reused transaction id gets a new Pending. */
    private static final class Pending {
        final NodeAddress to;
        final NodeId expectedId;
        /** Dropped once the query is settled, so that an answered query does not keep its lookup alive. */
        ReplyHandler handler;
        final long deadline;
        /** Set when the query is answered or timed out. */
        boolean done;
        /** Position in the deadline ring (send order). */
        long seq;

        Pending(NodeAddress to, NodeId expectedId, ReplyHandler handler, long deadline) {
            this.to = to;
            this.expectedId = expectedId;
            this.handler = handler;
            this.deadline = deadline;
        }

        NodeAddress to() {
            return to;
        }

        NodeId expectedId() {
            return expectedId;
        }

        long deadline() {
            return deadline;
        }
    }

    /**
     * Outstanding queries in send order, as a ring indexed by send sequence number. All queries share one
     * timeout, so deadlines are monotonic and one sweep timer per node replaces a timer per query. A reply
     * finds its query from its transaction id (see {@link #tidBase}) and clears its slot. The head moves past
     * cleared slots, on replies and in the sweep, so the sweep never touches an answered query (cold memory
     * two seconds later) and then waits for the first unanswered query's deadline. Each query still times
     * out at exactly its own deadline.
     */
    private static final int RING_AT_REST = 16;
    private Pending[] ring = new Pending[RING_AT_REST];
    private long[] ringDeadline = new long[RING_AT_REST];
    private long ringHead;
    private long ringTail;
    private boolean sweepScheduled;

    public KademliaNode(NodeId id, NodeConfig config, Transport transport, Scheduler scheduler, RandomGenerator rng) {
        this.id = id;
        this.config = config;
        this.transport = transport;
        this.scheduler = scheduler;
        this.rng = rng;
        this.table = new RoutingTable(id, config, scheduler);
        this.siblings = new SiblingList(id, 2 * config.k());
        this.peerStore = new PeerStore(config.peerTtlMillis());
        this.tokens = new TokenManager(rng);
        this.tidBase = rng.nextInt(1 << 16);
    }

    public void start() {
        running = true;
        lastTokenRotation = scheduler.nowMillis();
        startedAt = lastTokenRotation;
        refreshed = new long[0];
        refreshedFrom = NodeId.BITS;
        lastSelfLookup = lastTokenRotation;
        transport.setHandler(this::onDatagram);
        maintenance = scheduler.schedule(MAINTENANCE_PERIOD_MILLIS + rng.nextLong(MAINTENANCE_PERIOD_MILLIS), this::maintain);
    }

    public void stop() {
        running = false;
        if (maintenance != null) {
            maintenance.cancel();
        }
        transport.close();
    }

    public boolean isRunning() {
        return running;
    }

    // ---------------------------------------------------------------- public operations

    /**
     * Joins the network: find_node(self) to each bootstrap address, a lookup of the own id, then (if
     * configured) one refresh lookup per still-empty bucket farther than the closest neighbour.
     */
    public CompletableFuture<Void> bootstrap(List<NodeAddress> seeds) {
        return bootstrap(seeds, 1);
    }

    /**
     * Like {@link #bootstrap(List)}, but when the routing table is still empty after an attempt (every
     * seed silent, e.g. overloaded), tries again {@link #BOOTSTRAP_RETRY_MILLIS} later, up to
     * {@code attempts} times in all, as real clients keep trying.
     */
    public CompletableFuture<Void> bootstrap(List<NodeAddress> seeds, int attempts) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> bootstrapAttempt(seeds, 1, Math.max(1, attempts), done));
        return done;
    }

    public static final long BOOTSTRAP_RETRY_MILLIS = 5_000;

    private void bootstrapAttempt(List<NodeAddress> seeds, int attempt, int attempts, CompletableFuture<Void> done) {
        if (seeds.isEmpty() || !running) {
            done.complete(null);
            return;
        }
        int[] outstanding = {seeds.size()};
        List<Contact> learnt = new ArrayList<>();
        CompletableFuture<Void> attemptDone = new CompletableFuture<>();
        attemptDone.whenComplete((v, e) -> {
            if (table.size() == 0 && attempt < attempts && running) {
                scheduler.schedule(BOOTSTRAP_RETRY_MILLIS, () -> bootstrapAttempt(seeds, attempt + 1, attempts, done));
            } else {
                done.complete(null);
            }
        });
        for (NodeAddress seed : seeds) {
            sendQuery(seed, null, tid -> new KrpcQuery.FindNode(tid, id, id), new ReplyHandler() {
                public void onResponse(KrpcResponse r) {
                    learnt.addAll(r.nodes());
                    next();
                }

                public void onError(KrpcError e) {
                    next();
                }

                public void onTimeout() {
                    next();
                }

                private void next() {
                    if (--outstanding[0] == 0) {
                        selfLookupThenRefresh(learnt, attemptDone);
                    }
                }
            });
        }
    }

    private void selfLookupThenRefresh(List<Contact> learnt, CompletableFuture<Void> done) {
        List<Contact> seeds = new ArrayList<>(table.closest(id, config.k()));
        seeds.addAll(learnt);
        new IterativeLookup(this, id, LookupKind.FIND_NODE, config.k(), config.alpha()).start(seeds).whenComplete((r, e) -> {
            if (!config.joinRefresh() || table.size() == 0) {
                done.complete(null);
                return;
            }
            int nearest = table.bucketIndex(table.closest(id, 1).get(0).id());
            List<CompletableFuture<LookupResult>> refreshes = new ArrayList<>();
            for (int b = nearest + 1; b < NodeId.BITS; b++) {
                if (table.bucketSize(b) == 0) {
                    refreshes.add(refreshBucket(b));
                }
            }
            CompletableFuture.allOf(refreshes.toArray(CompletableFuture[]::new)).whenComplete((v, x) -> done.complete(null));
        });
    }

    private CompletableFuture<LookupResult> refreshBucket(int bucket) {
        NodeId target = id.randomInBucketOf(NodeId.BITS - 1 - bucket, rng);
        return new IterativeLookup(this, target, LookupKind.FIND_NODE, config.k(), config.alpha())
                .start(table.closest(target, config.k()));
    }

    public CompletableFuture<LookupResult> findNode(NodeId target) {
        return lookup(target, LookupKind.FIND_NODE, config.alpha());
    }

    public CompletableFuture<LookupResult> getPeers(NodeId infoHash) {
        return lookup(infoHash, LookupKind.GET_PEERS, config.alpha());
    }

    /**
     * An iterative lookup with {@code alpha} queries in flight; when disjoint paths are switched on
     * ({@link #setLookupPaths} with d > 1) it is a {@link #disjointLookup} instead and {@code alpha} is ignored.
     */
    public CompletableFuture<LookupResult> lookup(NodeId target, LookupKind kind, int alpha) {
        int d = lookupPaths;
        if (d > 1) {
            return disjointLookupPaths(target, kind, d, alphaPerPath).thenApply(DisjointLookupResult::merged);
        }
        CompletableFuture<LookupResult> f = new CompletableFuture<>();
        scheduler.execute(() -> new IterativeLookup(this, target, kind, config.k(), alpha)
                .start(table.closest(target, config.k()))
                .whenComplete((r, e) -> complete(f, r, e)));
        return f;
    }

    /** S/Kademlia find_node over {@code d} node-disjoint paths with {@code alphaPerPath} queries in flight each. */
    public CompletableFuture<LookupResult> disjointLookup(NodeId target, int d, int alphaPerPath) {
        return disjointLookupPaths(target, LookupKind.FIND_NODE, d, alphaPerPath).thenApply(DisjointLookupResult::merged);
    }

    /** A {@link DisjointLookup} with its per-path detail (which nodes each path queried). */
    public CompletableFuture<DisjointLookupResult> disjointLookupPaths(NodeId target, LookupKind kind, int d,
                                                                       int alphaPerPath) {
        DisjointLookup lookup = new DisjointLookup(this, target, kind, config.k(), d, alphaPerPath);
        CompletableFuture<DisjointLookupResult> f = new CompletableFuture<>();
        scheduler.execute(() -> lookup.start(table.closest(target, config.k())).whenComplete((r, e) -> complete(f, r, e)));
        return f;
    }

    private static <T> void complete(CompletableFuture<T> f, T value, Throwable error) {
        if (error != null) {
            f.completeExceptionally(error);
        } else {
            f.complete(value);
        }
    }

    /** get_peers lookup, then announce_peer to every close node that gave a token. */
    public CompletableFuture<AnnounceResult> announce(NodeId infoHash, int port) {
        CompletableFuture<AnnounceResult> f = new CompletableFuture<>();
        getPeers(infoHash).whenComplete((lookup, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
                return;
            }
            List<Contact> targets = lookup.closest().stream().filter(c -> lookup.tokens().containsKey(c.id())).toList();
            if (targets.isEmpty()) {
                f.complete(new AnnounceResult(lookup, 0, 0));
                return;
            }
            int[] acks = {0};
            int[] left = {targets.size()};
            for (Contact c : targets) {
                byte[] token = lookup.tokens().get(c.id());
                sendQuery(c.address(), c.id(), tid -> new KrpcQuery.AnnouncePeer(tid, id, infoHash, port, token, false),
                        new ReplyHandler() {
                            public void onResponse(KrpcResponse r) {
                                acks[0]++;
                                next();
                            }

                            public void onError(KrpcError err) {
                                next();
                            }

                            public void onTimeout() {
                                next();
                            }

                            private void next() {
                                if (--left[0] == 0) {
                                    f.complete(new AnnounceResult(lookup, targets.size(), acks[0]));
                                }
                            }
                        });
            }
        });
        return f;
    }

    /** Sends a KRPC ping; completes with true when the contact answers (an error reply counts as an answer). */
    @Override
    public CompletableFuture<Boolean> ping(NodeAddress to) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        scheduler.execute(() -> sendQuery(to, null, tid -> new KrpcQuery.Ping(tid, id), new ReplyHandler() {
            public void onResponse(KrpcResponse r) {
                f.complete(true);
            }

            public void onError(KrpcError e) {
                f.complete(true);
            }

            public void onTimeout() {
                f.complete(false);
            }
        }));
        return f;
    }

    // ---------------------------------------------------------------- RPC layer

    /** Sends a query built for a fresh transaction id; exactly one handler callback follows. */
    public void sendQuery(NodeAddress to, NodeId expectedId, Function<byte[], KrpcQuery> build, ReplyHandler handler) {
        if (ringTail - ringHead == ring.length) {
            if (ring.length == MAX_RING) {
                throw new IllegalStateException("no transaction id left: " + MAX_RING + " queries sent since the oldest "
                        + "unanswered one, which times out at " + ringDeadline[(int) ringHead & (ring.length - 1)]);
            }
            growRing();
        }
        int key = (tidBase + (int) ringTail) & 0xFFFF;
        byte[] tid = {(byte) (key >>> 8), (byte) key};
        KrpcQuery q = build.apply(tid);
        Pending p = new Pending(to, expectedId, handler, scheduler.nowMillis() + config.queryTimeoutMillis());
        outstanding++;
        int slot = (int) ringTail & (ring.length - 1);
        p.seq = ringTail++;
        ring[slot] = p;
        ringDeadline[slot] = p.deadline;
        if (!sweepScheduled) {
            sweepScheduled = true;
            scheduler.schedule(config.queryTimeoutMillis(), this::expireQueries);
        }
        stats.queriesOut++;
        send(to, q);
    }

    private void growRing() {
        Pending[] r = new Pending[ring.length * 2];
        long[] d = new long[ring.length * 2];
        for (long s = ringHead; s < ringTail; s++) {
            r[(int) s & (r.length - 1)] = ring[(int) s & (ring.length - 1)];
            d[(int) s & (r.length - 1)] = ringDeadline[(int) s & (ring.length - 1)];
        }
        ring = r;
        ringDeadline = d;
    }

    private void expireQueries() {
        long now = scheduler.nowMillis();
        while (ringHead != ringTail && ringDeadline[(int) ringHead & (ring.length - 1)] <= now) {
            int slot = (int) ringHead++ & (ring.length - 1);
            Pending p = ring[slot];
            ring[slot] = null;
            if (p != null && !p.done) {
                p.done = true;
                outstanding--;
                stats.timeouts++;
                if (p.expectedId() != null) {
                    table.failed(p.expectedId());
                    siblings.failed(p.expectedId(), config.maxFailures());
                    if (!listeners.isEmpty()) {
                        listeners.forEach(l -> l.onTimeout(new Contact(p.expectedId(), p.to())));
                    }
                }
                ReplyHandler h = p.handler;
                p.handler = null;
                h.onTimeout();
            }
        }
        // Answered queries need no timer: skip them, so the next sweep waits for the first unanswered one.
        while (ringHead != ringTail && ring[(int) ringHead & (ring.length - 1)] == null) {
            ringHead++;
        }
        if (ringHead == ringTail) {
            sweepScheduled = false;
            if (ring.length > RING_AT_REST) {
                // Empty: give back what a burst (a join, a bootstrap node's rush) made it grow to. Slots
                // are only ever found through sequence numbers, so the capacity changes nothing else.
                ring = new Pending[RING_AT_REST];
                ringDeadline = new long[RING_AT_REST];
            }
        } else {
            scheduler.schedule(ringDeadline[(int) ringHead & (ring.length - 1)] - now, this::expireQueries);
        }
    }

    /** The ring's capacity: one per transaction id. */
    private static final int MAX_RING = 1 << 16;

    /** The query in the ring whose transaction id is {@code key}, or null. */
    private Pending inRing(int key) {
        long back = ((tidBase + (int) ringTail - key - 1) & 0xFFFF) + 1; // 1..65536
        long seq = ringTail - back;
        if (seq < ringHead) {
            return null;
        }
        Pending p = ring[(int) seq & (ring.length - 1)];
        return p != null && p.seq == seq ? p : null;
    }

    private void send(NodeAddress to, KrpcMessage m) {
        byte[] bytes = codec.encode(m);
        stats.datagramsOut++;
        stats.bytesOut += bytes.length;
        transport.sendOwned(to, bytes); // a fresh array nobody else holds
    }

    void onDatagram(NodeAddress from, byte[] data) {
        if (!running) {
            return;
        }
        stats.datagramsIn++;
        stats.bytesIn += data.length;
        KrpcDecodeResult decoded = codec.decode(data);
        if (decoded instanceof KrpcDecodeResult.Invalid inv) {
            stats.malformedIn++;
            listeners.forEach(l -> l.onMalformed(from));
            if (inv.wasQuery() && inv.tid() != null) {
                stats.errorsSent203++;
                send(from, new KrpcError(inv.tid(), KrpcError.PROTOCOL, "invalid query: " + inv.reason()));
            }
            return;
        }
        if (decoded instanceof KrpcDecodeResult.UnknownMethod um) {
            stats.errorsSent204++;
            send(from, new KrpcError(um.tid(), KrpcError.METHOD_UNKNOWN, "method unknown: " + um.method()));
            return;
        }
        KrpcMessage m = ((KrpcDecodeResult.Decoded) decoded).message();
        if (m instanceof KrpcQuery q) {
            onQuery(from, q);
        } else {
            onReply(from, m);
        }
    }

    private void onReply(NodeAddress from, KrpcMessage m) {
        int key = m.tid().length == 2 ? ((m.tid()[0] & 0xFF) << 8) | (m.tid()[1] & 0xFF) : -1;
        Pending p = key >= 0 ? inRing(key) : null;
        if (p == null || !p.to().equals(from)) {
            stats.unexpectedResponses++;
            return;
        }
        outstanding--;
        p.done = true;
        ring[(int) p.seq & (ring.length - 1)] = null;
        while (ringHead != ringTail && ring[(int) ringHead & (ring.length - 1)] == null) {
            ringHead++; // answered queries at the head need no timeout
        }
        ReplyHandler handler = p.handler;
        p.handler = null;
        if (m instanceof KrpcResponse r) {
            stats.responsesIn++;
            Contact sender = new Contact(r.sender(), from);
            if (p.expectedId() == null || p.expectedId().equals(r.sender())) {
                learn(sender);
            }
            if (!listeners.isEmpty()) {
                listeners.forEach(l -> l.onResponse(sender, r));
            }
            handler.onResponse(r);
        } else {
            stats.errorsIn++;
            if (p.expectedId() != null && !listeners.isEmpty()) {
                listeners.forEach(l -> l.onError(new Contact(p.expectedId(), from), (KrpcError) m));
            }
            handler.onError((KrpcError) m);
        }
    }

    private void onQuery(NodeAddress from, KrpcQuery q) {
        stats.queriesIn++;
        long now = scheduler.nowMillis();
        for (InboundGuard g : guards) {
            InboundGuard.Verdict v = g.admit(from, q, now);
            if (v == InboundGuard.Verdict.DROP) {
                stats.queriesDropped++;
                return;
            }
            if (v == InboundGuard.Verdict.REJECT_202) {
                stats.queriesRejected++;
                send(from, new KrpcError(q.tid(), KrpcError.SERVER, "rate limited"));
                return;
            }
        }
        stats.queriesServed++;
        if (q instanceof KrpcQuery.Ping) {
            send(from, KrpcResponse.pong(q.tid(), id, from));
        } else if (q instanceof KrpcQuery.FindNode f) {
            send(from, new KrpcResponse(q.tid(), id, table.closest(f.target(), config.k(), false), null, null, from));
        } else if (q instanceof KrpcQuery.GetPeers g) {
            List<NodeAddress> values = peerStore.get(g.infoHash(), config.maxPeersPerReply(), now);
            List<Contact> nodes = values.isEmpty() ? table.closest(g.infoHash(), config.k(), false) : List.of();
            send(from, new KrpcResponse(q.tid(), id, nodes, values, tokens.tokenFor(from), from));
        } else if (q instanceof KrpcQuery.AnnouncePeer a) {
            if (!tokens.isValid(a.token(), from)) {
                stats.badTokens++;
                send(from, new KrpcError(q.tid(), KrpcError.PROTOCOL, "bad token"));
                return;
            }
            peerStore.announce(a.infoHash(), new NodeAddress(from.ip(), a.impliedPort() ? from.port() : a.port()), now);
            stats.announcesStored++;
            send(from, KrpcResponse.pong(q.tid(), id, from));
        }
        learn(new Contact(q.sender(), from));
    }

    /** Offers a contact that just talked to us to the routing table, running ping-before-evict. */
    private void learn(Contact c) {
        InsertOutcome outcome = table.insert(c);
        if (!(outcome instanceof InsertOutcome.Rejected)) {
            siblings.offer(c);
        }
        if (outcome instanceof InsertOutcome.Added a) {
            stats.contactsAdded++;
            if (a.replaced() != null) {
                stats.evictions++;
            }
        } else if (outcome instanceof InsertOutcome.Rejected r) {
            if (!r.reason().equals("self")) {
                stats.rejected(r.reason());
            }
        } else if (outcome instanceof InsertOutcome.BucketFull full && config.pingBeforeEvict()) {
            pingBeforeEvict(full.evictionCandidate());
        }
        if (!listeners.isEmpty()) {
            listeners.forEach(l -> l.onInsert(c, outcome));
        }
    }

    /** Adds {@code id} to the ids being pinged; false if it is there already. */
    private boolean pingingAdd(NodeId id) {
        for (int i = 0; i < pingingSize; i++) {
            if (pinging[i].equals(id)) {
                return false;
            }
        }
        if (pingingSize == pinging.length) {
            pinging = java.util.Arrays.copyOf(pinging, Math.max(4, pingingSize * 2));
        }
        pinging[pingingSize++] = id;
        return true;
    }

    private void pingingRemove(NodeId id) {
        for (int i = 0; i < pingingSize; i++) {
            if (pinging[i].equals(id)) {
                pinging[i] = pinging[--pingingSize];
                pinging[pingingSize] = null;
                if (pingingSize == 0) {
                    pinging = NO_IDS;
                }
                return;
            }
        }
    }

    private void pingBeforeEvict(Contact candidate) {
        boolean questionable = table.isQuestionable(candidate, scheduler.nowMillis(), config.refreshIntervalMillis());
        if (!questionable || !pingingAdd(candidate.id())) {
            return;
        }
        sendQuery(candidate.address(), candidate.id(), tid -> new KrpcQuery.Ping(tid, id), new ReplyHandler() {
            public void onResponse(KrpcResponse r) {
                pingingRemove(candidate.id());
            }

            public void onError(KrpcError err) {
                pingingRemove(candidate.id());
            }

            public void onTimeout() {
                pingingRemove(candidate.id());
                if (table.evict(candidate.id())) {
                    stats.evictions++;
                }
                siblings.remove(candidate.id());
            }
        });
    }

    private void maintain() {
        if (!running) {
            return;
        }
        long now = scheduler.nowMillis();
        if (now - lastTokenRotation >= config.tokenRotationMillis()) {
            tokens.rotate();
            lastTokenRotation = now;
        }
        peerStore.expire(now);
        // Every bucket range above the nearest neighbour's is kept fresh, empty ones included: a node that
        // joined after us and never contacted us is found only this way (BEP 5 refreshes by range too).
        if (now - lastSelfLookup >= config.refreshIntervalMillis()) {
            // A lookup of the own id keeps the nearest neighbourhood (and the sibling list) exact.
            lastSelfLookup = now;
            new IterativeLookup(this, id, LookupKind.FIND_NODE, config.k(), config.alpha()).start(table.closest(id, config.k()));
        }
        int nearest = table.size() == 0 ? NodeId.BITS : table.bucketIndex(table.closest(id, 1).get(0).id());
        for (int b = Math.min(nearest, NodeId.BITS - 1); b < NodeId.BITS; b++) {
            long last = Math.max(table.bucketLastChanged(b), b >= refreshedFrom ? refreshed[b - refreshedFrom] : startedAt);
            if (now - last >= config.refreshIntervalMillis()) {
                setRefreshed(b, now);
                refreshBucket(b);
            }
        }
        maintenance = scheduler.schedule(MAINTENANCE_PERIOD_MILLIS, this::maintain);
    }

    private void setRefreshed(int bucket, long when) {
        if (bucket < refreshedFrom) {
            long[] grown = new long[NodeId.BITS - bucket];
            java.util.Arrays.fill(grown, 0, refreshedFrom - bucket, startedAt);
            System.arraycopy(refreshed, 0, grown, refreshedFrom - bucket, refreshed.length);
            refreshed = grown;
            refreshedFrom = bucket;
        }
        refreshed[bucket - refreshedFrom] = when;
    }

    // ---------------------------------------------------------------- hooks and accessors

    /** Whether any lookup filter is installed (otherwise every contact is accepted). */
    boolean filtersLookupContacts() {
        return lookupFilter != ACCEPT_ALL || !lookupFilters.isEmpty();
    }

    boolean acceptsLookupContact(Contact c) {
        if (!lookupFilter.test(c)) {
            return false;
        }
        for (Predicate<Contact> f : lookupFilters) {
            if (!f.test(c)) {
                return false;
            }
        }
        return true;
    }

    ToIntFunction<Contact> lookupRanking() {
        return lookupRanking;
    }

    void lookupReply(Contact from, NodeId target, KrpcResponse r) {
        if (!listeners.isEmpty()) {
            listeners.forEach(l -> l.onLookupReply(from, target, r));
        }
    }

    void lookupFailure(Contact queried, Contact referrer, NodeId target, QueryFailure why) {
        if (!listeners.isEmpty()) {
            listeners.forEach(l -> l.onLookupFailure(queried, referrer, target, why));
        }
    }

    void lookupFinished(LookupResult r) {
        if (!listeners.isEmpty()) {
            listeners.forEach(l -> l.onLookupFinished(r));
        }
    }

    /** Replaces the base lookup filter (default: accept all); filters added with {@link #addLookupFilter} also apply. */
    public void setLookupFilter(Predicate<Contact> filter) {
        this.lookupFilter = filter;
    }

    /** Adds a filter a contact must pass to become a lookup candidate (defences: bans, unverifiable ids). */
    public void addLookupFilter(Predicate<Contact> filter) {
        synchronized (this) {
            lookupFilters = CowList.plus(lookupFilters, filter);
        }
    }

    public void removeLookupFilter(Predicate<Contact> filter) {
        synchronized (this) {
            lookupFilters = CowList.minus(lookupFilters, filter);
        }
    }

    /**
     * Sets which not-yet-queried candidate among the k closest a lookup queries first: lowest rank
     * first, ties by distance. Null (the default) means closest first, plain Kademlia. The lookup's
     * termination rule does not change.
     */
    public void setLookupRanking(ToIntFunction<Contact> ranking) {
        this.lookupRanking = ranking;
    }

    /**
     * Makes {@link #lookup} (hence {@link #findNode} and {@link #getPeers}) use {@code d} disjoint paths with
     * {@code alphaPerPath} queries each; d = 1 (the default) restores the plain iterative lookup.
     * Join and bucket-refresh lookups stay plain.
     */
    public void setLookupPaths(int d, int alphaPerPath) {
        if (d < 1 || d > 64 || alphaPerPath < 1 || alphaPerPath > 32) {
            throw new IllegalArgumentException("need 1 <= d <= 64 and 1 <= alphaPerPath <= 32, got " + d + ", " + alphaPerPath);
        }
        this.alphaPerPath = alphaPerPath;
        this.lookupPaths = d;
    }

    public int lookupPaths() {
        return lookupPaths;
    }

    public int alphaPerPath() {
        return alphaPerPath;
    }

    /**
     * Switches Kademlia's eviction rules at run time (both on: ping-before-evict and keep live old
     * contacts; both off: the newest contact replaces the oldest). {@link #config()} reflects the change.
     */
    public void setEvictionRules(boolean pingBeforeEvict, boolean preferOldContacts) {
        this.config = config.withEvictionRules(pingBeforeEvict, preferOldContacts);
        table.setConfig(config);
    }

    /** Removes a contact from the routing table (promoting a replacement) and the sibling list. */
    public boolean evict(NodeId contact) {
        boolean inTable = table.evict(contact);
        if (inTable) {
            stats.evictions++;
        }
        return siblings.remove(contact) || inTable;
    }

    /** S/Kademlia's sibling list: the closest live contacts to this node's own id, apart from the buckets. */
    public SiblingList siblingList() {
        return siblings;
    }

    /** The sibling list's contacts, closest to this node's id first. */
    public List<Contact> siblings() {
        return siblings.contacts();
    }

    public void setSiblingListSize(int s) {
        siblings.setCapacity(s);
    }

    public void removeListener(NodeListener l) {
        synchronized (this) {
            listeners = CowList.minus(listeners, l);
        }
    }

    public void addGuard(InboundGuard g) {
        synchronized (this) {
            guards = CowList.plus(guards, g);
        }
    }

    public void removeGuard(InboundGuard g) {
        synchronized (this) {
            guards = CowList.minus(guards, g);
        }
    }

    public void addListener(NodeListener l) {
        synchronized (this) {
            listeners = CowList.plus(listeners, l);
        }
    }

    public NodeId id() {
        return id;
    }

    public NodeAddress address() {
        return transport.localAddress();
    }

    public Contact contact() {
        return new Contact(id, transport.localAddress());
    }

    public NodeConfig config() {
        return config;
    }

    public RoutingTable table() {
        return table;
    }

    public PeerStore peerStore() {
        return peerStore;
    }

    public NodeStats stats() {
        return stats;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public RandomGenerator rng() {
        return rng;
    }

    public int pendingQueries() {
        return outstanding;
    }
}
