package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.sybil.SybilIdentity;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupKind;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A Sybil: a raw BEP 5 peer with no routing table of its own, whose answers come from a pluggable
 * {@link Behaviour} and whose queries are scripted by an attack. Speaks only through the real
 * {@link KrpcCodec} and a {@link Transport}, so it runs on every runtime. All state is touched on the
 * attack's scheduler thread: incoming datagrams are handed over with {@link Scheduler#execute}.
 */
public final class ScriptedPeer implements PeerContext, AutoCloseable {

    public static final long QUERY_TIMEOUT_MILLIS = 2_000;
    public static final int K = 8;
    private static final int MAX_STORED_KEYS = 1_000;
    private static final int MAX_PEERS_PER_KEY = 100;

    private record Pending(NodeAddress to, int requestBytes, CompletableFuture<QueryOutcome> result, Cancellable timeout) {}

    private final Contact contact;
    private final Transport transport;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final Collusion collusion;
    private final KrpcCodec codec = new KrpcCodec();
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final LinkedHashMap<NodeId, LinkedHashSet<NodeAddress>> store = new LinkedHashMap<>();
    private final long tokenSecret;
    private volatile Behaviour behaviour;
    private volatile int replySize = K;
    private volatile BiConsumer<NodeAddress, KrpcQuery> queryObserver = (a, q) -> {};
    private int nextTid;
    private boolean running;
    private long queriesIn;
    private long repliesSent;
    private long silentDrops;
    private long queriesOut;
    private long answersIn;
    private long timeouts;
    private long bytesOut;
    private long bytesIn;

    /** Opens the peer's transport at the identity's address (checked by the context's lab guard). */
    public ScriptedPeer(SybilIdentity identity, Behaviour behaviour, Collusion collusion, AttackContext ctx) {
        this.contact = identity.contact();
        this.behaviour = behaviour;
        this.collusion = collusion;
        this.scheduler = ctx.scheduler();
        this.rng = ctx.rng();
        this.tokenSecret = rng.nextLong();
        this.nextTid = rng.nextInt(1 << 16);
        this.transport = ctx.open(identity.address());
    }

    /** Starts answering and registers with the collusion. */
    public void start() {
        running = true;
        collusion.register(contact);
        transport.setHandler((from, data) -> scheduler.execute(() -> onDatagram(from, data)));
    }

    @Override
    public void close() {
        running = false;
        collusion.unregister(contact);
        pending.values().forEach(p -> p.timeout().cancel());
        pending.clear();
        transport.close();
    }

    public boolean isRunning() {
        return running;
    }

    public Contact contact() {
        return contact;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public void setBehaviour(Behaviour b) {
        this.behaviour = b;
    }

    /**
     * How many contacts this peer's replies list, {@link #k()}: BEP 5's 8 by default. Against a network whose
     * nodes answer with more (k = 16, as in S/Kademlia's evaluation) a Sybil should answer with as many, or it
     * is weaker than the adversary being modelled.
     */
    public void setReplySize(int k) {
        if (k < 1 || k > 64) {
            throw new IllegalArgumentException("reply size must be in [1, 64], got " + k);
        }
        this.replySize = k;
    }

    /** Called on the scheduler thread for every query received, before the behaviour answers. */
    public void setQueryObserver(BiConsumer<NodeAddress, KrpcQuery> observer) {
        this.queryObserver = observer;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public PeerStats stats() {
        return new PeerStats(queriesIn, repliesSent, silentDrops, queriesOut, answersIn, timeouts, bytesOut, bytesIn);
    }

    // ------------------------------------------------------------ queries (call on the scheduler thread)

    /** Sends the query built for a fresh transaction id; completes on reply, error or timeout. */
    public CompletableFuture<QueryOutcome> query(NodeAddress to, Function<byte[], KrpcQuery> build) {
        CompletableFuture<QueryOutcome> f = new CompletableFuture<>();
        if (!running) {
            f.complete(new QueryOutcome.TimedOut(0));
            return f;
        }
        int key = allocateTid();
        byte[] bytes = codec.encode(build.apply(new byte[] {(byte) (key >>> 8), (byte) key}));
        Cancellable timeout = scheduler.schedule(QUERY_TIMEOUT_MILLIS, () -> {
            Pending p = pending.remove(key);
            if (p != null) {
                timeouts++;
                p.result().complete(new QueryOutcome.TimedOut(p.requestBytes()));
            }
        });
        pending.put(key, new Pending(to, bytes.length, f, timeout));
        queriesOut++;
        send(to, bytes);
        return f;
    }

    public CompletableFuture<QueryOutcome> ping(NodeAddress to) {
        return query(to, tid -> new KrpcQuery.Ping(tid, contact.id()));
    }

    public CompletableFuture<QueryOutcome> findNode(NodeAddress to, NodeId target) {
        return query(to, tid -> new KrpcQuery.FindNode(tid, contact.id(), target));
    }

    public CompletableFuture<QueryOutcome> getPeers(NodeAddress to, NodeId infoHash) {
        return query(to, tid -> new KrpcQuery.GetPeers(tid, contact.id(), infoHash));
    }

    public CompletableFuture<QueryOutcome> announcePeer(NodeAddress to, NodeId infoHash, int port, byte[] token) {
        return query(to, tid -> new KrpcQuery.AnnouncePeer(tid, contact.id(), infoHash, port, token, false));
    }

    /** An iterative lookup from this peer, ignoring colluders, starting at {@code seeds}. */
    public CompletableFuture<RawLookupResult> lookup(NodeId target, LookupKind kind, List<NodeAddress> seeds) {
        List<Contact> known = new ArrayList<>(collusion.closestHonest(target, K));
        return new RawLookup(this, target, kind, K, 3, c -> !collusion.isAdversarial(c)).start(known, seeds);
    }

    /** Makes the network learn this peer: a lookup of its own id, which inserts it in the tables it touches. */
    public CompletableFuture<RawLookupResult> join(List<NodeAddress> seeds) {
        return lookup(contact.id(), LookupKind.FIND_NODE, seeds);
    }

    private int allocateTid() {
        for (int i = 0; i < (1 << 16); i++) {
            int key = (nextTid++) & 0xFFFF;
            if (!pending.containsKey(key)) {
                return key;
            }
        }
        throw new IllegalStateException("65536 queries outstanding at " + contact);
    }

    private void send(NodeAddress to, byte[] bytes) {
        bytesOut += bytes.length;
        transport.send(to, bytes);
    }

    // ------------------------------------------------------------ inbound

    private void onDatagram(NodeAddress from, byte[] data) {
        if (!running) {
            return;
        }
        bytesIn += data.length;
        if (!(codec.decode(data) instanceof KrpcDecodeResult.Decoded d)) {
            return;
        }
        KrpcMessage m = d.message();
        if (m instanceof KrpcQuery q) {
            onQuery(from, q);
            return;
        }
        int key = m.tid().length == 2 ? ((m.tid()[0] & 0xFF) << 8) | (m.tid()[1] & 0xFF) : -1;
        Pending p = pending.get(key);
        if (p == null || !p.to().equals(from)) {
            return;
        }
        pending.remove(key);
        p.timeout().cancel();
        if (m instanceof KrpcResponse r) {
            answersIn++;
            collusion.learnHonest(new Contact(r.sender(), from));
            p.result().complete(new QueryOutcome.Answered(r, p.requestBytes(), data.length));
        } else {
            p.result().complete(new QueryOutcome.Refused((KrpcError) m, p.requestBytes(), data.length));
        }
    }

    private void onQuery(NodeAddress from, KrpcQuery q) {
        queriesIn++;
        collusion.learnHonest(new Contact(q.sender(), from));
        queryObserver.accept(from, q);
        Optional<KrpcMessage> reply = behaviour.respond(from, q, this);
        if (reply.isPresent()) {
            repliesSent++;
            send(from, codec.encode(reply.get()));
        } else {
            silentDrops++;
        }
    }

    // ------------------------------------------------------------ PeerContext

    @Override
    public NodeId self() {
        return contact.id();
    }

    @Override
    public NodeAddress address() {
        return contact.address();
    }

    @Override
    public int k() {
        return replySize;
    }

    @Override
    public Collusion collusion() {
        return collusion;
    }

    @Override
    public RandomGenerator rng() {
        return rng;
    }

    @Override
    public List<Contact> closestKnown(NodeId target, int n) {
        List<Contact> all = new ArrayList<>(collusion.closestHonest(target, n));
        all.addAll(collusion.closestMembers(target, n, contact.id()));
        all.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return all.size() > n ? new ArrayList<>(all.subList(0, n)) : all;
    }

    @Override
    public byte[] tokenFor(NodeAddress requester) {
        long z = (tokenSecret ^ (requester.ip() * 0x9E3779B97F4A7C15L)) * 0xbf58476d1ce4e5b9L;
        z ^= z >>> 31;
        byte[] t = new byte[8];
        for (int i = 0; i < 8; i++) {
            t[i] = (byte) (z >>> (56 - 8 * i));
        }
        return t;
    }

    @Override
    public boolean tokenValid(byte[] token, NodeAddress requester) {
        return java.util.Arrays.equals(token, tokenFor(requester));
    }

    @Override
    public void storePeer(NodeId infoHash, NodeAddress peer) {
        LinkedHashSet<NodeAddress> s = store.get(infoHash);
        if (s == null) {
            if (store.size() >= MAX_STORED_KEYS) {
                return;
            }
            s = new LinkedHashSet<>();
            store.put(infoHash, s);
        }
        if (s.size() < MAX_PEERS_PER_KEY) {
            s.add(peer);
        }
    }

    @Override
    public List<NodeAddress> storedPeers(NodeId infoHash, int max) {
        LinkedHashSet<NodeAddress> s = store.get(infoHash);
        return s == null ? List.of() : s.stream().limit(max).toList();
    }

    @Override
    public String toString() {
        return "ScriptedPeer[" + contact + ", " + behaviour + "]";
    }
}
