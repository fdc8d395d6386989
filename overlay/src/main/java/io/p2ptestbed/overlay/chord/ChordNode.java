package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.chord.ChordMessage.*;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Guards;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.spi.ValueStore;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * One Chord node (Stoica et al., SIGCOMM 2001 / ToN 2003) behind the overlay SPI: a successor list of r
 * entries, a predecessor, 160 fingers, periodic stabilize / notify / check_predecessor / fix_fingers
 * ({@link ChordMaintenance}), iterative lookups ({@link ChordLookup}) and a value store with hand-over
 * ({@link ChordStore}). Single-threaded: everything runs on the node's scheduler.
 *
 * <p>{@link #stop()} is a crash (silence, no hand-over); {@link ChordView#leave()} is the graceful exit.
 */
public final class ChordNode implements OverlayNode, KeyRouting, Guards, io.p2ptestbed.overlay.spi.Ping, ChordView {

    /** Join attempts over the seeds before the join fails. */
    public static final int JOIN_ATTEMPTS = 5;

    private final Contact self;
    private final ChordConfig config;
    private final Transport transport;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final long[] counters = new long[ChordCounter.values().length];
    private final long[] malformed = new long[ChordDecodeResult.Reason.values().length];
    private final ChordTable table;
    private final ChordRpc rpc;
    private final ChordMaintenance maintenance;
    private final ChordReunion reunion;
    private final ChordStore store;
    private final ChordResponder responder;
    private final Map<Contact, Boolean> heard = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Contact, Boolean> eldest) {
            return size() > 4 * config.successors() + 64;
        }
    };
    private final List<InboundFilter> inboundFilters = new ArrayList<>(0);
    private final List<Predicate<Contact>> neighbourFilters = new ArrayList<>(0);
    private boolean running;
    /** The seeds of the last join, to join again after losing every successor. */
    private List<NodeAddress> seeds = List.of();
    private boolean rejoining;

    long[] counterArray() {
        return counters;
    }

    Transport transport() {
        return transport;
    }

    public ChordNode(NodeId id, ChordConfig config, Transport transport, Scheduler scheduler, RandomGenerator rng) {
        this.self = new Contact(id, transport.localAddress());
        this.config = config;
        this.transport = transport;
        this.scheduler = scheduler;
        this.rng = rng;
        this.table = new ChordTable(self, config.successors());
        this.rpc = new ChordRpc(transport, scheduler, config.queryTimeoutMillis(), counters, rng.nextInt());
        this.maintenance = new ChordMaintenance(this);
        this.reunion = new ChordReunion(this);
        this.store = new ChordStore(this);
        this.responder = new ChordResponder(this);
    }

    // ---------------------------------------------------------------- package-private plumbing

    ChordConfig config() {
        return config;
    }

    ChordTable table() {
        return table;
    }

    ChordRpc rpc() {
        return rpc;
    }

    ChordStore store() {
        return store;
    }

    ChordMaintenance maintenance() {
        return maintenance;
    }

    RandomGenerator rng() {
        return rng;
    }

    void count(ChordCounter c) {
        counters[c.ordinal()]++;
    }

    void count(ChordCounter c, long n) {
        counters[c.ordinal()] += n;
    }

    /** Drops a contact that failed to answer. */
    void forget(Contact c) {
        if (table.forget(c)) {
            count(ChordCounter.SUCCESSOR_FAILED);
        }
        lost(c);
    }

    /** A contact stopped answering: partition reunion remembers it. */
    void lost(Contact c) {
        reunion.failed(c);
    }

    /** Whether a contact may become a neighbour: the bindIds check and the installed neighbour filters. */
    boolean admit(Contact c) {
        if (c == null || c.id() == null || c.id().equals(self.id())) {
            return false;
        }
        if (config.bindIds() && !ChordIds.bound(c)) {
            count(ChordCounter.REFUSED_BIND);
            return false;
        }
        for (Predicate<Contact> f : neighbourFilters) {
            if (!f.test(c)) {
                count(ChordCounter.REFUSED_NEIGHBOUR);
                return false;
            }
        }
        return true;
    }

    /** The contacts of a received list that this node will talk to (bindIds applies to every contact). */
    List<Contact> acceptable(List<Contact> cs) {
        if (!config.bindIds()) {
            return cs;
        }
        List<Contact> out = new ArrayList<>(cs.size());
        for (Contact c : cs) {
            if (ChordIds.bound(c)) {
                out.add(c);
            } else {
                count(ChordCounter.REFUSED_BIND);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public String protocol() {
        return ChordProtocol.NAME;
    }

    @Override
    public NodeId id() {
        return self.id();
    }

    @Override
    public NodeAddress address() {
        return self.address();
    }

    @Override
    public Contact contact() {
        return self;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        rpc.running = true;
        transport.setHandler(this::onDatagram);
        maintenance.start();
        reunion.start();
    }

    /**
     * Joins through the seeds: finds its own successor by a lookup for its id started at a seed, takes the
     * successor's list, notifies it and stabilizes at once. With no seeds the node starts a ring of its own.
     */
    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        List<NodeAddress> others = seeds.stream().filter(a -> !a.equals(self.address())).toList();
        if (others.isEmpty()) {
            f.complete(null);
            return f;
        }
        // callers may be on any thread (another node's event loop, the harness): hop onto this node's scheduler
        scheduler.execute(() -> {
            this.seeds = others;
            ChordJoin.attempt(this, others, 0, f);
        });
        return f;
    }

    /** Joins again through the last seeds (once at a time), after the node lost all its ring pointers. */
    void rejoin() {
        if (rejoining || seeds.isEmpty() || !running) {
            return;
        }
        rejoining = true;
        count(ChordCounter.REJOINS);
        CompletableFuture<Void> f = new CompletableFuture<>();
        f.whenComplete((ok, e) -> rejoining = false);
        ChordJoin.attempt(this, seeds, 0, f);
    }

    /** Crash: stops timers, forgets outstanding requests, closes the transport; hands nothing over. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        rpc.running = false;
        rpc.clear();
        maintenance.stop();
        reunion.stop();
        transport.setHandler(null);
        transport.close();
    }

    @Override
    public CompletableFuture<Void> leave() {
        return store.handOverAll().thenRun(this::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<Contact> neighbours() {
        LinkedHashSet<Contact> n = new LinkedHashSet<>(table.successors());
        if (table.predecessor() != null) {
            n.add(table.predecessor());
        }
        n.addAll(table.distinctFingers());
        return new ArrayList<>(n);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ChordCounter c : ChordCounter.values()) {
            m.put(c.key(), counters[c.ordinal()]);
        }
        for (ChordDecodeResult.Reason r : ChordDecodeResult.Reason.values()) {
            m.put("chord.malformed." + r.name().toLowerCase(java.util.Locale.ROOT), malformed[r.ordinal()]);
        }
        m.put("chord.storedValues", (long) store.storedValues());
        for (java.util.function.Supplier<Map<String, Long>> source : counterSources) {
            m.putAll(source.get());
        }
        return m;
    }

    /** One counter's value. */
    public long counter(ChordCounter c) {
        return counters[c.ordinal()];
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == ValueStore.class) {
            return Optional.of(type.cast(store));
        }
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** Chord's own ping, with the configured retries: answered when any reply comes back. */
    @Override
    public CompletableFuture<Boolean> ping(NodeAddress to) {
        CompletableFuture<Boolean> answered = new CompletableFuture<>();
        scheduler.execute(() -> rpc.request(to, tid -> new ChordMessage.Ping(tid, id()), config.maxRetries(),
                reply -> answered.complete(true), () -> answered.complete(false)));
        return answered;
    }

    // ---------------------------------------------------------------- ChordView

    @Override
    public List<Contact> successors() {
        return table.successors();
    }

    @Override
    public Contact predecessor() {
        return table.predecessor();
    }

    @Override
    public List<Contact> fingers() {
        return table.fingers();
    }

    @Override
    public List<Contact> distinctFingers() {
        return table.distinctFingers();
    }

    // ---------------------------------------------------------------- Guards

    @Override
    public void addInboundFilter(InboundFilter filter) {
        inboundFilters.add(filter);
    }

    @Override
    public void addNeighbourFilter(Predicate<Contact> filter) {
        neighbourFilters.add(filter);
    }

    /** Defences' counters, merged into {@link #counters()}. */
    private final List<java.util.function.Supplier<Map<String, Long>>> counterSources = new ArrayList<>();

    @Override
    public void addCounterSource(java.util.function.Supplier<Map<String, Long>> source) {
        counterSources.add(source);
    }

    // ---------------------------------------------------------------- KeyRouting

    @Override
    public Style style() {
        return Style.ITERATIVE;
    }

    /**
     * Routes to the key's successor. With {@code crossCheck = c > 1}, c lookups start at different first hops
     * (the querier's c closest preceding nodes of the key) and the owner closest clockwise to the key among
     * the answers wins: one honest path outvotes colluders who claim keys they do not own.
     */
    @Override
    public CompletableFuture<RouteResult> route(NodeId key) {
        // callers may be on any thread (the SPI's contract): hop onto the node's scheduler
        CompletableFuture<RouteResult> out = new CompletableFuture<>();
        scheduler.execute(() -> routeOnThread(key).whenComplete((r, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(r);
            }
        }));
        return out;
    }

    /** Routes on the node's own thread (its maintenance and store call this). */
    CompletableFuture<RouteResult> routeOnThread(NodeId key) {
        return ChordLookup.route(this, key);
    }


    // ---------------------------------------------------------------- inbound

    private void onDatagram(NodeAddress from, byte[] data) {
        if (running) {
            responder.onDatagram(from, data);
        }
    }

    List<InboundFilter> inboundFilters() {
        return inboundFilters;
    }

    long[] malformedCounters() {
        return malformed;
    }

    /**
     * With verifySuccessors: whether this contact answered or wrote to us itself, under this id from this
     * address, recently (a bounded LRU set). Only such contacts enter the successor list.
     */
    boolean heard(Contact c) {
        return heard.containsKey(c);
    }

    void hear(Contact c) {
        heard.put(c, Boolean.TRUE);
    }

    @Override
    public String toString() {
        return "chord " + self;
    }
}
