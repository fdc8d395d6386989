package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryMessage.*;
import io.p2ptestbed.overlay.spi.Guards;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RingView;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One Pastry node (Rowstron and Druschel, Middleware 2001) behind the overlay SPI: leaf set, routing
 * table and neighbourhood set ({@link PastryState}), recursive prefix routing with per-hop
 * acknowledgements and the join that collects state along its route ({@link PastryRouter}), and the
 * repair of leaf set and routing table ({@link PastryMaintenance}). Proximity is the round-trip time of
 * the node's own pings. Single-threaded: everything runs on the node's scheduler.
 */
public final class PastryNode implements OverlayNode, KeyRouting, Guards, io.p2ptestbed.overlay.spi.Ping, RingView,
        PastryView {

    /**
     * How often a contact that failed to answer may be checked again when a third party names it: it is pinged,
     * and taken back only if it answers (so a live node taken for dead under load comes back, and a dead one
     * named by stale leaf sets does not).
     */
    static final long VERIFY_MILLIS = 10_000;
    /** Pings resent before their target is taken for dead. */
    static final int PING_RETRIES = 1;
    private static final int MAX_RTTS = 4096;
    /** Addresses whose certified id a node keeps (bindIds); past it the cache starts again. */
    private static final int MAX_CERTIFIED = 1024;

    private final Contact self;
    private final PastryConfig config;
    private final Transport transport;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final long[] counters = new long[PastryCounter.values().length];
    /** Datagrams taken in ({@code pastry.received}): a field, not in {@link #counters}, which each datagram would read cold. */
    private long received;
    private final long[] malformed = new long[PastryDecodeResult.Reason.values().length];
    /** Measured round-trip times in ms; {@link PastryRtts#PROBING} for a contact probed once that has not answered yet. */
    private final PastryRtts rtts = new PastryRtts(MAX_RTTS);
    private final Map<Contact, Long> dead = lru(1024);
    /**
     * Mirrors of what every datagram checks, kept in this object so that the check reads no other (cold) one: whether
     * {@link #dead} holds anyone, whether any inbound or neighbour filter is installed, and the config's
     * {@code bindIds}.
     */
    private boolean anyDead;
    private boolean inboundFiltered;
    private boolean neighbourFiltered;
    private final boolean bindIds;
    /** This node's id words (every offer compares with them). */
    private final long selfHi;
    private final long selfMid;
    private final int selfLo;
    /** Certified ids already computed, by address (SHA-1 once per address, not per datagram). */
    private final PastryCertified certified = new PastryCertified(MAX_CERTIFIED);
    private final PastryState state;
    private final PastryRpc rpc;
    private final PastryRouter router;
    private final PastryMaintenance maintenance;
    /** Singh et al.'s degree bounds with anonymous auditing, or null when {@code degreeBound} is 0. */
    private final PastryDegreeAudit audit;
    private final List<InboundFilter> inboundFilters = new ArrayList<>(0);
    private final List<Predicate<Contact>> neighbourFilters = new ArrayList<>(0);
    private final List<Supplier<Map<String, Long>>> counterSources = new ArrayList<>(0);
    private boolean running;

    public PastryNode(NodeId id, PastryConfig config, Transport transport, Scheduler scheduler, RandomGenerator rng) {
        this(id, config, PastryAuditConfig.OFF, transport, scheduler, rng);
    }

    /** A node with the degree-bound defence ({@link PastryDegreeAudit}) when {@code auditConfig} sets a bound. */
    public PastryNode(NodeId id, PastryConfig config, PastryAuditConfig auditConfig, Transport transport, Scheduler scheduler,
                      RandomGenerator rng) {
        this.self = new Contact(PastryIds.of(id), transport.localAddress());
        this.config = config;
        this.bindIds = config.bindIds();
        this.selfHi = self.id().hi();
        this.selfMid = self.id().mid();
        this.selfLo = self.id().lo();
        this.transport = transport;
        this.scheduler = scheduler;
        this.rng = rng;
        this.state = new PastryState(self, config, this::rttMillis);
        this.rpc = new PastryRpc(transport, scheduler, config.queryTimeoutMillis(),
                Math.max(config.queryTimeoutMillis(), config.routeTimeoutMillis() / 2), counters, rng.nextInt());
        this.router = new PastryRouter(this);
        this.maintenance = new PastryMaintenance(this);
        this.audit = auditConfig.enabled() ? new PastryDegreeAudit(this, auditConfig) : null;
        if (audit != null) {
            state.setTableListener(audit);
            counterSources.add(audit::counters);
        }
    }

    private static <K> Map<K, Long> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Long> eldest) {
                return size() > max;
            }
        };
    }

    // ---------------------------------------------------------------- package plumbing

    PastryState state() {
        return state;
    }

    PastryRpc rpc() {
        return rpc;
    }

    RandomGenerator rng() {
        return rng;
    }

    void count(PastryCounter c) {
        counters[c.ordinal()]++;
    }

    /**
     * Takes a contact into the state and, when its round-trip time would decide its place, probes it once with a
     * ping. For the contacts a node considers itself: a newcomer announcing itself, the entries of a row it asked
     * for.
     */
    void offer(Contact c, boolean direct) {
        offer(c, direct, true);
    }

    /**
     * Takes a contact into the state. {@code direct}: the contact itself wrote or answered (it is alive);
     * otherwise a third party named it, and a contact that recently failed to answer is not taken back.
     * {@code probe}: a contact whose round-trip time would decide its place is probed once with a ping. Contacts
     * learned in passing (the leaf set in a pong, the replica set in a route's answer, the senders of routes) are
     * taken without a probe: their RTT is unknown, so they fill only the leaf set and empty table slots. Probing
     * them too made every probe's pong, with its leaf set, start further probes: a cascade along the leaf sets that
     * cost a join about a thousand events.
     */
    void offer(Contact c, boolean direct, boolean probe) {
        offer(c, direct, probe, false);
    }

    /**
     * A candidate for a routing-table slot (an entry of a row this node asked for): probed only when the slot it
     * would take holds another node, whose RTT it must beat (Rowstron and Druschel, section 2.5, the periodic
     * row exchange); not for the neighbourhood set alone.
     */
    void offerCandidate(Contact c) {
        offer(c, false, true, true);
    }

    private void offer(Contact c, boolean direct, boolean probe, boolean slotOnly) {
        if (offerWantsProbe(c, direct, probe, slotOnly)) {
            ping(c);
        }
    }

    /**
     * {@link #offer(Contact, boolean, boolean)}, but a probe it wants is left to the caller: true when the contact is
     * to be probed now (its RTT is then marked as being measured and the probe counted).
     */
    private boolean offerWantsProbe(Contact c, boolean direct, boolean probe, boolean slotOnly) {
        return offerWantsProbe(c, direct, probe, slotOnly, -1);
    }

    /** {@code measuredRtt}: the RTT just measured for {@code c} (direct), or -1. */
    private boolean offerWantsProbe(Contact c, boolean direct, boolean probe, boolean slotOnly, long measuredRtt) {
        if (c == null || isSelf(c.id()) || !admit(c)) {
            return false;
        }
        Long nextCheck = anyDead ? dead.get(c) : null;
        if (nextCheck != null) {
            if (!direct) {
                if (nextCheck <= scheduler.nowMillis()) {
                    dead.put(c, scheduler.nowMillis() + VERIFY_MILLIS);
                    ping(c);
                }
                return false;
            }
            dead.remove(c);
            anyDead = !dead.isEmpty();
        }
        int o = measuredRtt >= 0 ? state.offerMeasured(c, measuredRtt) : state.offerBits(c, probe || direct);
        if (probe && (o & (slotOnly ? PastryState.SLOT_WANTS_RTT : PastryState.WANTS_RTT)) != 0 && config.proximity()
                && !rtts.contains(c)) {
            rtts.put(c, PastryRtts.PROBING, state);
            count(PastryCounter.PROXIMITY_PROBES);
            return true;
        }
        return false;
    }

    /**
     * The leaf set a pong carries, each member taken in passing ({@code offer(c, false, false)}). A decoded leaf set is
     * read from the datagram, and a member becomes a {@link Contact} only when a structure takes it; when a guard
     * must see each contact (certified ids, neighbour filters) or a contact may be one taken for dead, each is made.
     */
    private void offerInPassing(List<Contact> leaves) {
        if (!(leaves instanceof PastryWireContacts wire) || bindIds || neighbourFiltered) {
            for (Contact l : leaves) {
                offer(l, false, false);
            }
            return;
        }
        for (int i = 0, n = wire.size(); i < n; i++) {
            if (!anyDead) {
                state.offerInPassing(wire, i); // it checks for this node's own id and address
            } else {
                offer(wire.get(i), false, false);
            }
        }
    }

    /** {@code id.equals(id())} on the words kept in this object. */
    private boolean isSelf(NodeId id) {
        return id.hi() == selfHi && id.mid() == selfMid && id.lo() == selfLo;
    }

    private boolean admit(Contact c) {
        if (bindIds && !bound(c)) {
            count(PastryCounter.REFUSED_UNBOUND);
            return false;
        }
        if (!neighbourFiltered) {
            return true;
        }
        for (Predicate<Contact> f : neighbourFilters) {
            if (!f.test(c)) {
                count(PastryCounter.REFUSED_NEIGHBOUR);
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a contact named in a route's answer may stand as a root or replica: with certified ids only one whose
     * id is its address's certified id (the routing failure test and redundant routing assume certified ids).
     */
    boolean acceptable(Contact c) {
        return !bindIds || bound(c);
    }

    private boolean bound(Contact c) {
        return certified.bound(c);
    }

    /** Pings a contact: the reply measures its RTT and brings its leaf set; silence (twice) marks it failed. */
    void ping(Contact c) {
        ping(c, PING_RETRIES);
    }

    /** Pastry's own ping to an address, resent {@link #PING_RETRIES} times: answered when any reply comes back. */
    @Override
    public CompletableFuture<Boolean> ping(NodeAddress to) {
        CompletableFuture<Boolean> answered = new CompletableFuture<>();
        scheduler.execute(() -> pingAddress(to, PING_RETRIES, answered));
        return answered;
    }

    private void pingAddress(NodeAddress to, int retries, CompletableFuture<Boolean> answered) {
        rpc.request(to, new Ping(rpc.newTid(), self.id()), r -> answered.complete(true), () -> {
            if (retries > 0 && running) {
                pingAddress(to, retries - 1, answered);
            } else {
                answered.complete(false);
            }
        });
    }

    private void ping(Contact c, int retries) {
        if (!rtts.contains(c)) { // its pong measures the RTT: no second probe while this one is out
            rtts.put(c, PastryRtts.PROBING, state);
        }
        rpc.request(c.address(), new Ping(rpc.newTid(), self.id()), r -> ponged(c, r), () -> pingTimedOut(c, retries));
    }

    /** The pong to a ping of {@code c}'s: its RTT, and its leaf set taken in passing. */
    private void ponged(Contact c, PastryRpc.Reply r) {
        if (r.message() instanceof Pong p && p.sender().equals(c.id())) {
            measured(c, r.rttMillis());
            offerInPassing(p.leafSet());
        }
    }

    private void pingTimedOut(Contact c, int retries) {
        if (retries > 0 && running) {
            ping(c, retries - 1);
        } else {
            failed(c);
        }
    }

    /**
     * Answers a ping. When this node wants the pinger's RTT (a newcomer announcing itself, whose RTT decides its place
     * here), the pong asks back ({@link Pong#asks}): it counts as this node's first probe of the pinger, whose pong to
     * it measures the RTT (a silent pinger is pinged once more, then taken for dead, as for any probe). Without it the
     * probe was a ping and a pong of their own after this pong: four datagrams instead of three.
     */
    private void answerPing(Contact sender, Ping p) {
        byte[] leaves = state.leafSetBytes(); // the leaf set before the pinger is taken in
        if (offerWantsProbe(sender, true, true, false)) {
            int askTid = rpc.newTid();
            rpc.requestEncoded(sender.address(), askTid, PastryCodec.encodePongAsk(p.tid(), self.id(), askTid, leaves),
                    r -> ponged(sender, r), () -> pingTimedOut(sender, PING_RETRIES - 1));
        } else {
            rpc.sendEncoded(sender.address(), PastryCodec.encodePong(p.tid(), self.id(), leaves));
        }
    }

    private void measured(Contact c, long rtt) {
        boolean near = state.inNeighbourhood(c);
        long ms = Math.max(0, rtt);
        rtts.put(c, ms, state);
        offerWantsProbe(c, true, false, false, ms); // probe false: never wants one
        if (near) {
            state.neighbourMeasured(c, ms); // only its RTT changed: a newcomer was inserted in order
        }
    }

    /** A contact did not answer: out of every structure, and the structures it leaves are repaired. */
    void failed(Contact c) {
        if (!running) {
            return;
        }
        if (audit != null) {
            audit.failed(c);
        }
        dead.put(c, scheduler.nowMillis() + VERIFY_MILLIS);
        anyDead = true;
        rtts.remove(c);
        PastryState.Removal r = state.remove(c);
        if (r.leaf()) {
            count(PastryCounter.LEAF_FAILED);
            maintenance.repairLeafSet(c);
        }
        if (r.row() >= 0) {
            count(PastryCounter.TABLE_FAILED);
            maintenance.repairRow(r.row());
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public String protocol() {
        return PastryProtocol.NAME;
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
    public PastryConfig config() {
        return config;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        transport.setHandler(this::onDatagram);
        maintenance.start();
        if (audit != null) {
            audit.start();
        }
    }

    /** Joins through a seed (the paper's "nearby node" A), the next on failure; with none, starts alone. */
    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        List<NodeAddress> others = seeds.stream().filter(a -> !a.equals(self.address())).toList();
        if (others.isEmpty()) {
            f.complete(null);
            return f;
        }
        scheduler.execute(() -> router.join(others, f));
        return f;
    }

    /** Crash: stops timers, forgets outstanding requests, closes the transport. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        rpc.clear();
        router.clear();
        maintenance.stop();
        if (audit != null) {
            audit.stop();
        }
        transport.setHandler(null);
        transport.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<Contact> neighbours() {
        return state.all();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (PastryCounter c : PastryCounter.values()) {
            m.put(c.key(), counter(c));
        }
        for (PastryDecodeResult.Reason r : PastryDecodeResult.Reason.values()) {
            m.put("pastry.malformed." + r.name().toLowerCase(java.util.Locale.ROOT), malformed[r.ordinal()]);
        }
        for (Supplier<Map<String, Long>> source : counterSources) {
            m.putAll(source.get());
        }
        return m;
    }

    public long counter(PastryCounter c) {
        return c == PastryCounter.SENT ? rpc.sent() : c == PastryCounter.RECEIVED ? received : counters[c.ordinal()];
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (audit != null && type == PastryDegreeView.class) {
            return Optional.of(type.cast(audit));
        }
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    // ---------------------------------------------------------------- views

    @Override
    public List<Contact> successors() {
        return state.right();
    }

    @Override
    public Contact predecessor() {
        List<Contact> l = state.left();
        return l.isEmpty() ? null : l.get(0);
    }

    @Override
    public List<Contact> leafSet() {
        return state.leafSet();
    }

    @Override
    public List<Contact> row(int r) {
        return state.row(r);
    }

    @Override
    public int filledRows() {
        return state.filledRows();
    }

    @Override
    public List<Contact> neighbourhoodSet() {
        return state.neighbourhood();
    }

    @Override
    public List<Contact> constrainedRow(int r) {
        return state.constrainedRow(r);
    }

    @Override
    public CompletableFuture<RouteResult> route(NodeId key, PastryConfig.SecureRouting mode) {
        CompletableFuture<RouteResult> out = new CompletableFuture<>();
        scheduler.execute(() -> router.route(key, mode, out));
        return out;
    }

    @Override
    public void setTableRepair(boolean on) {
        maintenance.setTableRepair(on);
    }

    @Override
    public boolean tableRepair() {
        return maintenance.tableRepair();
    }

    @Override
    public long rttMillis(Contact c) {
        long v = rtts.get(c);
        return v < 0 ? -1 : v;
    }

    // ---------------------------------------------------------------- Guards

    @Override
    public void addInboundFilter(InboundFilter filter) {
        inboundFilters.add(filter);
        inboundFiltered = true;
    }

    @Override
    public void addNeighbourFilter(Predicate<Contact> filter) {
        neighbourFilters.add(filter);
        neighbourFiltered = true;
    }

    @Override
    public void addCounterSource(Supplier<Map<String, Long>> source) {
        counterSources.add(source);
    }

    // ---------------------------------------------------------------- KeyRouting

    @Override
    public Style style() {
        return Style.RECURSIVE;
    }

    @Override
    public CompletableFuture<RouteResult> route(NodeId key) {
        return route(key, config.secureRouting());
    }

    // ---------------------------------------------------------------- inbound

    private void onDatagram(NodeAddress from, byte[] data) {
        if (!running) {
            return;
        }
        PastryDecodeResult d = PastryCodec.decode(data);
        if (d instanceof PastryDecodeResult.Malformed bad) {
            count(PastryCounter.MALFORMED);
            malformed[bad.reason().ordinal()]++;
            return;
        }
        PastryMessage m = ((PastryDecodeResult.Decoded) d).message();
        if (inboundFiltered) {
            for (InboundFilter f : inboundFilters) {
                if (!f.admit(from, scheduler.nowMillis())) {
                    count(PastryCounter.REFUSED_INBOUND);
                    return;
                }
            }
        }
        Contact sender = new Contact(m.sender(), from);
        if (bindIds && !bound(sender)) {
            count(PastryCounter.REFUSED_UNBOUND); // certified ids: the sender's id must be its address's
            return;
        }
        received++;
        if (audit != null && audit.onMessage(sender, m)) {
            return; // a link or an audit (Singh et al.)
        }
        if (m instanceof Ping p) {
            answerPing(sender, p);
        } else if (m instanceof Route r) {
            rpc.send(from, new Ack(r.tid(), self.id()));
            offer(sender, true, false);
            router.onRoute(r);
        } else if (m instanceof RowRequest r) {
            rpc.send(from, new State(r.tid(), self.id(), Kind.ROW, r.row(), state.row(r.row())));
            offer(sender, true, false);
        } else if (m instanceof Routed r) {
            router.onRouted(r, sender);
        } else if (m instanceof State s) {
            if (!router.onJoinState(s)) {
                rpc.complete(from, s);
            }
        } else if (m instanceof Pong p && p.asks()) {
            // the pong to our ping is also a ping: answered first, as a ping is, whether or not ours still waits
            rpc.sendEncoded(from, PastryCodec.encodePong(p.askTid(), self.id(), state.leafSetBytes()));
            if (!rpc.complete(from, m)) {
                offer(sender, true);
            }
        } else {
            rpc.complete(from, m); // Pong, Ack
        }
    }

    /** Takes a contact out of the routing table only (the degree-bound defence dropped it). */
    void dropFromTable(Contact c) {
        state.dropFromTable(c);
    }

    Cancellable schedule(long delay, Runnable task) {
        return scheduler.schedule(delay, task);
    }

    @Override
    public String toString() {
        return "pastry " + self;
    }
}
