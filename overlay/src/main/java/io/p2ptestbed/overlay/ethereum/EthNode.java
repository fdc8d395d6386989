package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.ethereum.DevP2p.Disconnect;
import io.p2ptestbed.overlay.ethereum.DevP2p.Hello;
import io.p2ptestbed.overlay.ethereum.DevP2p.HopTx;
import io.p2ptestbed.overlay.ethereum.DevP2p.Msg;
import io.p2ptestbed.overlay.ethereum.DevP2p.Transactions;
import io.p2ptestbed.overlay.ethereum.Discv4.Endpoint;
import io.p2ptestbed.overlay.ethereum.Discv4.FindNode;
import io.p2ptestbed.overlay.ethereum.Discv4.Neighbors;
import io.p2ptestbed.overlay.ethereum.Discv4.NodeRecord;
import io.p2ptestbed.overlay.ethereum.Discv4.Packet;
import io.p2ptestbed.overlay.ethereum.Discv4.Pong;
import io.p2ptestbed.overlay.ethereum.EthTable.Node;
import io.p2ptestbed.overlay.ethereum.EthTable.Outcome;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.PerConnection;
import io.p2ptestbed.overlay.transport.stream.StreamPeers;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * An Ethereum node after go-ethereum 1.8 (1.7 with the countermeasures switched off): discovery v4 over UDP
 * ({@link Discv4}: bonding by ping/pong before findnode, the {@link EthTable} with revalidation and replacements, the
 * {@link NodeDb} that survives restarts and seeds the table, iterative lookups with alpha 3 on the node's own id and
 * random targets) and devp2p connections on the stream transport, encrypted and authenticated by {@link Rlpx} (the
 * ECIES auth/ack handshake, AES-CTR frames with MACs), carrying {@link DevP2p}'s Hello, Disconnect, Ping/Pong and eth's
 * Status and Transactions, with geth's slots: at most maxPeers, of which at most maxPeers / dialRatio dialled, the dial
 * candidates taken half from the table (ReadRandomNodes) and half from lookup results. Transactions published here
 * are relayed to every peer that has not sent them (Broadcast).
 *
 * <p>Departures (docs/ethereum.md): each RLPx packet is one stream-transport frame; no Snappy (p2p version 4); no
 * chain sync (the Status names the genesis block as the best block); transactions are relayed whole to every peer and not validated; a
 * Transactions entry carries the hop count; bootnodes are given by address (their id is learned from their pong).
 */
public final class EthNode implements OverlayNode, Broadcast, EthereumView, io.p2ptestbed.overlay.spi.Ping {

    public static final String PROTOCOL = "ethereum";
    /** Seconds since the Unix epoch at a virtual scheduler's time 0 (packet expirations are absolute). */
    public static final long LAB_EPOCH_SECONDS = io.p2ptestbed.overlay.time.Clock.LAB_EPOCH_MILLIS / 1000;
    static final String CLIENT_ID = "p2p-testbed-ethereum/v0.1";
    /** Transactions seen are forgotten after two generations of this. */
    static final long SEEN_MILLIS = 1_200_000;

    private static final List<String> COUNTERS = List.of("broadcast_sent", "sent", "received", "malformed", "expired",
            "udp.sent", "udp.received", "unsolicited", "findnode.unbonded", "delivered", "duplicates", "lookups", "bonds",
            "table.added", "table.ip_limit", "table.full", "revalidations", "dials", "dials.failed", "inbound.refused",
            "handshake.timeouts", "restarts", "rlpx.handshakes", "rlpx.refused", "rlpx.unanswered", "unexpected_identity",
            "status.mismatch");
    private final long[] counts = new long[COUNTERS.size()];

    private final NodeId nid;
    private final NodeKey key;
    private final byte[] selfId;
    private final EthConfig config;
    private final Transport udp;
    private final StreamTransport streams;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final EthTable table;
    private final NodeDb db = new NodeDb();
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    /** Pings awaiting their pong, by ping hash; identical pings (same target, same second) share one entry. */
    private final Map<ByteBuffer, List<PendingPing>> pendingPings = new HashMap<>();
    private final Map<ByteBuffer, PendingFind> pendingFinds = new HashMap<>();
    private final StreamPeers<Peer> peers = new StreamPeers<>();
    private final Map<ByteBuffer, Long> dialHistory = new HashMap<>();
    private final Set<ByteBuffer> dialing = new HashSet<>();
    private final List<Node> lookupBuf = new ArrayList<>();
    private Set<Long> seen = new HashSet<>();
    private Set<Long> oldSeen = new HashSet<>();
    private List<NodeAddress> bootnodes = List.of();
    private CompletableFuture<Void> joined;
    private boolean running;
    private boolean up;
    private boolean lookupRunning;
    /** Incremented by every restart: timers of an older epoch stop. */
    private int epoch;
    private long published;
    private long lastDialLookup = Long.MIN_VALUE / 2;
    /** geth's dial scheduler starts a lookup at most every 4 s (lookupInterval). */
    static final long LOOKUP_INTERVAL_MILLIS = 4_000;

    public EthNode(NodeId nid, NodeKey key, EthConfig config, Transport udp, StreamTransport streams, Scheduler scheduler,
                   RandomGenerator rng) {
        this.nid = nid;
        this.key = key;
        this.selfId = key.id();
        this.config = config;
        this.udp = udp;
        this.streams = streams;
        this.scheduler = scheduler;
        this.rng = rng;
        this.table = new EthTable(selfId, config);
    }

    private record PendingPing(byte[] expectId, NodeAddress to, Consumer<byte[]> done) {}

    private static final class PendingFind {
        final List<NodeRecord> got = new ArrayList<>();
        final Consumer<List<NodeRecord>> done;
        boolean finished;

        PendingFind(Consumer<List<NodeRecord>> done) {
            this.done = done;
        }
    }

    /** One devp2p connection. */
    private final class Peer implements ConnectionHandler {
        Connection connection;
        final boolean inbound;
        /** The id we dialled (outbound) or the one the RLPx handshake authenticated (inbound). */
        byte[] id;
        NodeAddress listening;
        Rlpx.Link link;
        /** Hello exchanged: a devp2p peer (in geth's server's peer set). */
        boolean active;
        /** eth Status exchanged and matching: an eth peer (relays). */
        boolean statusOk;
        /** Our Hello went out (uncompressed, as every message before both Hellos). */
        boolean helloSent;
        /** Both Hellos exchanged and both ends speak p2p version 5: every message's data is Snappy-compressed. */
        boolean snappy;
        final Set<Long> known = new HashSet<>();

        Peer(boolean inbound, byte[] id, NodeAddress listening) {
            this.inbound = inbound;
            this.id = id;
            this.listening = listening;
        }

        @Override
        public void opened(Connection c) {
            connection = c;
            if (!inbound) {
                dialing.remove(ByteBuffer.wrap(id));
            }
            if (!up) {
                c.reset();
                return;
            }
            peers.put(c, this);
            if (inbound) {
                link = Rlpx.Link.accept(key, rng);
            } else {
                link = Rlpx.Link.dial(key, id, rng);
                c.send(link.auth());
            }
            int ep = epoch;
            scheduler.schedule(EthConfig.HANDSHAKE_MILLIS, () -> {
                if (ep == epoch && !(active && statusOk) && c.isOpen()) {
                    count("handshake.timeouts");
                    c.reset();
                }
            });
        }

        @Override
        public void frame(Connection c, byte[] frame) {
            if (link == null || !c.isOpen()) {
                // we disconnected it: what the remote sent meanwhile (its Status after its Hello) is not read
                return;
            }
            byte[] plain;
            try {
                plain = link.receive(frame, c::send);
            } catch (Rlpx.RlpxException e) {
                count("malformed");
                count("rlpx.refused");
                c.reset();
                return;
            }
            if (plain == null) {
                count("rlpx.handshakes");
                if (!inbound) {
                    send(this, hello());
                    helloSent = true;
                }
                return;
            }
            counts[2]++;
            Msg m;
            try {
                m = DevP2p.decode(plain, snappy);
            } catch (DevP2p.MalformedFrame e) {
                count("malformed");
                c.reset();
                return;
            }
            onMessage(this, m);
        }

        @Override
        public void closed(Connection c, CloseReason reason) {
            peers.remove(c);
            if (!inbound && link != null && !link.established() && up) {
                // no ack: the listener could not decrypt our auth (another key than the one dialled) or went away
                count("rlpx.unanswered");
            }
        }

        @Override
        public void failed(NodeAddress to, CloseReason reason) {
            dialing.remove(ByteBuffer.wrap(id));
            count("dials.failed");
        }
    }

    private void count(String name) {
        counts[COUNTERS.indexOf(name)]++;
    }

    /**
     * Unix seconds on the scheduler's clock: the lab epoch plus virtual time in simulation; on real sockets the host's
     * clock, so that nodes in different processes (containers) agree on expirations, as geth's synchronised hosts do.
     * (A process-relative clock made every packet of a node started 20 s after a peer look expired to that peer.)
     */
    private long nowSeconds() {
        return scheduler.unixSeconds();
    }

    private Endpoint selfEndpoint() {
        NodeAddress a = address();
        return new Endpoint(a.ip(), a.port(), a.port());
    }

    // --- OverlayNode ---

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public NodeId id() {
        return nid;
    }

    @Override
    public NodeAddress address() {
        return udp.localAddress();
    }

    @Override
    public byte[] enodeId() {
        return selfId.clone();
    }

    @Override
    public EthTable table() {
        return table;
    }

    @Override
    public NodeDb db() {
        return db;
    }

    @Override
    public EthConfig config() {
        return config;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        up = true;
        udp.setHandler(this::onDatagram);
        streams.listen(new PerConnection(() -> new Peer(true, null, null)));
        startTimers();
        scheduler.schedule(SEEN_MILLIS, this::rotateSeen);
    }

    private void rotateSeen() {
        if (!running) {
            return;
        }
        oldSeen = seen;
        seen = new HashSet<>();
        scheduler.schedule(SEEN_MILLIS, this::rotateSeen);
    }

    private void startTimers() {
        int ep = epoch;
        scheduler.schedule(Math.max(1, (long) (rng.nextDouble() * config.revalidateMillis())), () -> revalidate(ep));
        scheduler.schedule(config.dialMillis(), () -> dialLoop(ep));
        scheduler.schedule(config.refreshMillis(), () -> refreshLoop(ep));
        if (config.seedAge()) {
            scheduler.schedule(config.copyLiveMillis(), () -> copyLiveNodes(ep));
        }
    }

    private boolean live(int ep) {
        return running && up && ep == epoch;
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            joined = done;
            List<NodeAddress> b = new ArrayList<>();
            for (NodeAddress a : seeds) {
                if (!a.equals(address())) {
                    b.add(a);
                }
            }
            bootnodes = List.copyOf(b);
            if (bootnodes.isEmpty()) {
                done.complete(null);
                return;
            }
            // joined once a bootnode answered (or none did): the refresh's lookups go on in the background, as geth
            // starts its server without waiting for them
            refresh(epoch, () -> {}, () -> done.complete(null));
        });
        return done;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        up = false;
        epoch++;
        for (Peer p : List.copyOf(peers.values())) {
            p.connection.reset();
        }
        peers.clear();
        streams.close();
        udp.setHandler((f, d) -> {});
        if (joined != null && !joined.isDone()) {
            joined.complete(null);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<Contact> neighbours() {
        List<Contact> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.active && p.connection.isOpen()) {
                out.add(new Contact(NodeId.ofAddress(p.listening), p.listening));
            }
        }
        return out;
    }

    private List<NodeAddress> peersOf(boolean inbound) {
        List<NodeAddress> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.active && p.inbound == inbound && p.connection.isOpen()) {
                out.add(p.listening);
            }
        }
        return out;
    }

    @Override
    public List<NodeAddress> outboundPeers() {
        return peersOf(false);
    }

    @Override
    public List<NodeAddress> inboundPeers() {
        return peersOf(true);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < COUNTERS.size(); i++) {
            m.put(COUNTERS.get(i), counts[i]);
        }
        m.put("peers.outbound", (long) outboundPeers().size());
        m.put("peers.inbound", (long) inboundPeers().size());
        m.put("table.size", (long) table.size());
        m.put("db.size", (long) db.size());
        m.putAll(streams.counters().asMap());
        return m;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == Broadcast.class || type == EthereumView.class || type == EthNode.class
                || type == io.p2ptestbed.overlay.spi.Ping.class) {
            return Optional.of(type.cast(this));
        }
        return Optional.empty();
    }

    @Override
    public void restart(long downMillis) {
        if (!running) {
            return;
        }
        count("restarts");
        up = false;
        epoch++;
        for (Peer p : List.copyOf(peers.values())) {
            p.connection.reset();
        }
        peers.clear();
        dialing.clear();
        dialHistory.clear();
        lookupBuf.clear();
        pendingPings.clear();
        pendingFinds.clear();
        lookupRunning = false;
        table.clear();
        scheduler.schedule(Math.max(0, downMillis), () -> {
            if (running) {
                up = true;
                int ep = epoch;
                startTimers();
                refresh(ep, () -> {});
            }
        });
    }

    // --- discovery: wire ---

    private void sendPacket(NodeAddress to, Packet p, byte[] encoded) {
        counts[COUNTERS.indexOf("udp.sent")]++;
        udp.sendOwned(to, encoded);
    }

    private long expiration() {
        return nowSeconds() + EthConfig.EXPIRATION_SECONDS;
    }

    private void onDatagram(NodeAddress from, byte[] data) {
        if (!running || !up) {
            return;
        }
        count("udp.received");
        Discv4.Decoded d;
        try {
            d = Discv4.decode(data, key.recoveries());
        } catch (Discv4.MalformedPacket e) {
            count("malformed");
            return;
        }
        if (d.packet().expiration() < nowSeconds()) {
            count("expired");
            return;
        }
        if (Arrays.equals(d.sender(), selfId)) {
            return;
        }
        Packet p = d.packet();
        if (p instanceof Discv4.Ping ping) {
            onPing(from, d, ping);
        } else if (p instanceof Pong pong) {
            onPong(from, d, pong);
        } else if (p instanceof FindNode f) {
            onFindNode(from, d, f);
        } else {
            onNeighbors(d, (Neighbors) p);
        }
    }

    private void onPing(NodeAddress from, Discv4.Decoded d, Discv4.Ping ping) {
        Pong pong = new Pong(new Endpoint(from.ip(), from.port(), ping.from().tcp()), d.hash(), expiration(), -1);
        sendPacket(from, pong, Discv4.encode(key, pong));
        Node n = new Node(d.sender(), from, ping.from().tcp() == 0 ? from.port() : ping.from().tcp());
        NodeDb.Rec r = db.touch(n);
        r.lastPing = scheduler.nowMillis();
        int ep = epoch;
        if (scheduler.nowMillis() - r.lastPong > EthConfig.BOND_MILLIS) {
            // bond: ping back, add once it answers
            sendPing(n.id, from, id -> {
                if (id != null && live(ep)) {
                    bonded(n);
                }
            });
        } else {
            bonded(n);
        }
    }

    /** A node proved its endpoint: into the table (or its replacements) and, in geth 1.7, the db as a seed. */
    private void bonded(Node n) {
        count("bonds");
        NodeDb.Rec r = db.touch(n);
        if (!config.seedAge()) {
            r.seed = true;
        }
        Outcome o = table.add(n, scheduler.nowMillis());
        switch (o) {
            case ADDED -> count("table.added");
            case IP_LIMIT -> count("table.ip_limit");
            case BUCKET_FULL, REPLACEMENT -> count("table.full");
            default -> { }
        }
    }

    /**
     * A pong answers every ping waiting under its ping hash that expected its sender (or any sender); a pong from
     * elsewhere, or from an id no waiting ping expected, is unsolicited and leaves the pings to their timeout.
     */
    private void onPong(NodeAddress from, Discv4.Decoded d, Pong pong) {
        ByteBuffer h = ByteBuffer.wrap(pong.pingHash());
        List<PendingPing> waiting = pendingPings.get(h);
        List<PendingPing> answered = new ArrayList<>(1);
        if (waiting != null && waiting.get(0).to().equals(from)) {
            for (PendingPing p : waiting) {
                if (p.expectId() == null || Arrays.equals(p.expectId(), d.sender())) {
                    answered.add(p);
                }
            }
        }
        if (answered.isEmpty()) {
            count("unsolicited");
            return;
        }
        waiting.removeIf(p -> answered.stream().anyMatch(a -> a == p));
        if (waiting.isEmpty()) {
            pendingPings.remove(h);
        }
        Node n = new Node(d.sender(), from, table.contains(d.sender()) ? table.get(d.sender()).tcp : from.port());
        db.touch(n).lastPong = scheduler.nowMillis();
        for (PendingPing p : answered) {
            p.done().accept(d.sender());
        }
    }

    /**
     * Pings {@code to}; {@code done} gets the answering id, or null after 2 respMillis: always exactly once (a join
     * waits for its bootnodes' answers). The timeout is armed before the packet leaves, so a failing send cannot lose
     * it; a ping identical to one in flight (same target within the same second: the same hash, since signatures are
     * deterministic) is not sent again but waits for the same pong (before, the second replaced the first, whose
     * caller then never heard back: a join could hang).
     */
    private void sendPing(byte[] expectId, NodeAddress to, Consumer<byte[]> done) {
        Discv4.Ping ping = new Discv4.Ping(Discv4.VERSION, selfEndpoint(), new Endpoint(to.ip(), to.port(), to.port()),
                expiration(), -1);
        byte[] enc = Discv4.encode(key, ping);
        ByteBuffer h = ByteBuffer.wrap(Discv4.hashOf(enc));
        PendingPing mine = new PendingPing(expectId, to, done);
        List<PendingPing> waiting = pendingPings.computeIfAbsent(h, k -> new ArrayList<>(1));
        boolean inFlight = !waiting.isEmpty();
        waiting.add(mine);
        scheduler.schedule(config.respMillis() * 2, () -> {
            List<PendingPing> w = pendingPings.get(h);
            if (w != null && w.removeIf(p -> p == mine)) {
                if (w.isEmpty()) {
                    pendingPings.remove(h);
                }
                done.accept(null);
            }
        });
        if (!inFlight) {
            sendPacket(to, ping, enc);
        }
    }

    private void onFindNode(NodeAddress from, Discv4.Decoded d, FindNode f) {
        if (scheduler.nowMillis() - db.lastPong(d.sender()) > EthConfig.BOND_MILLIS) {
            count("findnode.unbonded");
            return;
        }
        List<Node> closest = table.closest(NodeKey.keccak256(f.target()), config.bucketSize());
        List<NodeRecord> recs = new ArrayList<>();
        for (Node n : closest) {
            recs.add(n.record());
            if (recs.size() == Discv4.MAX_NEIGHBORS) {
                Neighbors nb = new Neighbors(recs, expiration());
                sendPacket(from, nb, Discv4.encode(key, nb));
                recs = new ArrayList<>();
            }
        }
        if (!recs.isEmpty() || closest.isEmpty()) {
            Neighbors nb = new Neighbors(recs, expiration());
            sendPacket(from, nb, Discv4.encode(key, nb));
        }
    }

    private void onNeighbors(Discv4.Decoded d, Neighbors n) {
        PendingFind p = pendingFinds.get(ByteBuffer.wrap(d.sender()));
        if (p == null || p.finished) {
            count("unsolicited");
            return;
        }
        for (NodeRecord r : n.nodes()) {
            if (NodeKey.isValidId(r.id())) {
                p.got.add(r);
            }
        }
        if (p.got.size() >= config.bucketSize()) {
            finishFind(d.sender(), p);
        }
    }

    private void finishFind(byte[] id, PendingFind p) {
        if (p.finished) {
            return;
        }
        p.finished = true;
        pendingFinds.remove(ByteBuffer.wrap(id));
        p.done.accept(p.got);
    }

    /**
     * Sends findnode to {@code n} once the endpoint proof holds both ways (geth's ensureBond: unless {@code n} pinged
     * us within the bond time, ping it and give it respMillis to ping back); {@code done} gets the nodes returned.
     */
    private void findNode(Node n, byte[] target, Consumer<List<NodeRecord>> done) {
        int ep = epoch;
        Runnable ask = () -> {
            if (!live(ep)) {
                done.accept(List.of());
                return;
            }
            PendingFind old = pendingFinds.get(n.key());
            if (old != null) {
                done.accept(List.of()); // one query at a time per node
                return;
            }
            PendingFind p = new PendingFind(done);
            pendingFinds.put(n.key(), p);
            FindNode f = new FindNode(target, expiration());
            sendPacket(n.udp, f, Discv4.encode(key, f));
            scheduler.schedule(config.respMillis(), () -> finishFind(n.id, p));
        };
        if (scheduler.nowMillis() - db.lastPing(n.id) > EthConfig.BOND_MILLIS) {
            sendPing(n.id, n.udp, id -> {
                if (id == null) {
                    done.accept(null);
                } else {
                    scheduler.schedule(config.respMillis(), ask);
                }
            });
        } else {
            ask.run();
        }
    }

    // --- lookups ---

    /** geth's iterative lookup: alpha queries at a time towards the closest unasked nodes; results are bonded. */
    private void lookup(byte[] target, Consumer<List<Node>> done) {
        count("lookups");
        byte[] th = NodeKey.keccak256(target);
        int ep = epoch;
        List<Node> result = table.closest(th, config.bucketSize());
        Set<ByteBuffer> asked = new HashSet<>();
        Set<ByteBuffer> seenIds = new HashSet<>();
        asked.add(ByteBuffer.wrap(selfId));
        for (Node n : result) {
            seenIds.add(n.key());
        }
        int[] pending = {0};
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            if (!live(ep)) {
                return;
            }
            for (Node n : List.copyOf(result)) {
                if (pending[0] >= EthConfig.ALPHA) {
                    break;
                }
                if (asked.add(n.key())) {
                    pending[0]++;
                    findNode(n, target, got -> {
                        pending[0]--;
                        if (got == null || got.isEmpty()) {
                            NodeDb.Rec r = db.get(n.id);
                            if (r != null && ++r.findFails >= 5 && table.contains(n.id)) {
                                table.remove(table.get(n.id));
                            }
                        } else {
                            for (NodeRecord rec : got) {
                                if (Arrays.equals(rec.id(), selfId) || !seenIds.add(ByteBuffer.wrap(rec.id()))) {
                                    continue;
                                }
                                Node m = new Node(rec.id(), new NodeAddress(rec.ip(), rec.udp()), rec.tcp());
                                bond(m);
                                result.add(m);
                            }
                            result.sort(EthTable.byDistanceTo(th));
                            while (result.size() > config.bucketSize()) {
                                result.remove(result.size() - 1);
                            }
                        }
                        step[0].run();
                    });
                }
            }
            if (pending[0] == 0) {
                done.accept(result);
            }
        };
        step[0].run();
    }

    /** Bonds with a node found in a lookup (geth 1.7/1.8.0's bondall): a ping unless it answered one recently. */
    private void bond(Node n) {
        int ep = epoch;
        if (scheduler.nowMillis() - db.lastPong(n.id) <= EthConfig.BOND_MILLIS) {
            bonded(n);
            return;
        }
        sendPing(n.id, n.udp, id -> {
            if (id != null && live(ep)) {
                bonded(n);
            }
        });
    }

    /** geth's doRefresh: seed the table from the db and the bootnodes, look up our own id, then 3 random targets. */
    private void refresh(int ep, Runnable then) {
        refresh(ep, then, () -> {});
    }

    private void refresh(int ep, Runnable then, Runnable bonded) {
        long now = scheduler.nowMillis();
        for (Node s : db.querySeeds(config.seedCount(), now, rng)) {
            table.add(new Node(s.id, s.hash, s.udp, s.tcp), now);
        }
        List<NodeAddress> boot = bootnodes;
        if (boot.isEmpty()) {
            bonded.run();
            lookups(ep, then);
            return;
        }
        int[] left = {boot.size()};
        for (NodeAddress b : boot) {
            sendPing(null, b, id -> {
                if (id != null && live(ep)) {
                    bonded(new Node(id, b, b.port()));
                }
                if (--left[0] == 0) {
                    bonded.run();
                    lookups(ep, then);
                }
            });
        }
    }

    private void lookups(int ep, Runnable then) {
        if (!live(ep)) {
            then.run();
            return;
        }
        lookup(selfId, r -> {
            then.run();
            randomLookups(ep, 3);
        });
    }

    private void randomLookups(int ep, int left) {
        if (left == 0 || !live(ep)) {
            return;
        }
        lookup(randomTarget(), r -> randomLookups(ep, left - 1));
    }

    private byte[] randomTarget() {
        byte[] t = new byte[NodeKey.ID_BYTES];
        rng.nextBytes(t);
        return t;
    }

    private void refreshLoop(int ep) {
        if (!live(ep)) {
            return;
        }
        refresh(ep, () -> {});
        scheduler.schedule(config.refreshMillis(), () -> refreshLoop(ep));
    }

    private void revalidate(int ep) {
        if (!live(ep)) {
            return;
        }
        Node last = table.revalidationTarget(rng);
        if (last != null) {
            count("revalidations");
            sendPing(last.id, last.udp, id -> {
                if (!live(ep)) {
                    return;
                }
                if (id != null) {
                    table.bump(last);
                } else {
                    table.replace(last, rng);
                }
            });
        }
        scheduler.schedule(Math.max(1, (long) (rng.nextDouble() * config.revalidateMillis())), () -> revalidate(ep));
    }

    /** geth 1.8's copyLiveNodes: nodes in the table for 5 minutes (seedAgeMillis) become seeds for the next start. */
    private void copyLiveNodes(int ep) {
        if (!live(ep)) {
            return;
        }
        long now = scheduler.nowMillis();
        for (Node n : table.nodes()) {
            if (now - n.addedAt >= config.seedAgeMillis()) {
                db.touch(n).seed = true;
            }
        }
        scheduler.schedule(config.copyLiveMillis(), () -> copyLiveNodes(ep));
    }

    // --- dialing (geth's dialstate.newTasks) ---

    private int dialedCount() {
        return peers.count(p -> !p.inbound && p.connection.isOpen());
    }

    private int activeCount() {
        return peers.count(p -> p.active && p.connection.isOpen());
    }

    private int activeInbound() {
        return peers.count(p -> p.active && p.inbound && p.connection.isOpen());
    }

    private boolean connectedTo(byte[] id) {
        return peers.any(p -> p.id != null && Arrays.equals(p.id, id) && p.connection.isOpen());
    }

    private boolean canDial(Node n, long now) {
        if (Arrays.equals(n.id, selfId) || connectedTo(n.id) || dialing.contains(n.key())) {
            return false;
        }
        Long last = dialHistory.get(n.key());
        return last == null || now - last >= EthConfig.DIAL_HISTORY_MILLIS;
    }

    private void dialLoop(int ep) {
        if (!live(ep)) {
            return;
        }
        long now = scheduler.nowMillis();
        // geth's dialstate.newTasks: needDynDials = maxDynDials - dialled peers - dials in progress, whatever the inbound
        // peers hold (a dial that finds every slot taken is refused at our own checkpoint, as geth's addpeer does). Not
        // min(maxDialed, maxPeers - active) - dialled: that subtracted the dialled peers twice, so a node whose inbound
        // slots were full stopped dialling at half its dial slots (4 of geth 1.8's 8).
        int need = config.maxDialed() - dialedCount() - dialing.size();
        if (need > 0) {
            int fromTable = need / 2;
            for (Node n : table.randomNodes(fromTable, rng)) {
                if (need > 0 && canDial(n, now)) {
                    dial(n, now);
                    need--;
                }
            }
            while (need > 0 && !lookupBuf.isEmpty()) {
                Node n = lookupBuf.remove(0);
                if (canDial(n, now)) {
                    dial(n, now);
                    need--;
                }
            }
            if (need > 0 && !lookupRunning && now - lastDialLookup >= LOOKUP_INTERVAL_MILLIS) {
                lookupRunning = true;
                lastDialLookup = now;
                lookup(randomTarget(), r -> {
                    if (live(ep)) {
                        lookupRunning = false;
                        lookupBuf.addAll(r);
                    }
                });
            }
        }
        scheduler.schedule(config.dialMillis(), () -> dialLoop(ep));
    }

    private void dial(Node n, long now) {
        count("dials");
        dialHistory.put(n.key(), now);
        dialing.add(n.key());
        streams.connect(n.tcpAddress(), new Peer(false, n.id, n.tcpAddress()));
    }

    // --- devp2p ---

    private Hello hello() {
        return new Hello(DevP2p.P2P_VERSION, CLIENT_ID, List.of(new DevP2p.Cap("eth", 63)), address().port(), selfId);
    }

    private DevP2p.Status status() {
        return DevP2p.Status.at(config.networkId(), DevP2p.MAINNET_GENESIS);
    }

    private void send(Peer p, Msg m) {
        if (p.connection != null && p.link != null && p.link.established() && p.connection.send(p.link.seal(DevP2p.encode(m, p.snappy)))) {
            counts[1]++;
            if (m instanceof Transactions) {
                counts[0]++;
            }
        }
    }

    private void disconnect(Peer p, int reason) {
        send(p, new Disconnect(reason));
        p.connection.close();
    }

    private void onMessage(Peer p, Msg m) {
        if (m instanceof Hello h) {
            onHello(p, h);
            return;
        }
        if (m instanceof Disconnect) {
            p.connection.close();
            return;
        }
        if (!p.active) {
            count("malformed");
            p.connection.reset();
            return;
        }
        if (m instanceof DevP2p.PingMsg) {
            send(p, new DevP2p.PongMsg());
        } else if (m instanceof DevP2p.Status st) {
            onStatus(p, st);
        } else if (m instanceof Transactions t) {
            if (!p.statusOk) {
                // geth: the first eth message must be Status
                count("malformed");
                p.connection.reset();
                return;
            }
            onTransactions(p, t);
        }
    }

    /** geth's eth handshake (readStatus): same eth version, network id and genesis, else DiscSubprotocolError. */
    private void onStatus(Peer p, DevP2p.Status st) {
        if (p.statusOk) {
            count("malformed");
            p.connection.reset();
            return;
        }
        if (st.mismatch(status()) != null) {
            count("status.mismatch");
            disconnect(p, DevP2p.DISC_SUBPROTOCOL_ERROR);
            return;
        }
        p.statusOk = true;
    }

    private void onHello(Peer p, Hello h) {
        if (p.active) {
            count("malformed");
            p.connection.reset();
            return;
        }
        // the dialler, its Hello sent, now has both: compress from here on (geth: after doProtoHandshake, so a
        // Disconnect it sends now is compressed too, and the listener, which answered with its Hello, expects that)
        p.snappy = p.helloSent && h.version() >= DevP2p.SNAPPY_VERSION;
        byte[] authenticated = p.link.remoteId();
        if (!Arrays.equals(h.nodeId(), authenticated)) {
            // geth's setupConn: the Hello must name the key the RLPx handshake authenticated
            count("unexpected_identity");
            disconnect(p, DevP2p.DISC_UNEXPECTED_IDENTITY);
            return;
        }
        if (Arrays.equals(authenticated, selfId)) {
            disconnect(p, DevP2p.DISC_SELF);
            return;
        }
        if (p.inbound) {
            p.id = authenticated;
            p.listening = new NodeAddress(p.connection.remote().ip(), h.listenPort());
        }
        for (Peer q : peers.values()) {
            if (q != p && q.active && Arrays.equals(q.id, h.nodeId()) && q.connection.isOpen()) {
                disconnect(p, DevP2p.DISC_ALREADY_CONNECTED);
                return;
            }
        }
        if (p.inbound && (activeInbound() >= config.maxInbound() || activeCount() >= config.maxPeers())) {
            count("inbound.refused");
            disconnect(p, DevP2p.DISC_TOO_MANY_PEERS);
            return;
        }
        if (!p.inbound && activeCount() >= config.maxPeers()) {
            disconnect(p, DevP2p.DISC_TOO_MANY_PEERS);
            return;
        }
        p.active = true;
        if (p.inbound) {
            send(p, hello());
            p.helloSent = true;
            p.snappy = h.version() >= DevP2p.SNAPPY_VERSION;
        }
        send(p, status());
    }

    // --- Broadcast ---

    @Override
    public long publish(byte[] payload) {
        byte[] addr = address().toCompact();
        byte[] data = new byte[addr.length + Math.min(64, payload.length)];
        System.arraycopy(addr, 0, data, 0, addr.length);
        System.arraycopy(payload, 0, data, addr.length, data.length - addr.length);
        DevP2p.Tx tx = DevP2p.transaction(key, ++published, new byte[20], data);
        long id = id64(tx.hash());
        seen.add(id);
        deliver(id, address(), 0);
        relay(tx, 0, null, id);
        return id;
    }

    static long id64(byte[] hash) {
        return ByteBuffer.wrap(hash).getLong();
    }

    private void relay(DevP2p.Tx tx, int hops, Peer from, long id) {
        Transactions m = new Transactions(List.of(new HopTx(hops, tx)));
        for (Peer p : peers.values()) {
            if (p != from && p.active && p.statusOk && p.connection.isOpen() && p.known.add(id)) {
                send(p, m);
            }
        }
    }

    private void onTransactions(Peer p, Transactions t) {
        for (HopTx ht : t.txs()) {
            long id = id64(ht.tx().hash());
            p.known.add(id);
            if (seen.contains(id) || oldSeen.contains(id)) {
                count("duplicates");
                continue;
            }
            seen.add(id);
            byte[] data = ht.tx().data();
            NodeAddress origin = data.length >= 6 ? NodeAddress.fromCompact(data, 0) : null;
            int hops = Math.min(255, ht.hops() + 1);
            deliver(id, origin, hops);
            relay(ht.tx(), hops, p, id);
        }
    }

    @Override
    public void addDeliveryListener(DeliveryListener listener) {
        listeners.add(listener);
    }

    private void deliver(long id, NodeAddress origin, int hops) {
        count("delivered");
        if (listeners.isEmpty() || origin == null) {
            return;
        }
        Delivery d = new Delivery(id, NodeId.ofAddress(origin), nid, hops, scheduler.nowMillis());
        for (DeliveryListener l : listeners) {
            l.delivered(d);
        }
    }

    // --- Ping capability: a discv4 ping ---

    @Override
    public CompletableFuture<Boolean> ping(NodeAddress to) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (!running || !up) {
                f.complete(false);
                return;
            }
            sendPing(null, to, id -> f.complete(id != null));
        });
        return f;
    }
}
