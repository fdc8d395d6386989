package io.p2ptestbed.overlay.bitcoin;

import io.p2ptestbed.overlay.bitcoin.Message.Addr;
import io.p2ptestbed.overlay.bitcoin.Message.BlockMsg;
import io.p2ptestbed.overlay.bitcoin.Message.GetAddr;
import io.p2ptestbed.overlay.bitcoin.Message.Inventory;
import io.p2ptestbed.overlay.bitcoin.Message.InvItem;
import io.p2ptestbed.overlay.bitcoin.Message.NetAddr;
import io.p2ptestbed.overlay.bitcoin.Message.Ping;
import io.p2ptestbed.overlay.bitcoin.Message.Pong;
import io.p2ptestbed.overlay.bitcoin.Message.TimedAddr;
import io.p2ptestbed.overlay.bitcoin.Message.TxMsg;
import io.p2ptestbed.overlay.bitcoin.Message.Verack;
import io.p2ptestbed.overlay.bitcoin.Message.Version;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import com.carrotsearch.hppc.LongHashSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * A Bitcoin node on the stream transport, after Bitcoin Core's net.cpp and net_processing.cpp: the version /
 * verack handshake; {@code outbound} full outbound connections chosen from the address manager (one per /16
 * group) and up to {@code maxInbound} inbound ones; addr gossip (getaddr answered with 23% of the table, at most
 * 1,000; self-advertisement to outbound peers; small addr messages relayed to 2 peers); feeler connections,
 * test-before-evict and anchors as switched in {@link BitcoinConfig}; and relay by inv, getdata, then tx or block,
 * with a seen cache and Poisson-delayed (trickled) announcements.
 *
 * <p>Departures, stated (docs/bitcoin.md): inventory types carry the announcer's hop count in bits 16..23 (see
 * {@link BitcoinCodec}); a transaction's scriptSig starts with its origin's 6-byte address, so every node can name
 * its origin; a joiner bootstraps from the harness's seeds with a one-shot getaddr connection (Core's -seednode)
 * in place of DNS seeds, and a node whose inbound slots are full still answers that getaddr before it closes; no
 * inbound eviction (Core 0.12+), no block-relay-only connections (anchors are full-relay peers), no transaction
 * validation beyond the format (the lab's transactions spend nothing).
 */
public final class BitcoinNode implements OverlayNode, Broadcast, BitcoinView, io.p2ptestbed.overlay.spi.Ping {

    public static final String PROTOCOL = "bitcoin";
    /** Seconds since the Unix epoch at scheduler time 0: 2026-01-01 (addr timestamps are absolute). */
    public static final long LAB_EPOCH_SECONDS = 1_767_225_600L;
    /** Core's GETDATA_TX_INTERVAL: an item asked for and not received is asked from the next announcer after this. */
    public static final long GETDATA_TIMEOUT_MILLIS = 60_000;
    /** How long a one-shot (seed, feeler, probe) connection may stay up. */
    public static final long ONESHOT_MILLIS = 10_000;
    static final String USER_AGENT = "/p2p-testbed-bitcoin:0.1/";
    /** Core's DNSSEEDS_TO_QUERY_AT_ONCE. */
    static final int SEEDS_AT_ONCE = 3;
    /** Core's DNSSEEDS_DELAY_FEW_PEERS: the wait before asking seeds again, and the period of the check. */
    static final long SEED_CHECK_MILLIS = 11_000;
    /** Core's DNSSEEDS_DELAY_MANY_PEERS: the wait when the tables hold DNSSEEDS_DELAY_PEER_THRESHOLD addresses. */
    static final long SEED_DELAY_MANY_MILLIS = 300_000;
    /** Core's DNSSEEDS_DELAY_PEER_THRESHOLD. */
    static final int SEED_MANY_PEERS = 1_000;

    enum Kind { FULL, FEELER, SEED, PROBE, INBOUND }

    private static final List<String> COUNTERS = List.of("broadcast_sent", "sent", "received", "malformed", "unknown",
            "delivered", "duplicates", "addr.received", "addr.relayed", "feelers", "feelers.ok", "tests", "seeds",
            "outbound.attempts", "outbound.failed", "inbound.refused", "inbound.overflow", "getdata.retries",
            "early", "restarts");
    private final long[] counts = new long[COUNTERS.size()];
    private static final int BROADCAST_SENT = 0;
    private static final int SENT = 1;
    private static final int RECEIVED = 2;
    private static final int DELIVERED = COUNTERS.indexOf("delivered");
    private static final int DUPLICATES = COUNTERS.indexOf("duplicates");
    private static final int ADDR_RECEIVED = COUNTERS.indexOf("addr.received");
    private static final int ADDR_RELAYED = COUNTERS.indexOf("addr.relayed");

    private final NodeId id;
    private final BitcoinConfig config;
    private final StreamTransport streams;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final BitcoinCodec codec;
    private final AddrMan addrMan;
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    /** Peers by connection id, in the order they opened. */
    private final Map<Long, Peer> peers = new LinkedHashMap<>();
    /** The peers in the same order, as an array for the relay's loops (null after a change: rebuilt when next read). */
    private Peer[] peerArray;
    /**
     * Beside {@link #peerArray}, each peer's slot (see {@link PeerSlots}) and connection id: the relay's loops over a
     * node's peers read these node-local arrays and bits, and reach a peer's own object (and its connection's) only for
     * the few peers they act on (session 14: touching every peer's objects per announcement missed the caches many
     * times per transaction per node at N = 10,000).
     */
    private int[] peerSlotArray;
    private long[] peerConnIdArray;
    private final PeerSlots slots = new PeerSlots();
    /** Whether the old seen-cache generation holds no item (it never gains any after {@link #rotate}). */
    private boolean oldItemsEmpty = true;
    /** Outbound connects under way, by address. */
    private final Map<NodeAddress, Kind> connecting = new LinkedHashMap<>();
    /** Relayed items by 64-bit id, two generations (the seen cache: primitive arrays, no object per item). */
    private SeenItems items = new SeenItems();
    private SeenItems oldItems = new SeenItems();
    /** Where the last {@link #find} found its item (the generation and slot), if it did. */
    private SeenItems foundIn;
    private int foundSlot;
    /** The packed value the last {@link #find} found (slot, have bit, type and hops). */
    private long foundValue;
    private boolean foundHave;
    /** Items announced, in order: every relaying peer's trickle queue of inventory entries is a cursor into it. */
    private final AnnounceLog announced = new AnnounceLog();
    /** Addresses relayed already, two generations of seenMillis: each is relayed once (Core: per-peer known filters). */
    private LongHashSet relayed = new LongHashSet();
    private LongHashSet oldRelayed = new LongHashSet();
    private final Map<Long, List<CompletableFuture<Boolean>>> pings = new HashMap<>();
    private List<NodeAddress> anchors = List.of();
    private List<NodeAddress> seeds = List.of();
    private final Handler inboundHandler = new Handler(Kind.INBOUND, null);
    private CompletableFuture<Void> joined;
    private Cancellable maintenance;
    private boolean running;
    private boolean up;
    private long published;
    private long lastSeedMillis = Long.MIN_VALUE / 2;
    /** The next seed to ask (the seeds are asked in turn from a random one). */
    private int seedCursor;
    /** The DNS-seeding check while it runs (Core's ThreadDNSAddressSeed), or null. */
    private Cancellable seeding;

    public BitcoinNode(NodeId id, BitcoinConfig config, StreamTransport streams, Scheduler scheduler, RandomGenerator rng) {
        this.id = id;
        this.config = config;
        this.streams = streams;
        this.scheduler = scheduler;
        this.rng = rng;
        this.codec = new BitcoinCodec(config.maxPayload());
        this.addrMan = new AddrMan(config, rng);
    }

    /** One connection's state. */
    private final class Peer {
        final Connection connection;
        final Kind kind;
        /** Where the peer listens: the address we dialled, or (inbound) its source ip with the port its version names. */
        NodeAddress listening;
        boolean versionReceived;
        boolean handshaken;
        /** Inbound beyond the slots: answer its getaddr, then close. */
        boolean overflow;
        boolean sentGetAddr;
        boolean answeredGetAddr;
        /** Where this peer is in the node's announcement log (its trickle queue of inventory entries). */
        final AnnounceLog.Cursor inv = new AnnounceLog.Cursor();
        /** Addresses to send at the next flush, as triples: time, services, {@code ip << 16 | port} (no object each). */
        long[] pendingAddr = NO_ADDR;
        int pendingAddrCount;
        boolean trickling;
        /** Until when (seconds) and while the address manager's edits stay at connectedEdits, Connected is a no-op. */
        long connectedQuietUntil = Long.MIN_VALUE;
        long connectedEdits;
        /** This peer's slot in {@link #slots} while it is one of the node's peers. */
        final int slot;

        Peer(Connection connection, Kind kind) {
            this.connection = connection;
            this.kind = kind;
            this.slot = slots.take(this);
        }

        boolean relays() {
            return handshaken && !overflow && connection.isOpen() && (kind == Kind.FULL || kind == Kind.INBOUND);
        }

        void queueAddr(long time, long services, int ip, int port) {
            int at = 3 * pendingAddrCount++;
            if (at == pendingAddr.length) {
                pendingAddr = java.util.Arrays.copyOf(pendingAddr, Math.max(12, 2 * pendingAddr.length));
            }
            pendingAddr[at] = time;
            pendingAddr[at + 1] = services;
            pendingAddr[at + 2] = (ip & 0xFFFFFFFFL) << 16 | (port & 0xFFFF);
        }
    }

    private static final long[] NO_ADDR = new long[0];

    /**
     * An item announced to this node and asked for, not received yet (gone from the seen cache once it is). One object
     * (session 14: it was four, with its hash array, its announcer list and that list's array, each a cache miss per
     * item per node at N = 10,000): the hash as four words, the first two announcers in fields, more in an array.
     */
    private static final class Pending {
        private final long h0;
        private final long h1;
        private final long h2;
        private final long h3;
        final int type;
        /** Peers that announced it, in order: the first two, then the others. */
        private Peer first;
        private Peer second;
        private Peer[] more;
        private int announcerCount;
        Peer requestedFrom;
        long requestedAt;
        boolean received;

        /** The item whose 32-byte hash is at {@code frame[at, at + 32)}. */
        Pending(byte[] frame, int at, int type) {
            this.h0 = BitcoinCodec.getLong(frame, at);
            this.h1 = BitcoinCodec.getLong(frame, at + 8);
            this.h2 = BitcoinCodec.getLong(frame, at + 16);
            this.h3 = BitcoinCodec.getLong(frame, at + 24);
            this.type = type;
        }

        byte[] hash() {
            byte[] h = new byte[32];
            long[] words = {h0, h1, h2, h3};
            for (int w = 0; w < 4; w++) {
                BitcoinCodec.putInt(h, 8 * w, (int) words[w]);
                BitcoinCodec.putInt(h, 8 * w + 4, (int) (words[w] >>> 32));
            }
            return h;
        }

        void announcedBy(Peer p) {
            int k = announcerCount++;
            if (k == 0) {
                first = p;
            } else if (k == 1) {
                second = p;
            } else {
                if (more == null || k - 2 == more.length) {
                    more = more == null ? new Peer[2] : java.util.Arrays.copyOf(more, 2 * more.length);
                }
                more[k - 2] = p;
            }
        }

        int announcers() {
            return announcerCount;
        }

        Peer announcer(int k) {
            return k == 0 ? first : k == 1 ? second : more[k - 2];
        }
    }

    private long nowSeconds() {
        return LAB_EPOCH_SECONDS + clockSkipSeconds + scheduler.nowMillis() / 1000;
    }

    /** How much later this node's Bitcoin clock reads than its scheduler (see {@link #restart(long, long)}). */
    private long clockSkipSeconds;

    private void count(String name) {
        counts[COUNTERS.indexOf(name)]++;
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

    @Override
    public BitcoinConfig config() {
        return config;
    }

    @Override
    public AddrMan addrMan() {
        return addrMan;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        up = true;
        streams.listen(inboundHandler);
        scheduler.schedule(config.seenMillis(), this::rotate);
        scheduleFeeler();
        maintenance = scheduler.schedule(config.connectMillis(), this::maintain);
    }

    private void rotate() {
        if (!running) {
            return;
        }
        oldItems = items;
        oldItemsEmpty = oldItems.size() == 0;
        items = new SeenItems();
        oldRelayed = relayed;
        relayed = new LongHashSet();
        scheduler.schedule(config.seenMillis(), this::rotate);
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seedList) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            joined = done;
            List<NodeAddress> s = new ArrayList<>();
            for (NodeAddress a : seedList) {
                if (!a.equals(address())) {
                    s.add(a);
                    addrMan.add(a, a, nowSeconds(), 0, nowSeconds());
                }
            }
            seeds = List.copyOf(s);
            if (seeds.isEmpty()) {
                done.complete(null);
            } else {
                seedCursor = rng.nextInt(seeds.size());
                querySeeds();
                startSeeding();
            }
        });
        return done;
    }

    /**
     * Core's ThreadDNSAddressSeed, with the lab's seed nodes for DNS seeds: {@link #SEEDS_AT_ONCE} of them asked
     * at once (one-shot connections: version, own address, getaddr), the next ones in turn.
     */
    private void querySeeds() {
        lastSeedMillis = scheduler.nowMillis();
        for (int i = 0; i < Math.min(SEEDS_AT_ONCE, seeds.size()); i++) {
            NodeAddress s = seeds.get(seedCursor);
            seedCursor = (seedCursor + 1) % seeds.size();
            if (!connecting.containsKey(s) && !connectedTo(s)) {
                count("seeds");
                open(s, Kind.SEED);
            }
        }
    }

    /**
     * Core's DNS seeding after the first query (and after a restart): every 11 s, stop once at least 2 full outbound
     * connections are up; otherwise, once the wait has passed (11 s with fewer than 1,000 known addresses, 5 minutes
     * with more), ask the next seeds. Core then falls back on its fixed seeds; the lab's node goes on through its
     * seeds in turn (they are nodes whose slots may have been full, where DNS seeds always answer).
     */
    private void startSeeding() {
        if (seeding != null) {
            seeding.cancel();
        }
        seeding = seeds.isEmpty() ? null : scheduler.schedule(SEED_CHECK_MILLIS, this::checkSeeding);
    }

    private void checkSeeding() {
        seeding = null;
        if (!running) {
            return;
        }
        if (up && fullOutboundUp() >= 2) {
            return;
        }
        long wait = addrMan.size() >= SEED_MANY_PEERS ? SEED_DELAY_MANY_MILLIS : SEED_CHECK_MILLIS;
        if (up && scheduler.nowMillis() - lastSeedMillis >= wait) {
            querySeeds();
        }
        seeding = scheduler.schedule(SEED_CHECK_MILLIS, this::checkSeeding);
    }

    /** Handshaken full outbound connections (Core's nRelevant in the DNS seed thread). */
    private int fullOutboundUp() {
        int n = 0;
        for (Peer p : peerArray()) {
            if (p.kind == Kind.FULL && p.handshaken && p.connection.isOpen()) {
                n++;
            }
        }
        return n;
    }

    private void joinedNow() {
        if (joined != null && !joined.isDone()) {
            joined.complete(null);
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        up = false;
        if (maintenance != null) {
            maintenance.cancel();
        }
        if (seeding != null) {
            seeding.cancel();
        }
        for (Peer p : List.copyOf(peers.values())) {
            p.connection.reset();
        }
        peers.clear();
        peerArray = null;
        slots.clear();
        streams.close();
        failPings();
        joinedNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<Contact> neighbours() {
        List<Contact> out = new ArrayList<>();
        for (NodeAddress a : outboundPeers()) {
            out.add(new Contact(NodeId.ofAddress(a), a));
        }
        return out;
    }

    @Override
    public List<NodeAddress> outboundPeers() {
        List<NodeAddress> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.kind == Kind.FULL && p.handshaken && p.connection.isOpen()) {
                out.add(p.listening);
            }
        }
        return out;
    }

    @Override
    public List<NodeAddress> inboundPeers() {
        List<NodeAddress> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.kind == Kind.INBOUND && !p.overflow && p.connection.isOpen()) {
                out.add(p.connection.remote());
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < COUNTERS.size(); i++) {
            m.put(COUNTERS.get(i), counts[i]);
        }
        m.put("connections.outbound", (long) outboundPeers().size());
        m.put("connections.inbound", (long) inboundPeers().size());
        m.put("addrman.new", (long) addrMan.newSize());
        m.put("addrman.tried", (long) addrMan.triedSize());
        m.put("addrman.collisions", (long) addrMan.collisions());
        m.putAll(streams.counters().asMap());
        return m;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == Broadcast.class || type == BitcoinView.class || type == BitcoinNode.class
                || type == io.p2ptestbed.overlay.spi.Ping.class) {
            return Optional.of(type.cast(this));
        }
        return Optional.empty();
    }

    // --- restart (peers.dat and anchors.dat survive) ---

    @Override
    public void restart(long downMillis) {
        restart(downMillis, 0);
    }

    @Override
    public void restart(long downMillis, long skipSeconds) {
        if (!running) {
            return;
        }
        if (skipSeconds < 0) {
            throw new IllegalArgumentException("a restart cannot move the clock back: skip " + skipSeconds + " s");
        }
        clockSkipSeconds += skipSeconds;
        count("restarts");
        List<NodeAddress> out = outboundPeers();
        anchors = config.anchors() ? List.copyOf(out.subList(0, Math.min(2, out.size()))) : List.of();
        up = false;
        for (Peer p : List.copyOf(peers.values())) {
            p.connection.reset();
        }
        peers.clear();
        peerArray = null;
        slots.clear();
        connecting.clear();
        failPings();
        scheduler.schedule(Math.max(0, downMillis), () -> {
            if (running) {
                up = true;
                lastSeedMillis = scheduler.nowMillis(); // Core waits before asking DNS seeds when it knows addresses
                startSeeding();
                maintain();
            }
        });
    }

    // --- the connection loop ---

    private void maintain() {
        if (!running) {
            return;
        }
        if (maintenance != null) {
            maintenance.cancel();
        }
        if (up) {
            long now = nowSeconds();
            addrMan.resolveCollisions(now);
            if (config.testBeforeEvict()) {
                NodeAddress t = addrMan.collisionToTest();
                if (t != null && !connecting.containsKey(t) && !connectedTo(t)) {
                    addrMan.attempt(t, now);
                    count("tests");
                    open(t, Kind.FEELER);
                }
            }
            fillOutbound();
        }
        long next = outboundCount() < config.outbound() ? config.connectMillis() : 10 * config.connectMillis();
        maintenance = scheduler.schedule(next, this::maintain);
    }

    private Peer[] peerArray() {
        if (peerArray == null) {
            peerArray = peers.values().toArray(new Peer[0]);
            peerSlotArray = new int[peerArray.length];
            peerConnIdArray = new long[peerArray.length];
            for (int i = 0; i < peerArray.length; i++) {
                peerSlotArray[i] = peerArray[i].slot;
                peerConnIdArray[i] = peerArray[i].connection.id();
            }
        }
        return peerArray;
    }

    /** Full outbound connections up or being opened. */
    private int outboundCount() {
        int n = 0;
        for (Peer p : peers.values()) {
            if (p.kind == Kind.FULL && p.connection.isOpen()) {
                n++;
            }
        }
        for (Kind k : connecting.values()) {
            if (k == Kind.FULL) {
                n++;
            }
        }
        return n;
    }

    private boolean connectedTo(NodeAddress a) {
        for (Peer p : peers.values()) {
            if (a.equals(p.listening) && p.connection.isOpen()) {
                return true;
            }
        }
        return false;
    }

    private boolean groupTaken(int group) {
        for (Peer p : peers.values()) {
            if (p.kind == Kind.FULL && p.listening != null && addrMan.group(p.listening) == group) {
                return true;
            }
        }
        for (Map.Entry<NodeAddress, Kind> e : connecting.entrySet()) {
            if (e.getValue() == Kind.FULL && addrMan.group(e.getKey()) == group) {
                return true;
            }
        }
        return false;
    }

    /** Core's ThreadOpenConnections: anchors first, then addresses from the tables, one per /16 group. */
    private void fillOutbound() {
        while (!anchors.isEmpty() && outboundCount() < config.outbound()) {
            NodeAddress a = anchors.get(0);
            anchors = anchors.subList(1, anchors.size());
            if (!connectedTo(a) && !connecting.containsKey(a)) {
                addrMan.attempt(a, nowSeconds());
                open(a, Kind.FULL);
            }
        }
        long now = nowSeconds();
        int tries = 0;
        while (outboundCount() < config.outbound() && tries < 100) {
            tries++;
            NodeAddress a = addrMan.select(false, outboundCount(), now);
            if (a == null) {
                return;
            }
            if (a.equals(address()) || connectedTo(a) || connecting.containsKey(a) || groupTaken(addrMan.group(a))) {
                continue;
            }
            AddrMan.Info info = addrMan.find(a);
            if (info != null && now - info.lastTry() < 600 && tries < 30) {
                continue;
            }
            addrMan.attempt(a, now);
            count("outbound.attempts");
            open(a, Kind.FULL);
        }
    }

    private void scheduleFeeler() {
        long delay = poisson(config.feelerMillis());
        scheduler.schedule(delay, () -> {
            if (!running) {
                return;
            }
            if (up && config.feelers() && outboundCount() >= config.outbound()) {
                long now = nowSeconds();
                NodeAddress a = addrMan.select(true, outboundCount(), now);
                if (a != null && !a.equals(address()) && !connectedTo(a) && !connecting.containsKey(a)) {
                    addrMan.attempt(a, now);
                    count("feelers");
                    open(a, Kind.FEELER);
                }
            }
            scheduleFeeler();
        });
    }

    private long poisson(long mean) {
        if (mean <= 0) {
            return 0;
        }
        return Math.round(-StrictMath.log(1 - rng.nextDouble()) * mean);
    }

    private void open(NodeAddress to, Kind kind) {
        connecting.put(to, kind);
        streams.connect(to, new Handler(kind, to));
    }

    // --- Broadcast ---

    @Override
    public long publish(byte[] payload) {
        Tx tx = originTx(payload, 0);
        TxMsg m = new TxMsg(tx);
        return originate(m.txid(), InvItem.MSG_TX, codec.encode(m));
    }

    @Override
    public long publishBlock(int txCount) {
        List<Tx> txs = new ArrayList<>();
        for (int i = 0; i < Math.max(1, txCount); i++) {
            txs.add(originTx(("block tx " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII), i == 0 ? 5_000_000_000L : 0));
        }
        byte[] prev = new byte[32];
        Block b = new Block(0x20000000, prev, BitcoinCodec.merkleRoot(txs), nowSeconds(), 0x207fffffL,
                rng.nextLong() & 0xFFFFFFFFL, txs);
        return originate(BitcoinCodec.blockHash(b), InvItem.MSG_BLOCK, codec.encode(new Message.BlockMsg(b)));
    }

    private long originate(byte[] hash, int type, byte[] frame) {
        long mid = Hashes.id64(hash);
        items.add(mid, type, 0, frame);
        deliver(mid, 0, address());
        announce(hash, type, 0, null, null);
        return mid;
    }

    /** A transaction whose scriptSig names this node as its origin (6-byte address push), then the payload. */
    private Tx originTx(byte[] payload, long value) {
        byte[] addr = address().toCompact();
        byte[] data = payload.length > 75 ? java.util.Arrays.copyOf(payload, 75) : payload;
        byte[] script = new byte[1 + addr.length + 1 + data.length];
        script[0] = (byte) addr.length;
        System.arraycopy(addr, 0, script, 1, addr.length);
        script[1 + addr.length] = (byte) data.length;
        System.arraycopy(data, 0, script, 2 + addr.length, data.length);
        byte[] prev = new byte[32];
        long n = ++published;
        long r = rng.nextLong();
        for (int i = 0; i < 8; i++) {
            prev[i] = (byte) (n >>> (8 * i));
            prev[8 + i] = (byte) (r >>> (8 * i));
        }
        System.arraycopy(addr, 0, prev, 16, addr.length);
        return new Tx(2, List.of(new Tx.Input(prev, 0, script, 0xFFFFFFFFL)),
                List.of(new Tx.Output(value, new byte[] {0x6a})), 0);
    }

    /** The origin a transaction names in its first scriptSig push, or null. */
    static NodeAddress originOf(Tx tx) {
        byte[] s = tx.inputs().get(0).scriptSig();
        return s.length >= 7 && s[0] == 6 ? NodeAddress.fromCompact(s, 1) : null;
    }

    @Override
    public void addDeliveryListener(DeliveryListener listener) {
        listeners.add(listener);
    }

    private void deliver(long itemId, int hops, NodeAddress origin) {
        counts[DELIVERED]++;
        if (listeners.isEmpty() || origin == null) {
            return;
        }
        Delivery d = new Delivery(itemId, NodeId.ofAddress(origin), id, hops, scheduler.nowMillis());
        for (DeliveryListener l : listeners) {
            l.delivered(d);
        }
    }

    /** Queues an inv of an item to every relaying peer but those that announced it (and the one it came from). */
    /** {@code announced}: the request state whose announcers are left out (null: none). */
    private void announce(byte[] hash, int type, int hops, Pending announced, Peer from) {
        for (int k = 0, n = announced == null ? 0 : announced.announcers(); k < n; k++) {
            Peer q = announced.announcer(k);
            slots.mark(q, q.slot);
        }
        if (from != null) {
            slots.mark(from, from.slot);
        }
        Peer[] all = peerArray();
        AnnounceLog log = this.announced;
        if (log.isFull()) {
            long keep = log.end();
            for (Peer p : all) {
                if (p.relays()) {
                    keep = Math.min(keep, p.inv.next);
                }
            }
            log.compact(keep);
        }
        long index = log.append(type | Math.min(255, hops) << 16, hash);
        try {
            announceTo(all, index);
        } finally {
            slots.unmarkAll();
        }
    }

    private void announceTo(Peer[] all, long index) {
        int[] slotOf = peerSlotArray;
        // as before: every relaying peer but the announcers and the sender is trickled, and those are skipped; a peer
        // whose trickle timer runs already is left as it is (trickle would return at once), relaying or not
        for (int i = 0; i < all.length; i++) {
            int slot = slotOf[i];
            if (slots.marked(slot)) {
                Peer p = all[i];
                if (p.relays()) {
                    p.inv.skip(index); // or, when nothing else waits for it, moves past the entry
                }
            } else if (!slots.trickling(slot)) {
                Peer p = all[i];
                if (p.relays()) {
                    trickle(p);
                }
            }
        }
    }

    private void trickle(Peer p) {
        if (p.trickling) {
            return;
        }
        p.trickling = true;
        slots.trickling(p, p.slot, true);
        long mean = p.kind == Kind.INBOUND ? config.trickleMillis() : config.trickleMillis() * 2 / 5;
        scheduler.schedule(poisson(mean), () -> flush(p));
    }

    private void flush(Peer p) {
        p.trickling = false;
        slots.trickling(p, p.slot, false);
        if (!p.connection.isOpen() || !running) {
            return;
        }
        for (int left = announced.pending(p.inv); left > 0; ) {
            int n = Math.min(left, BitcoinCodec.MAX_INV);
            byte[] frame = BitcoinCodec.pooledInventoryFrame(n); // for this one peer: its receiver may recycle it
            announced.write(p.inv, n, frame, BitcoinCodec.inventoryOffset(n));
            BitcoinCodec.sealOnce(frame, Inventory.INV);
            sendFrame(p, frame, true);
            left -= n;
        }
        if (p.pendingAddrCount > 0) { // the bytes encode(new Addr(...)) wrote, straight from the queue
            sendFrame(p, BitcoinCodec.addrFrame(p.pendingAddr, p.pendingAddrCount), false);
            p.pendingAddrCount = 0;
        }
    }

    /**
     * Looks an item up in both generations; when found, {@link #foundIn} and {@link #foundSlot} say where, and
     * {@link #foundHave} whether the node has it (read from the lookup itself, not the slot's state).
     */
    private boolean find(long key) {
        long v = items.lookup(key);
        if (v != 0) {
            foundIn = items;
        } else {
            v = oldItemsEmpty ? 0 : oldItems.lookup(key); // an empty generation finds nothing (and is not read)
            if (v == 0) {
                foundIn = null;
                return false;
            }
            foundIn = oldItems;
        }
        foundSlot = SeenItems.slotOf(v);
        foundValue = v;
        foundHave = (v & SeenItems.HAVE) != 0;
        return true;
    }

    /** Bytes the seen cache's arrays and maps hold (both generations; the frames are shared): for benchmarks. */
    public long seenCacheBytes() {
        return items.footprintBytes() + oldItems.footprintBytes();
    }

    // --- Ping capability ---

    @Override
    public CompletableFuture<Boolean> ping(NodeAddress to) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (!running || !up) {
                f.complete(false);
                return;
            }
            scheduler.schedule(ONESHOT_MILLIS, () -> f.complete(false));
            for (Peer p : peers.values()) {
                if (to.equals(p.listening) && p.handshaken && p.connection.isOpen()) {
                    sendPing(p, f);
                    return;
                }
            }
            long key = -1 - (long) to.ip() * 65536 - to.port();
            pings.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            open(to, Kind.PROBE);
        });
        return f;
    }

    private void sendPing(Peer p, CompletableFuture<Boolean> f) {
        long nonce = rng.nextLong();
        pings.computeIfAbsent(nonce, k -> new ArrayList<>()).add(f);
        send(p, new Ping(nonce), false);
    }

    private void failPings() {
        for (List<CompletableFuture<Boolean>> fs : pings.values()) {
            fs.forEach(f -> f.complete(false));
        }
        pings.clear();
    }

    // --- wire ---

    private void send(Peer p, Message m, boolean relay) {
        sendFrame(p, codec.encode(m), relay);
    }

    private void sendFrame(Peer p, byte[] frame, boolean relay) {
        if (p.connection.send(frame)) {
            counts[SENT]++;
            if (relay) {
                counts[BROADCAST_SENT]++;
            }
        }
    }

    private NetAddr netAddr(NodeAddress a) {
        return new NetAddr(1, a.ip(), a.port());
    }

    private void sendVersion(Peer p) {
        NodeAddress remote = p.connection.remote();
        send(p, new Version(BitcoinCodec.PROTOCOL_VERSION, 1, nowSeconds(), netAddr(remote), netAddr(address()),
                rng.nextLong(), USER_AGENT, 0, true), false);
    }

    private int inboundUsed() {
        int n = 0;
        for (Peer p : peers.values()) {
            if (p.kind == Kind.INBOUND && !p.overflow && p.connection.isOpen()) {
                n++;
            }
        }
        return n;
    }

    private void onMessage(Peer p, Message m) {
        if (m instanceof Version v) {
            onVersion(p, v);
            return;
        }
        if (m instanceof Verack) {
            if (p.versionReceived && !p.handshaken) {
                p.handshaken = true;
                p.inv.startAt(announced.end());
                onHandshake(p);
            }
            return;
        }
        if (!p.handshaken) {
            count("early");
            return;
        }
        if (m instanceof Ping ping) {
            send(p, new Pong(ping.nonce()), false);
        } else if (m instanceof Pong pong) {
            List<CompletableFuture<Boolean>> fs = pings.remove(pong.nonce());
            if (fs != null) {
                fs.forEach(f -> f.complete(true));
            }
        } else if (m instanceof GetAddr) {
            onGetAddr(p);
        } else if (m instanceof Inventory nf) { // notfound (inv and getdata are read in place)
            for (InvItem i : nf.items()) {
                if (find(Hashes.id64(i.hash())) && foundIn.pending(foundSlot) instanceof Pending it && it.requestedFrom == p) {
                    requestNext(it);
                }
            }
        } else if (m instanceof TxMsg t) {
            onItem(p, t.txid(), InvItem.MSG_TX, originOf(t.tx()));
        } else if (m instanceof BlockMsg b) {
            onItem(p, BitcoinCodec.blockHash(b.block()), InvItem.MSG_BLOCK, originOf(b.block().txs().get(0)));
        } else {
            count("unknown");
        }
    }

    private void onVersion(Peer p, Version v) {
        if (p.versionReceived) {
            count("early");
            return;
        }
        p.versionReceived = true;
        long now = nowSeconds();
        if (p.kind == Kind.INBOUND) {
            NodeAddress src = p.connection.remote();
            if (v.sender() != null && v.sender().ip() == src.ip() && v.sender().port() != 0) {
                p.listening = new NodeAddress(src.ip(), v.sender().port());
                if (config.inboundToTried()) { // bitcoind 0.9.3: addrman.Add(addrFrom); addrman.Good(addrFrom)
                    addrMan.add(p.listening, p.listening, now, 0, now);
                    addrMan.good(p.listening, now);
                }
            }
            sendVersion(p);
        }
        send(p, new Verack(), false);
    }

    private void onHandshake(Peer p) {
        long now = nowSeconds();
        switch (p.kind) {
            case FULL -> {
                addrMan.good(p.listening, now);
                p.sentGetAddr = true;
                send(p, new GetAddr(), false);
                p.queueAddr(now, 1, address().ip(), address().port()); // netAddr(address()): services 1
                trickle(p);
            }
            case FEELER -> {
                count("feelers.ok");
                addrMan.good(p.listening, now);
                p.connection.close();
            }
            case SEED -> {
                p.sentGetAddr = true;
                send(p, new Addr(List.of(new TimedAddr(now, netAddr(address())))), false);
                send(p, new GetAddr(), false);
            }
            case PROBE -> {
                long key = -1 - (long) p.listening.ip() * 65536 - p.listening.port();
                List<CompletableFuture<Boolean>> fs = pings.remove(key);
                if (fs != null) {
                    fs.forEach(f -> sendPing(p, f));
                }
                scheduler.schedule(ONESHOT_MILLIS, p.connection::close);
            }
            case INBOUND -> {
                if (p.overflow) {
                    scheduler.schedule(ONESHOT_MILLIS, p.connection::close);
                }
            }
        }
    }

    private void onGetAddr(Peer p) {
        if (p.kind != Kind.INBOUND || p.answeredGetAddr) {
            return; // Core answers getaddr from inbound peers, once per connection
        }
        p.answeredGetAddr = true;
        long now = nowSeconds();
        List<TimedAddr> out = new ArrayList<>();
        for (AddrMan.Info e : addrMan.sample(23, BitcoinCodec.MAX_ADDR, now)) {
            out.add(new TimedAddr(e.time(), netAddr(e.address())));
        }
        send(p, new Addr(out), false);
        if (p.overflow) {
            p.connection.close();
        }
    }

    /**
     * An addr frame checked by {@link BitcoinCodec#addrEntries}, read in place from {@code first}: its IPv4-mapped
     * entries, the ones {@link BitcoinCodec#decode} keeps (and counts for the relay rule), as before.
     */
    private void onAddr(Peer p, byte[] frame, int first) {
        long now = nowSeconds();
        NodeAddress source = p.listening != null ? p.listening : p.connection.remote();
        int mapped = 0;
        for (int at = first; at < frame.length; at += BitcoinCodec.ADDR_ENTRY_BYTES) {
            if (BitcoinCodec.addrMapped(frame, at)) {
                mapped++;
            }
        }
        boolean relay = mapped <= 10 && !(p.sentGetAddr && p.kind == Kind.SEED);
        NodeAddress self = address();
        for (int at = first; at < frame.length; at += BitcoinCodec.ADDR_ENTRY_BYTES) {
            if (!BitcoinCodec.addrMapped(frame, at)) {
                continue;
            }
            counts[ADDR_RECEIVED]++;
            int ip = BitcoinCodec.addrIp(frame, at);
            int port = BitcoinCodec.addrPort(frame, at);
            long time = BitcoinCodec.addrTime(frame, at);
            if (time <= 100_000_000L || time > now + 600) {
                time = now - 5 * 86_400;
            }
            if (ip == self.ip() && port == self.port() || port == 0) {
                continue;
            }
            NodeAddress x = new NodeAddress(ip, port);
            addrMan.add(x, source, time, x.equals(source) ? 0 : 2 * 3_600, now);
            if (relay && now - time < 600) {
                relayAddr(p, time, BitcoinCodec.addrServices(frame, at), x);
            }
        }
        if (p.kind == Kind.SEED) {
            p.connection.close();
        }
    }

    /** Core's RelayAddress: to the 2 relaying peers ranked first by a keyed hash of the address (not the source). */
    private void relayAddr(Peer from, long time, long services, NodeAddress x) {
        long key = (long) x.ip() << 16 | x.port(); // like Core's per-peer known-address filters, by address
        if (oldRelayed.contains(key) || !relayed.add(key)) {
            return;
        }
        // the 2 relaying peers (but the sender) with the lowest keys, the first in peer order among equal keys, as the
        // scan in peer order found them: keys come from the node's own arrays, and peers are checked for relaying in
        // key order until 2 are found (a node with more than 64 peers scans them all)
        Peer[] all = peerArray();
        long day = nowSeconds() / 86_400;
        int n = all.length;
        if (addrKeys.length < n) {
            addrKeys = new long[Math.max(n, 2 * addrKeys.length)];
        }
        long[] keys = addrKeys;
        long[] connIds = peerConnIdArray;
        for (int i = 0; i < n; i++) {
            keys[i] = mixKey(x, connIds[i], day);
        }
        Peer best = null;
        Peer second = null;
        if (n <= 64) {
            long done = 0; // by index: peers checked already
            while (second == null) {
                int min = -1;
                for (int i = 0; i < n; i++) {
                    if ((done & 1L << i) == 0 && (min < 0 || Long.compareUnsigned(keys[i], keys[min]) < 0)) {
                        min = i;
                    }
                }
                if (min < 0) {
                    break;
                }
                done |= 1L << min;
                Peer q = all[min];
                if (q != from && q.relays()) {
                    if (best == null) {
                        best = q;
                    } else {
                        second = q;
                    }
                }
            }
        } else {
            long bestKey = 0;
            long secondKey = 0;
            for (int i = 0; i < n; i++) {
                Peer q = all[i];
                if (q == from || !q.relays()) {
                    continue;
                }
                long k = keys[i];
                if (best == null || Long.compareUnsigned(k, bestKey) < 0) {
                    second = best;
                    secondKey = bestKey;
                    best = q;
                    bestKey = k;
                } else if (second == null || Long.compareUnsigned(k, secondKey) < 0) {
                    second = q;
                    secondKey = k;
                }
            }
        }
        if (best != null) {
            queueRelayedAddr(best, time, services, x);
        }
        if (second != null) {
            queueRelayedAddr(second, time, services, x);
        }
    }

    private void queueRelayedAddr(Peer q, long time, long services, NodeAddress x) {
        counts[ADDR_RELAYED]++;
        q.queueAddr(time, services, x.ip(), x.port());
        trickle(q);
    }

    private static long mixKey(NodeAddress x, long peer, long day) {
        long z = ((long) x.ip() << 16 | x.port()) * 0x9E3779B97F4A7C15L + peer * 0xC2B2AE3D27D4EB4FL + day;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Scratch for relayAddr: each peer's key. */
    private long[] addrKeys = new long[16];

    /** Scratch for onInv: where the entries to ask for start in the inv frame. */
    private int[] wantAt = new int[16];
    /** Scratch for onInv: where the entries to look up start in the inv frame (those the node may not have). */
    private int[] todoAt = new int[16];

    /** Keeps {@link SeenItems#touch}'s reads from being optimised away (never read otherwise). */
    private long touchSink;

    /** An inv frame checked by {@link BitcoinCodec#inventoryEntries}, whose entries start at {@code first}. */
    private void onInv(Peer p, byte[] frame, int first) {
        int entries = (frame.length - first) / 36;
        if (wantAt.length < entries) {
            wantAt = new int[Math.max(entries, 2 * wantAt.length)];
            todoAt = new int[wantAt.length];
        }
        // Session 18: an entry for an item the node surely has (its number's bit, a line or two for the whole frame)
        // needs nothing (as find would say: have it), so only the others are touched and looked up, in frame order
        long touched = 0;
        int todo = 0;
        for (int at = first; at < frame.length; at += 36) {
            long key = BitcoinCodec.getLong(frame, at + 4);
            long n = ItemNumbers.number(key);
            if (n >= 0 && (items.surelyHas(n) || !oldItemsEmpty && oldItems.surelyHas(n))) {
                continue;
            }
            todoAt[todo++] = at;
            touched += items.touch(key);
        }
        touchSink += touched;
        if (RelayStats.ON) {
            RelayStats.add(RelayStats.INV_ENTRIES, entries);
            RelayStats.add(RelayStats.INV_BY_BITS, entries - todo);
        }
        int wanted = 0;
        for (int k = 0; k < todo; k++) {
            int at = todoAt[k];
            long key = BitcoinCodec.getLong(frame, at + 4); // Hashes.id64 of the entry's hash
            if (!find(key)) {
                int type = BitcoinCodec.getInt(frame, at);
                int base = type & 0xFFFF;
                Pending it = new Pending(frame, at + 4, base);
                items.add(key, base, ((type >>> 16) & 0xFF) + 1, it);
                it.requestedFrom = p;
                it.requestedAt = scheduler.nowMillis();
                it.announcedBy(p);
                wantAt[wanted++] = at;
            } else if (!foundHave && foundIn.pending(foundSlot) instanceof Pending it) {
                it.announcedBy(p); // a peer announces an item once; a repeat would only follow its first place
            }
        }
        if (wanted > 0) {
            // the getdata frame inventoryFrame(GETDATA, [InvItem(base type, hash)...]) wrote, from the inv's entries
            byte[] getData = BitcoinCodec.pooledInventoryFrame(wanted); // for this one peer, as flush's
            long[] ids = new long[wanted];
            for (int k = 0, out = BitcoinCodec.inventoryOffset(wanted); k < wanted; k++, out += 36) {
                int at = wantAt[k];
                BitcoinCodec.putInt(getData, out, BitcoinCodec.getInt(frame, at) & 0xFFFF);
                System.arraycopy(frame, at + 4, getData, out + 4, 32);
                ids[k] = BitcoinCodec.getLong(frame, at + 4);
            }
            BitcoinCodec.sealOnce(getData, Inventory.GETDATA);
            sendFrame(p, getData, true);
            // one timer for the whole getdata (the items' timers would all fire at this instant, in this order); it
            // holds the items' ids, not their request state, which goes as soon as an item arrives (session 11: held
            // for the 60 s by the timers, the request states of 10,000 nodes filled a 5 GB heap)
            scheduler.schedule(GETDATA_TIMEOUT_MILLIS, () -> {
                for (long id : ids) {
                    if (find(id) && !foundHave && foundIn.pending(foundSlot) instanceof Pending req && !req.received
                            && req.requestedAt + GETDATA_TIMEOUT_MILLIS <= scheduler.nowMillis()) {
                        requestNext(req);
                    }
                }
            });
        }
    }

    /** Asks the next announcer for an item the last one did not deliver. */
    private void requestNext(Pending it) {
        for (int k = 0; k < it.announcers(); k++) {
            Peer q = it.announcer(k);
            if (q != it.requestedFrom && q.connection.isOpen()) {
                count("getdata.retries");
                it.requestedFrom = q;
                it.requestedAt = scheduler.nowMillis();
                send(q, new Inventory(Inventory.GETDATA, List.of(new InvItem(it.type, it.hash()))), true);
                scheduler.schedule(GETDATA_TIMEOUT_MILLIS, () -> {
                    if (!it.received && it.requestedAt + GETDATA_TIMEOUT_MILLIS <= scheduler.nowMillis()) {
                        requestNext(it);
                    }
                });
                return;
            }
        }
        it.requestedFrom = null;
    }

    /** A getdata frame checked by {@link BitcoinCodec#inventoryEntries}, read in place from {@code first}. */
    private void onGetData(Peer p, byte[] g, int first) {
        List<InvItem> missing = null;
        for (int at = first; at < g.length; at += 36) {
            byte[] frame = find(BitcoinCodec.getLong(g, at + 4)) ? foundIn.frame(foundSlot) : null; // Hashes.id64
            if (frame != null) {
                sendFrame(p, frame, true);
            } else {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(new InvItem(BitcoinCodec.getInt(g, at), java.util.Arrays.copyOfRange(g, at + 4, at + 36)));
            }
        }
        if (missing != null) {
            send(p, new Inventory(Inventory.NOTFOUND, missing), true);
        }
    }

    private void onItem(Peer p, byte[] hash, int type, NodeAddress origin) {
        long key = Hashes.id64(hash);
        Pending announcers;
        SeenItems gen;
        long packed;
        if (find(key)) {
            if (!(foundIn.pending(foundSlot) instanceof Pending it)) {
                counts[DUPLICATES]++;
                return;
            }
            it.received = true;
            it.requestedFrom = null;
            announcers = it;
            gen = foundIn;
            packed = foundValue;
        } else { // unsolicited: accepted, as Core does for transactions
            announcers = null;
            gen = items;
            packed = items.addPacked(key, type, 1, null);
        }
        gen.have(key, packed, lastFrame);
        int hops = SeenItems.hopsOf(packed);
        deliver(key, hops, origin);
        announce(hash, SeenItems.typeOf(packed), hops, announcers, p);
    }

    /** The frame being handled (a received tx or block is relayed as the very bytes it arrived in). */
    private byte[] lastFrame;

    /** The transport's events for the connections of one kind (inbound: all of them; outbound: one). */
    private final class Handler implements ConnectionHandler {
        final Kind kind;
        final NodeAddress to;

        Handler(Kind kind, NodeAddress to) {
            this.kind = kind;
            this.to = to;
        }

        @Override
        public void opened(Connection c) {
            if (to != null) {
                connecting.remove(to);
            }
            if (!running || !up) {
                if (kind == Kind.INBOUND) {
                    count("inbound.refused");
                }
                c.close();
                return;
            }
            Peer p = new Peer(c, kind);
            c.attach(p);
            peers.put(c.id(), p);
            peerArray = null;
            if (kind == Kind.INBOUND) {
                if (inboundUsed() > config.maxInbound()) {
                    p.overflow = true;
                    count("inbound.overflow");
                }
            } else {
                p.listening = to;
                sendVersion(p);
                if (kind != Kind.FULL) {
                    scheduler.schedule(ONESHOT_MILLIS, c::close);
                }
            }
        }

        @Override
        public void frame(Connection c, byte[] frame) {
            Object a = c.attachment();
            if (!(a instanceof Peer p) || !running) {
                return;
            }
            counts[RECEIVED]++;
            Message m = null;
            int invAt = -1;
            int getDataAt = -1;
            int addrAt = -1;
            try { // the bulk of relay traffic (inv, getdata, addr) is read in place, without an object per entry
                if (BitcoinCodec.isInv(frame)) {
                    invAt = codec.inventoryEntries(frame);
                } else if (BitcoinCodec.isGetData(frame)) {
                    getDataAt = codec.inventoryEntries(frame);
                } else if (BitcoinCodec.isAddr(frame)) {
                    addrAt = codec.addrEntries(frame);
                } else {
                    m = codec.decode(frame);
                }
            } catch (BitcoinCodec.Malformed e) {
                count("malformed");
                c.reset();
                return;
            }
            if (p.kind == Kind.FULL && p.handshaken) { // Core's AddressCurrentlyConnected (every 20 min at most)
                long now = nowSeconds();
                if (now > p.connectedQuietUntil || addrMan.edits() != p.connectedEdits) { // else a call would change nothing
                    p.connectedQuietUntil = addrMan.connectedQuietUntil(p.listening, now);
                    p.connectedEdits = addrMan.edits();
                }
            }
            if (m == null) { // read in place (as onMessage: before the handshake, counted as early and dropped)
                if (!p.handshaken) {
                    count("early");
                } else if (invAt >= 0) {
                    onInv(p, frame, invAt);
                    recycle(frame, invAt);
                } else if (getDataAt >= 0) {
                    onGetData(p, frame, getDataAt);
                    recycle(frame, getDataAt);
                } else {
                    onAddr(p, frame, addrAt);
                }
                return;
            }
            lastFrame = frame;
            onMessage(p, m);
            lastFrame = null;
        }

        /**
         * Gives a read inventory frame back for this thread's next ones, when a node sealed it for this one peer
         * (nothing else holds it: onInv and onGetData copy what they keep). Session 17: the relay's allocation.
         */
        private void recycle(byte[] frame, int first) {
            if (codec.recyclable()) {
                BitcoinCodec.recycle(frame, (frame.length - first) / 36);
            }
        }

        @Override
        public void closed(Connection c, CloseReason reason) {
            Object a = c.attachment();
            if (a instanceof Peer p) {
                peers.remove(c.id());
                peerArray = null;
                slots.release(p, p.slot);
                if (p.kind == Kind.FULL && p.handshaken) {
                    addrMan.connected(p.listening, nowSeconds());
                }
                if (p.kind == Kind.SEED) {
                    joinedNow();
                }
            }
            if (running && up && (!(a instanceof Peer p) || p.kind != Kind.INBOUND)) {
                maintain();
            }
        }

        @Override
        public void failed(NodeAddress address, CloseReason reason) {
            connecting.remove(address);
            if (kind == Kind.FULL) {
                count("outbound.failed");
            }
            if (kind == Kind.SEED) {
                joinedNow();
            }
            if (kind == Kind.PROBE) {
                List<CompletableFuture<Boolean>> fs = pings.remove(-1 - (long) address.ip() * 65536 - address.port());
                if (fs != null) {
                    fs.forEach(f -> f.complete(false));
                }
            }
            // the connection loop tries again at its next turn (Core's runs every 500 ms): no spinning on refusals
        }
    }
}
