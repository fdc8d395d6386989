package io.p2ptestbed.overlay.gnutella;

import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.gnutella.Descriptor.Guid;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.guard.GuardHooks;
import io.p2ptestbed.overlay.spi.Guards;
import io.p2ptestbed.overlay.spi.Malice;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.BoundedRate;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamPeers;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * A Gnutella 0.4 servent on the stream transport. Connections open with the 0.4 handshake ("GNUTELLA
 * CONNECT/0.4", "GNUTELLA OK"), each frame then carries one descriptor. Pings and queries are flooded to every
 * other connection with TTL - 1 and hops + 1 while TTL stays above 0; pongs and query hits travel back along
 * the reverse path, by descriptor id; a descriptor whose id was seen is dropped (switchable). Joining: connect
 * to a seed, exchange pings, take the pongs (the seed's own and those it cached) into the host cache, then
 * open connections to random cached hosts until ceil(degree/2) are up: a random topology of mean degree
 * {@code degree}. A node with no free inbound slot still shakes hands and answers a ping with pongs, then
 * closes (so a full seed still seeds).
 *
 * <p>Departures from the letter of 0.4, stated: a descriptor id carries the originator's listening address in
 * its first 6 bytes (10 random bytes follow), so the harness can name a flood's origin at every node (0.4
 * ids are opaque; nothing in the protocol reads these bytes); and the stream transport delimits frames with a
 * 4-byte length prefix, so each descriptor and each handshake line is one frame.
 */
public final class GnutellaNode implements OverlayNode, Broadcast, GnutellaSearch, Malice {

    public static final String PROTOCOL = "gnutella";
    /** The neutral broadcast-traffic counter (harness {@code Broadcasts.SENT_COUNTER}): query copies sent. */
    public static final String BROADCAST_SENT = "broadcast_sent";

    private final NodeId id;
    private final GnutellaConfig config;
    private final StreamTransport streams;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final GnutellaCodec codec;
    private final List<String> files;
    /** Counter names, in the order of {@link #counts}. */
    private static final List<String> COUNTERS = List.of("sent.ping", "sent.pong", "sent.query", "sent.queryHit",
            "received.ping", "received.pong", "received.query", "received.queryHit", "duplicates", "ttlClamped",
            "rateLimited", "malformed", "unroutable", "queriesDelivered", "hitsSent", "hitsReceived", "handshakes",
            "refusedHandshakes", "badHandshakes", "droppedByGuard", "refusedByGuard", "malice.turned", "flood.sent", "forged");
    private static final int SENT = 0;
    private static final int RECEIVED = 4;
    private static final int DUPLICATES = 8;
    private static final int DELIVERED = 13;
    private final long[] counts = new long[COUNTERS.size()];
    private final List<DeliveryListener> deliveryListeners = new CopyOnWriteArrayList<>();
    private final List<HitListener> hitListeners = new CopyOnWriteArrayList<>();
    /** Established, handshaken peers (and peers still shaking hands), by connection id. */
    private final StreamPeers<Peer> peers = new StreamPeers<>();
    /** The peers that carry floods (handshaken, not cache-only), or null when a peer changed since. */
    private Peer[] handshakenPeers;
    /** Listening addresses learned from pongs. */
    private final List<NodeAddress> hostCache = new ArrayList<>();
    private final Set<NodeAddress> cached = new HashSet<>();
    /** Outbound connects under way, by listening address. */
    private final Set<NodeAddress> connecting = new HashSet<>();
    /** Hosts that closed a connection of ours: full or leaving; never tried again. */
    private final Set<NodeAddress> busy = new HashSet<>();
    /** Descriptor ids seen, with the peer each came from (null: this node); two generations, rotated. */
    private GuidTable<Peer> routes = new GuidTable<>();
    private GuidTable<Peer> oldRoutes = new GuidTable<>();
    private final Set<Guid> own = new HashSet<>();
    private final ConnectionHandler handler = new Handler();
    private final GuardHooks guards = new GuardHooks();
    private CompletableFuture<Void> joined;
    private Cancellable maintenance;
    private Cancellable rotation;
    private boolean running;
    /** Attack: answer every query (from the parameter {@code answerAll}, or turned on by {@link #turnMalicious}). */
    private boolean answerAll;
    /** Attack: the TTL every forwarded copy carries, 0 for TTL - 1 (from {@code forgeTtl}, or {@link #turnMalicious}). */
    private int forgeTtl;

    public GnutellaNode(NodeId id, GnutellaConfig config, StreamTransport streams, Scheduler scheduler, RandomGenerator rng) {
        this.id = id;
        this.config = config;
        this.streams = streams;
        this.scheduler = scheduler;
        this.rng = rng;
        this.codec = new GnutellaCodec(config.maxPayload());
        this.answerAll = config.answerAll();
        this.forgeTtl = config.forgeTtl();
        List<String> f = new ArrayList<>();
        for (int i = 0; i < config.files(); i++) {
            f.add("kw" + rng.nextInt(config.vocabulary()) + ".dat");
        }
        this.files = List.copyOf(f);
    }

    /** One connection's state. */
    private static final class Peer {
        final Connection connection;
        boolean handshaken;
        /** The node has no free slot for it: answer its ping, then close. */
        boolean cacheOnly;
        NodeAddress listening;
        double tokens;
        long refilledAt;

        Peer(Connection connection) {
            this.connection = connection;
        }

        boolean routable() {
            return handshaken && !cacheOnly && connection.isOpen();
        }
    }

    private void count(String name) {
        counts[COUNTERS.indexOf(name)]++;
    }

    /** Index of a descriptor type among the sent/received counters. */
    private static int typeIndex(int type) {
        return switch (type) {
            case Descriptor.PING -> 0;
            case Descriptor.PONG -> 1;
            case Descriptor.QUERY -> 2;
            default -> 3;
        };
    }

    // --- OverlayNode ---

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public NodeId id() {
        return id;
    }

    @Override
    public NodeAddress address() {
        return streams.localAddress();
    }

    /** The files this node shares. */
    public List<String> files() {
        return files;
    }

    public GnutellaConfig config() {
        return config;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        streams.listen(handler);
        rotation = scheduler.schedule(config.routeMillis(), this::rotate);
    }

    private void rotate() {
        if (!running) {
            return;
        }
        GuidTable<Peer> emptied = oldRoutes;
        emptied.clear();
        oldRoutes = routes;
        routes = emptied;
        rotation = scheduler.schedule(config.routeMillis(), this::rotate);
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            joined = done;
            for (NodeAddress s : seeds) {
                if (!s.equals(address())) {
                    remember(s);
                }
            }
            if (hostCache.isEmpty()) {
                done.complete(null);
            } else if (config.staticTopology()) {
                for (NodeAddress s : seeds) {
                    if (!s.equals(address()) && !connectedTo(s) && !connecting.contains(s)) {
                        open(s);
                    }
                }
            } else {
                // the first seed first, so a joiner always meets the network through it
                NodeAddress first = seeds.stream().filter(s -> !s.equals(address())).findFirst().orElseThrow();
                open(first);
            }
            maintenance = scheduler.schedule(config.maintainMillis(), this::maintain);
        });
        return done;
    }

    private void maintain() {
        if (!running) {
            return;
        }
        fillSlots();
        maintenance = scheduler.schedule(config.maintainMillis(), this::maintain);
    }

    private int outboundUp() {
        return peers.count(p -> !p.connection.inbound() && p.connection.isOpen()); // shaking hands or up
    }

    private boolean connectedTo(NodeAddress a) {
        return peers.any(p -> a.equals(p.listening) || (!p.connection.inbound() && a.equals(p.connection.remote())));
    }

    /** Opens connections to random cached hosts until the outbound target is met or the cache runs dry. */
    private void fillSlots() {
        if (config.staticTopology()) {
            checkJoined();
            return;
        }
        int want = config.outbound() - outboundUp() - connecting.size();
        if (want <= 0) {
            // every slot is taken (the common case of the 5-second maintenance): no scan of the host cache
            checkJoined();
            return;
        }
        List<NodeAddress> candidates = new ArrayList<>();
        for (NodeAddress a : hostCache) {
            if (!a.equals(address()) && !connecting.contains(a) && !connectedTo(a) && acceptable(a)) {
                candidates.add(a);
            }
        }
        while (want > 0 && !candidates.isEmpty()) {
            NodeAddress a = candidates.remove(rng.nextInt(candidates.size()));
            open(a);
            want--;
        }
        checkJoined();
    }

    private void checkJoined() {
        if (joined != null && !joined.isDone() && (outboundUp() >= config.outbound() || connecting.isEmpty())) {
            boolean anyUp = outboundUp() > 0;
            if (anyUp || connecting.isEmpty()) {
                joined.complete(null);
            }
        }
    }

    private void open(NodeAddress to) {
        connecting.add(to);
        streams.connect(to, handler);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (maintenance != null) {
            maintenance.cancel();
        }
        if (rotation != null) {
            rotation.cancel();
        }
        streams.close();
        peers.clear();
        routableChanged();
        connecting.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<Contact> neighbours() {
        List<Contact> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.routable()) {
                // an inbound peer's listening address is known once it answered our ping; until then its remote one
                NodeAddress a = p.listening != null ? p.listening : p.connection.remote();
                out.add(new Contact(ChordIds.forAddress(a), a));
            }
        }
        return out;
    }

    /** Open, handshaken connections that carry floods. */
    public int degree() {
        return peers.count(Peer::routable);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            m.put(COUNTERS.get(i), counts[i]);
        }
        m.putAll(streams.counters().asMap());
        m.put("connections", (long) degree());
        guards.addCountersTo(m);
        m.put(BROADCAST_SENT, counts[SENT + typeIndex(Descriptor.QUERY)]);
        // the defences' work under the neutral defence.* names (what "the honest nodes counted ..." sums)
        m.put("defence.rate_limit.per_connection", counts[COUNTERS.indexOf("rateLimited")]);
        m.put("defence.ttl_cap.clamped", counts[COUNTERS.indexOf("ttlClamped")]);
        m.put("defence.guard.refused_neighbours", counts[COUNTERS.indexOf("refusedByGuard")]);
        return m;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == Broadcast.class || type == GnutellaSearch.class || type == GnutellaNode.class || type == Malice.class) {
            return Optional.of(type.cast(this));
        }
        if (type == Guards.class) {
            return Optional.of(type.cast(guards));
        }
        return Optional.empty();
    }

    /** Whether the neighbour filters take a host at this address as a neighbour (a refused inbound host is only answered). */
    private boolean acceptable(NodeAddress a) {
        if (!guards.filtersNeighbours() || guards.accepts(new Contact(ChordIds.forAddress(a), a))) {
            return true;
        }
        count("refusedByGuard");
        return false;
    }

    // --- Broadcast and search ---

    @Override
    public long publish(byte[] payload) {
        // the payload is the query's criteria; a query's criteria are NUL-free text, so other bytes go out in hex
        for (byte b : payload) {
            if (b == 0) {
                return query(java.util.HexFormat.of().formatHex(payload), config.ttl());
            }
        }
        return query(new String(payload, java.nio.charset.StandardCharsets.UTF_8), config.ttl());
    }

    @Override
    public void addDeliveryListener(DeliveryListener listener) {
        deliveryListeners.add(listener);
    }

    @Override
    public void addHitListener(HitListener listener) {
        hitListeners.add(listener);
    }

    /** The neutral view of the query hits at the querier: each hit is an answer to the query (a published message). */
    @Override
    public void addAnswerListener(AnswerListener listener) {
        hitListeners.add(h -> listener.answered(new Answer(h.messageId(), h.responder(), h.results(), h.hops(), h.atMillis())));
    }

    @Override
    public long query(String criteria, int ttl) {
        Guid g = newGuid();
        own.add(g);
        routes.put(g.hi(), g.lo(), null);
        Descriptor d = new Descriptor(g, Descriptor.QUERY, ttl, 0, GnutellaCodec.query(new Descriptor.Query(0, criteria)));
        deliver(g, 0);
        byte[] wire = codec.encode(d);
        List<Peer> targets = routablePeers(null);
        if (config.walkers() > 0) {
            for (int i = 0; i < config.walkers() && !targets.isEmpty(); i++) {
                send(targets.remove(rng.nextInt(targets.size())), wire, d.type());
            }
        } else {
            for (Peer p : targets) {
                send(p, wire, d.type());
            }
        }
        return g.messageId();
    }

    @Override
    public List<Long> flood(int perSecond, long millis, int ttl) {
        if (perSecond < 1 || perSecond > MAX_FLOOD_RATE || millis < 1 || millis > MAX_FLOOD_MILLIS || ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("a Gnutella query flood needs a rate in [1, " + MAX_FLOOD_RATE
                    + "] per second, a duration in [1, " + MAX_FLOOD_MILLIS + "] ms and a TTL in [1, 255]; got " + perSecond
                    + "/s for " + millis + " ms with TTL " + ttl);
        }
        List<Long> ids = new CopyOnWriteArrayList<>();
        BoundedRate.run(scheduler, perSecond, millis, Math.max(1, perSecond * millis / 1000), () -> running, () -> {
            ids.add(query("flood" + Long.toHexString(rng.nextLong()), ttl));
            count("flood.sent");
        });
        return ids;
    }

    /**
     * {@code answer-all}: answer every query from now on (the storm amplifier); {@code forge-ttl:TTL}: forward every
     * descriptor with TTL {@code TTL} instead of TTL - 1 (the TTL-forging relay, as the parameter {@code forgeTtl});
     * {@code flood:RATE:MILLIS:TTL}: a bounded query flood ({@link #flood}).
     */
    @Override
    public void turnMalicious(String mode) {
        if (mode.equals("answer-all")) {
            answerAll = true;
        } else if (mode.startsWith("forge-ttl:")) {
            String t = mode.substring("forge-ttl:".length());
            int ttl;
            try {
                ttl = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a Gnutella forge mode is forge-ttl:TTL with a whole TTL, got '" + mode + "'");
            }
            if (ttl < 1 || ttl > 255) {
                throw new IllegalArgumentException("a forged TTL is in [1, 255], got " + ttl + " in '" + mode + "'");
            }
            forgeTtl = ttl;
        } else if (mode.startsWith("flood:") && mode.split(":").length == 4) {
            String[] f = mode.split(":");
            try {
                flood(Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a Gnutella flood mode is flood:RATE:MILLIS:TTL with whole numbers, got '"
                        + mode + "'");
            }
        } else {
            throw new IllegalArgumentException("the gnutella overlay has no malicious mode '" + mode
                    + "'; its modes: answer-all, forge-ttl:TTL, flood:RATE:MILLIS:TTL");
        }
        count("malice.turned");
    }

    /** A fresh descriptor id: this node's listening address, then 10 random bytes. */
    private Guid newGuid() {
        NodeAddress a = address();
        long hi = (long) a.ip() << 32 | (long) a.port() << 16 | (rng.nextLong() & 0xFFFFL);
        return new Guid(hi, rng.nextLong());
    }

    private static NodeAddress originOf(Guid g) {
        return new NodeAddress((int) (g.hi() >>> 32), (int) (g.hi() >>> 16) & 0xFFFF);
    }

    /** The origin a delivery names for a query started by the servent listening at {@code a} (the SHA-1 of the address). */
    public static NodeId originId(NodeAddress a) {
        return ChordIds.forAddress(a);
    }

    private void deliver(Guid g, int hops) {
        counts[DELIVERED]++;
        if (deliveryListeners.isEmpty()) {
            return;
        }
        Delivery d = new Delivery(g.messageId(), originId(originOf(g)), id, hops, scheduler.nowMillis());
        for (DeliveryListener l : deliveryListeners) {
            l.delivered(d);
        }
    }

    // --- wire ---

    /** The handshaken, non-cache-only peers, in connection order; rebuilt only after a peer's state changed. */
    private Peer[] handshakenPeers() {
        if (handshakenPeers == null) {
            List<Peer> out = new ArrayList<>(peers.size());
            for (Peer p : peers.values()) {
                if (p.handshaken && !p.cacheOnly) {
                    out.add(p);
                }
            }
            handshakenPeers = out.toArray(new Peer[0]);
        }
        return handshakenPeers;
    }

    private void routableChanged() {
        handshakenPeers = null;
    }

    private List<Peer> routablePeers(Peer except) {
        Peer[] all = handshakenPeers();
        List<Peer> out = new ArrayList<>(all.length);
        for (Peer p : all) {
            if (p != except && p.routable()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Sends one encoded descriptor to every routable peer but {@code except} (a flood's forwarding step). */
    private void flood(Peer except, byte[] wire, int type) {
        for (Peer p : handshakenPeers()) {
            if (p != except && p.connection.isOpen()) {
                send(p, wire, type);
            }
        }
    }

    private void send(Peer p, byte[] wire, int type) {
        if (p.connection.send(wire)) {
            counts[SENT + typeIndex(type)]++;
        }
    }

    private void sendDescriptor(Peer p, Descriptor d) {
        send(p, codec.encode(d), d.type());
    }

    private Pong ownPong() {
        return new Pong(address(), files.size());
    }

    private record Pong(NodeAddress address, long files) {
        byte[] payload() {
            return GnutellaCodec.pong(new Descriptor.Pong(address.port(), address.ip(), files, files * 1024));
        }
    }

    private void remember(NodeAddress a) {
        if (a.equals(address()) || busy.contains(a) || !cached.add(a)) {
            return;
        }
        if (hostCache.size() < config.hostCache()) {
            hostCache.add(a);
        } else {
            int i = rng.nextInt(hostCache.size());
            cached.remove(hostCache.get(i));
            hostCache.set(i, a);
        }
    }

    private void forget(NodeAddress a) {
        busy.add(a);
        if (cached.remove(a)) {
            hostCache.remove(a);
        }
    }

    /** The peer a descriptor id routes back to: absent (unknown id), null-valued (this node's own), or a peer. */
    private boolean seen(Guid g) {
        return seen(g.hi(), g.lo());
    }

    private boolean seen(long hi, long lo) {
        return routes.contains(hi, lo) || oldRoutes.contains(hi, lo);
    }

    private Peer routeOf(Guid g) {
        Peer p = routes.get(g.hi(), g.lo());
        return p != null ? p : oldRoutes.get(g.hi(), g.lo());
    }

    private int admittedTtl(Descriptor d) {
        if (config.ttlCap() && forgeTtl == 0 && d.ttl() + d.hops() > config.cap()) { // a forger clamps nothing
            count("ttlClamped");
            return Math.max(0, config.cap() - d.hops());
        }
        return d.ttl();
    }

    /** The TTL a forwarded copy carries: TTL - 1, or the forger's TTL (counted: {@code forged}). */
    private int nextTtl(int ttl) {
        if (forgeTtl > 0) {
            count("forged");
            return forgeTtl;
        }
        return ttl - 1;
    }

    private boolean admit(Peer p) {
        if (!guards.admits(p.connection.remote(), scheduler.nowMillis())) {
            count("droppedByGuard");
            return false;
        }
        if (config.rateLimit() == 0) {
            return true;
        }
        long now = scheduler.nowMillis();
        p.tokens = Math.min(config.rateLimit(), p.tokens + (now - p.refilledAt) * config.rateLimit() / 1000.0);
        p.refilledAt = now;
        if (p.tokens < 1) {
            count("rateLimited");
            return false;
        }
        p.tokens -= 1;
        return true;
    }

    private void onDescriptor(Peer from, Descriptor d) {
        if (d.type() == Descriptor.PUSH) {
            return; // push: no file transfers in this testbed
        }
        counts[RECEIVED + typeIndex(d.type())]++;
        if (!admit(from)) {
            return;
        }
        switch (d.type()) {
            case Descriptor.PING -> onPing(from, d);
            case Descriptor.PONG -> onPong(from, d);
            case Descriptor.QUERY -> onQuery(from, d);
            case Descriptor.QUERY_HIT -> onQueryHit(from, d);
            default -> { }
        }
    }

    private void onPing(Peer from, Descriptor d) {
        if (seen(d.guid())) {
            counts[DUPLICATES]++;
            return;
        }
        routes.put(d.guid().hi(), d.guid().lo(), from);
        int back = Math.min(255, d.hops() + 1);
        // cached pongs first, the node's own last: a joiner picks its neighbours when the own pong arrives
        int sentCached = 0;
        for (int i = 0; i < hostCache.size() && sentCached < config.pongs(); i++) {
            NodeAddress a = hostCache.get(rng.nextInt(hostCache.size()));
            if (!a.equals(from.listening)) {
                sendDescriptor(from, new Descriptor(d.guid(), Descriptor.PONG, back, 1,
                        new Pong(a, 0).payload()));
                sentCached++;
            }
        }
        sendDescriptor(from, new Descriptor(d.guid(), Descriptor.PONG, back, 0, ownPong().payload()));
        if (from.cacheOnly) {
            from.connection.close();
            return;
        }
        int ttl = admittedTtl(d);
        if (ttl > 1) {
            flood(from, codec.encode(d.forwarded(nextTtl(ttl))), d.type());
        }
    }

    private void onPong(Peer from, Descriptor d) {
        Descriptor.Pong pong = GnutellaCodec.pong(d.payload());
        NodeAddress a = new NodeAddress(pong.ip(), pong.port());
        if (own.contains(d.guid())) {
            if (d.hops() == 0 && from.listening == null) {
                from.listening = a;
            }
            remember(a);
            if (!from.connection.inbound() && d.hops() == 0) {
                fillSlots();
            }
            return;
        }
        remember(a);
        Peer back = routeOf(d.guid());
        int ttl = admittedTtl(d);
        if (back == null || !back.routable()) {
            count("unroutable");
        } else if (ttl > 1) {
            sendDescriptor(back, d.forwarded(nextTtl(ttl)));
        }
    }

    private void onQuery(Peer from, Descriptor d) {
        boolean first = !seen(d.guid());
        if (!first && config.dedup() && config.walkers() == 0) {
            counts[DUPLICATES]++;
            return;
        }
        if (first) {
            routes.put(d.guid().hi(), d.guid().lo(), from);
            deliver(d.guid(), d.hops() + 1);
            answer(from, d);
        } else {
            counts[DUPLICATES]++;
        }
        int ttl = admittedTtl(d);
        if (ttl <= 1) {
            return;
        }
        byte[] wire = codec.encode(d.forwarded(nextTtl(ttl)));
        if (config.walkers() > 0) {
            List<Peer> targets = routablePeers(from);
            if (targets.isEmpty() && from.routable()) {
                targets.add(from);
            }
            if (!targets.isEmpty()) {
                send(targets.get(rng.nextInt(targets.size())), wire, d.type());
            }
        } else {
            flood(from, wire, d.type());
        }
    }

    private void answer(Peer from, Descriptor d) {
        Descriptor.Query q;
        try {
            q = GnutellaCodec.query(d.payload());
        } catch (GnutellaCodec.MalformedDescriptor e) {
            return; // decode already checked it
        }
        List<Descriptor.Result> results = new ArrayList<>();
        String criteria = q.criteria().toLowerCase(Locale.ROOT);
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i);
            if (answerAll || containsEveryWord(name, criteria)) {
                results.add(new Descriptor.Result(i, 1_000_000, name));
            }
        }
        if (results.isEmpty() && answerAll) {
            results.add(new Descriptor.Result(0, 1_000_000, q.criteria().isEmpty() ? "x" : q.criteria() + ".dat"));
        }
        if (results.isEmpty()) {
            return;
        }
        NodeAddress me = address();
        byte[] payload = GnutellaCodec.queryHit(new Descriptor.QueryHit(me.port(), me.ip(), 1000, results,
                new Guid(id.hashCode(), me.ip())));
        count("hitsSent");
        sendDescriptor(from, new Descriptor(d.guid(), Descriptor.QUERY_HIT, Math.min(255, d.hops() + 1), 0, payload));
    }

    /**
     * Whether {@code name} contains every word of {@code criteria} (words split at runs of the regex class
     * {@code \\s}: space, tab, newline, vertical tab, form feed, carriage return), without a regex or a copy.
     */
    static boolean containsEveryWord(String name, String criteria) {
        int n = criteria.length();
        int at = 0;
        while (at < n) {
            while (at < n && isSpace(criteria.charAt(at))) {
                at++;
            }
            int end = at;
            while (end < n && !isSpace(criteria.charAt(end))) {
                end++;
            }
            if (end > at && !containsRegion(name, criteria, at, end - at)) {
                return false;
            }
            at = end;
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean containsRegion(String name, String s, int from, int len) {
        for (int k = 0; k + len <= name.length(); k++) {
            if (name.regionMatches(k, s, from, len)) {
                return true;
            }
        }
        return false;
    }

    private void onQueryHit(Peer from, Descriptor d) {
        if (own.contains(d.guid())) {
            Descriptor.QueryHit h;
            try {
                h = GnutellaCodec.queryHit(d.payload());
            } catch (GnutellaCodec.MalformedDescriptor e) {
                return;
            }
            count("hitsReceived");
            Hit hit = new Hit(d.guid().messageId(), new NodeAddress(h.ip(), h.port()), h.results().size(), d.hops() + 1,
                    scheduler.nowMillis());
            for (HitListener l : hitListeners) {
                l.hit(hit);
            }
            return;
        }
        Peer back = routeOf(d.guid());
        int ttl = admittedTtl(d);
        if (back == null || !back.routable()) {
            count("unroutable");
        } else if (ttl > 1) {
            sendDescriptor(back, d.forwarded(nextTtl(ttl)));
        }
    }

    /** A well-formed-looking query whose id was seen, while duplicates are dropped (flooding with dedup). */
    private boolean isSeenQuery(byte[] frame) {
        if (!config.dedup() || config.walkers() > 0 || frame.length < GnutellaCodec.HEADER_BYTES
                || (frame[16] & 0xFF) != Descriptor.QUERY
                || GnutellaCodec.intLE(frame, 19) != frame.length - GnutellaCodec.HEADER_BYTES) {
            return false;
        }
        return seen(GnutellaCodec.longBE(frame, 0), GnutellaCodec.longBE(frame, 8));
    }

    private int inboundUsed() {
        return peers.count(p -> p.connection.inbound() && p.handshaken && !p.cacheOnly);
    }

    private void ping(Peer p) {
        Guid g = newGuid();
        own.add(g);
        routes.put(g.hi(), g.lo(), null);
        sendDescriptor(p, new Descriptor(g, Descriptor.PING, 1, 0, new byte[0]));
    }

    /** The transport's events for every connection of this node. */
    private final class Handler implements ConnectionHandler {

        @Override
        public void opened(Connection c) {
            Peer p = peers.opened(c, running, Peer::new);
            if (p == null) {
                return;
            }
            p.tokens = config.rateLimit();
            p.refilledAt = scheduler.nowMillis();
            routableChanged();
            if (!c.inbound()) {
                connecting.remove(c.remote());
                p.listening = c.remote();
                c.send(GnutellaCodec.connect());
            }
        }

        @Override
        public void frame(Connection c, byte[] frame) {
            Peer p = peers.attached(c);
            if (p == null || !running) {
                return;
            }
            if (!p.handshaken) {
                handshake(p, frame);
                return;
            }
            if (isSeenQuery(frame)) { // the common case of a flood, settled from the header alone
                counts[RECEIVED + typeIndex(Descriptor.QUERY)]++;
                if (admit(p)) {
                    counts[DUPLICATES]++;
                }
                return;
            }
            Descriptor d;
            try {
                d = codec.decode(frame);
            } catch (GnutellaCodec.MalformedDescriptor e) {
                count("malformed");
                c.reset();
                return;
            }
            onDescriptor(p, d);
        }

        private void handshake(Peer p, byte[] frame) {
            Connection c = p.connection;
            if (c.inbound() && GnutellaCodec.isConnect(frame)) {
                boolean refuse = inboundUsed() >= config.inboundSlots() || !acceptable(c.remote());
                p.handshaken = true;
                p.cacheOnly = refuse;
                routableChanged();
                count(p.cacheOnly ? "refusedHandshakes" : "handshakes");
                c.send(GnutellaCodec.ok());
                ping(p);
            } else if (!c.inbound() && GnutellaCodec.isOk(frame)) {
                p.handshaken = true;
                routableChanged();
                count("handshakes");
                ping(p);
            } else {
                count("badHandshakes");
                c.reset();
            }
        }

        @Override
        public void closed(Connection c, CloseReason reason) {
            Peer p = peers.remove(c);
            routableChanged();
            if (p != null && !c.inbound()) {
                connecting.remove(p.listening);
                if (reason == CloseReason.REMOTE && p.listening != null) {
                    forget(p.listening); // a host that closes on us is full (or leaving): try others first
                }
            }
            if (running && p != null && !c.inbound()) {
                fillSlots(); // a lost neighbour is replaced from the host cache
            } else if (running) {
                checkJoined();
            }
        }

        @Override
        public void failed(NodeAddress to, CloseReason reason) {
            connecting.remove(to);
            if (running) {
                fillSlots();
            }
        }
    }
}
