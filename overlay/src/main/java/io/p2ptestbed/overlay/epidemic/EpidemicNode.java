package io.p2ptestbed.overlay.epidemic;

import io.p2ptestbed.overlay.epidemic.EpidemicMessage.*;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * One site of the epidemic overlay. Membership (the papers assume a membership service): a joining node
 * registers in a seed's join log and gets the whole log in chunks; afterwards it pulls the log's new entries
 * every {@code pullMillis}, the interval doubling (up to {@value #MAX_PULL_MILLIS} ms) while nothing is new. It
 * keeps every member it learns (full membership), or a uniform sample of {@code view} (reservoir). Spreading,
 * by {@link EpidemicConfig#mode()}:
 * <ul>
 *   <li>{@code rumor} (Demers et al. 1987, push rumour mongering): a node that learns a message becomes
 *   infective for it; at every multiple of {@code cycleMillis} of scheduler time it pushes each infective
 *   message to one member drawn uniformly. With feedback the receiver answers whether it already knew; the
 *   sender loses interest (becomes removed) after k unnecessary contacts in a row, a necessary one resetting
 *   the counter (the paper's traffic bound k(2m - 1) counts this way), or with probability 1/k after each
 *   unnecessary contact (coin). Blind (no feedback): the same after every push.</li>
 *   <li>{@code fanout} (Kermarrec, Massoulié and Ganesh 2003): on first receipt a node forwards once to F
 *   distinct members drawn uniformly, F = ln N + c (N its membership count with itself), a fractional F
 *   rounded up with probability of its fraction.</li>
 * </ul>
 * Single-threaded on its scheduler; randomness only from the node's rng; time only from the scheduler.
 */
public final class EpidemicNode implements OverlayNode, Broadcast {

    static final int JOIN_ATTEMPTS = 5;
    static final long JOIN_TIMEOUT_MILLIS = 2_000;
    /** Messages a node remembers (to answer "already knew"); the oldest are forgotten beyond this. */
    static final int MEMORY = 4_096;
    /** The longest interval between two pulls of the seed's join log. */
    static final long MAX_PULL_MILLIS = 320_000;

    private final Contact self;
    private final EpidemicConfig config;
    private final Transport transport;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final List<Contact> members = new ArrayList<>();
    private final Map<NodeAddress, Integer> memberIndex = new HashMap<>();
    private long heardOf;
    private final Map<Long, State> messages = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, State> eldest) {
            return size() > MEMORY;
        }
    };
    private final Set<State> hot = new LinkedHashSet<>();
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    private Cancellable cycle;
    private boolean running;
    private int sequence;
    private Pending pending;
    /** This node's join log (it is a seed when others join through it): itself first, then every joiner. */
    private final List<Contact> joinLog = new ArrayList<>();
    private final Map<NodeAddress, Integer> logIndex = new HashMap<>();
    /** The seed whose join log this node follows, and where its next pull starts. */
    private NodeAddress seed;
    private int pullFrom;
    private long pullEvery;
    private Cancellable pullTimer;
    private final long[] counts = new long[Counter.values().length];

    /** The node's counters; their names in {@link #counters()} are lower case. */
    enum Counter {
        BROADCAST_SENT, BROADCAST_RECEIVED, DUPLICATES, DELIVERED, PUBLISHED, FEEDBACK_SENT, REMOVED, MALFORMED,
        JOIN_SENT, JOIN_TIMEOUTS, PULL_SENT, PULL_TIMEOUTS, MEMBERS_SENT, MEMBERS_UNEXPECTED
    }

    private static final class State {
        final long id;
        final Contact origin;
        final int hops;
        final byte[] payload;
        long learnedAt;
        int unnecessary;

        State(long id, Contact origin, int hops, byte[] payload) {
            this.id = id;
            this.origin = origin;
            this.hops = hops;
            this.payload = payload;
        }
    }

    /** A join or pull under way: the chunks of one answer from the seed. */
    private static final class Pending {
        final CompletableFuture<Void> join;
        final List<NodeAddress> seeds;
        int attempt;
        int tid;
        int chunks = -1;
        int next;
        final BitSet got = new BitSet();
        final List<Contact> learned = new ArrayList<>();

        Pending(CompletableFuture<Void> join, List<NodeAddress> seeds) {
            this.join = join;
            this.seeds = seeds;
        }
    }

    public EpidemicNode(NodeId id, EpidemicConfig config, Transport transport, Scheduler scheduler, RandomGenerator rng) {
        this.self = new Contact(id, transport.localAddress());
        this.config = config;
        this.transport = transport;
        this.scheduler = scheduler;
        this.rng = rng;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public String protocol() {
        return EpidemicProtocol.NAME;
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

    public EpidemicConfig config() {
        return config;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        if (joinLog.isEmpty()) {
            joinLog.add(self);
            logIndex.put(self.address(), 0);
        }
        transport.setHandler(this::onDatagram);
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        List<NodeAddress> others = seeds.stream().filter(a -> !a.equals(self.address())).toList();
        if (others.isEmpty()) {
            f.complete(null);
            return f;
        }
        scheduler.execute(() -> {
            pending = new Pending(f, others);
            askSeed(pending);
        });
        return f;
    }

    /** Sends the join (or the next attempt at it, to the next seed) and waits for the whole join log. */
    private void askSeed(Pending p) {
        if (!running || pending != p || p.join.isDone()) {
            return;
        }
        if (p.attempt >= JOIN_ATTEMPTS * p.seeds.size()) {
            pending = null;
            p.join.completeExceptionally(new IllegalStateException("epidemic node " + self + " got no membership from the seeds "
                    + p.seeds + " after " + p.attempt + " attempts"));
            return;
        }
        NodeAddress seed = p.seeds.get(p.attempt % p.seeds.size());
        p.attempt++;
        expect(p);
        send(seed, new Join(self.id(), p.tid), Counter.JOIN_SENT);
        int tid = p.tid;
        scheduler.schedule(JOIN_TIMEOUT_MILLIS, () -> {
            if (pending == p && p.tid == tid) {
                count(Counter.JOIN_TIMEOUTS);
                askSeed(p);
            }
        });
    }

    private void expect(Pending p) {
        p.tid = rng.nextInt();
        p.chunks = -1;
        p.got.clear();
        p.learned.clear();
    }

    /**
     * Pulls the seed's join log from where the last answer ended: at once after a pull that brought new
     * members, else after an interval that doubles up to {@link #MAX_PULL_MILLIS}.
     */
    private void schedulePull(long delay) {
        if (pullTimer != null) {
            pullTimer.cancel();
        }
        pullTimer = scheduler.schedule(delay, () -> {
            pullTimer = null;
            if (!running || seed == null || pending != null) {
                return;
            }
            Pending p = new Pending(null, List.of(seed));
            pending = p;
            expect(p);
            send(seed, new Pull(self.id(), p.tid, pullFrom), Counter.PULL_SENT);
            scheduler.schedule(JOIN_TIMEOUT_MILLIS, () -> {
                if (pending == p) {
                    pending = null;
                    count(Counter.PULL_TIMEOUTS);
                    pullEvery = Math.min(MAX_PULL_MILLIS, Math.max(config.pullMillis(), pullEvery * 2));
                    schedulePull(pullEvery);
                }
            });
        });
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (pullTimer != null) {
            pullTimer.cancel();
            pullTimer = null;
        }
        if (cycle != null) {
            cycle.cancel();
            cycle = null;
        }
        hot.clear();
        transport.setHandler(null);
        transport.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<Contact> neighbours() {
        return List.copyOf(members);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new HashMap<>();
        for (Counter c : Counter.values()) {
            m.put(c.name().toLowerCase(java.util.Locale.ROOT), counts[c.ordinal()]);
        }
        m.put("members", (long) members.size());
        m.put("infective", (long) hot.size());
        return m;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return type == Broadcast.class ? Optional.of(type.cast(this)) : Optional.empty();
    }

    // ---------------------------------------------------------------- Broadcast

    @Override
    public long publish(byte[] payload) {
        if (payload.length > EpidemicCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a broadcast payload may hold at most " + EpidemicCodec.MAX_PAYLOAD
                    + " bytes, got " + payload.length);
        }
        long id = messageId(self.id(), ++sequence);
        count(Counter.PUBLISHED);
        received(new State(id, self, 0, payload.clone()));
        return id;
    }

    @Override
    public void addDeliveryListener(DeliveryListener listener) {
        listeners.add(listener);
    }

    /** A 64-bit digest of (origin id, origin's sequence number): SplitMix64's finaliser over both. */
    static long messageId(NodeId origin, int sequence) {
        long z = origin.hi() ^ Long.rotateLeft(origin.mid(), 21) ^ ((long) origin.lo() << 32) ^ (sequence * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** First receipt (or publication): deliver, then spread as the mode says. */
    private void received(State s) {
        s.learnedAt = scheduler.nowMillis();
        messages.put(s.id, s);
        count(Counter.DELIVERED);
        Delivery d = new Delivery(s.id, s.origin.id(), self.id(), s.hops, scheduler.nowMillis());
        for (DeliveryListener l : listeners) {
            l.delivered(d);
        }
        if (config.mode() == EpidemicConfig.Mode.FANOUT) {
            for (Contact c : sample(fanout())) {
                push(s, c, false);
            }
        } else {
            hot.add(s);
            armCycle();
        }
    }

    /** F = ln N + c, N the membership with this node; the fraction rounds up with its own probability. */
    int fanout() {
        double f = StrictMath.log(members.size() + 1) + config.fanoutC();
        if (f <= 0) {
            return 0;
        }
        int base = (int) Math.floor(f);
        return base + (rng.nextDouble() < f - base ? 1 : 0);
    }

    /** Up to n distinct members drawn uniformly. */
    private List<Contact> sample(int n) {
        int size = members.size();
        if (n >= size) {
            return List.copyOf(members);
        }
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < n) {
            picked.add(rng.nextInt(size));
        }
        List<Contact> out = new ArrayList<>(n);
        picked.forEach(i -> out.add(members.get(i)));
        return out;
    }

    private void push(State s, Contact to, boolean feedback) {
        send(to.address(), new Rumor(self.id(), s.id, s.origin, s.hops + 1, feedback, s.payload), Counter.BROADCAST_SENT);
    }

    private void armCycle() {
        if (cycle == null && running && !hot.isEmpty()) {
            long now = scheduler.nowMillis();
            long period = config.cycleMillis();
            cycle = scheduler.schedule(period - Math.floorMod(now, period), this::cycle);
        }
    }

    /** One of Demers's cycles: each infective message goes to one member drawn uniformly. */
    private void cycle() {
        cycle = null;
        if (!running) {
            return;
        }
        for (State s : List.copyOf(hot)) {
            if (members.isEmpty()) {
                break;
            }
            push(s, members.get(rng.nextInt(members.size())), config.feedback());
            if (!config.feedback()) {
                unnecessary(s);
            }
        }
        armCycle();
    }

    /** An unnecessary contact (or, blind, any contact): the counter or the coin decides whether to lose interest. */
    private void unnecessary(State s) {
        boolean lose = config.interest() == EpidemicConfig.Interest.COUNTER ? ++s.unnecessary >= config.k()
                : rng.nextInt(config.k()) == 0;
        if (lose && hot.remove(s)) {
            count(Counter.REMOVED);
        }
    }

    // ---------------------------------------------------------------- inbound

    private void onDatagram(NodeAddress from, byte[] data) {
        if (!running) {
            return;
        }
        EpidemicMessage m;
        try {
            m = EpidemicCodec.decode(data);
        } catch (EpidemicCodec.Malformed e) {
            count(Counter.MALFORMED);
            return;
        }
        if (m.sender().equals(self.id())) {
            count(Counter.MALFORMED);
            return;
        }
        if (m instanceof Rumor r) {
            onRumor(from, r);
        } else if (m instanceof Feedback f) {
            State s = messages.get(f.messageId());
            if (s != null && hot.contains(s)) {
                if (f.knew()) {
                    unnecessary(s);
                } else {
                    // a necessary contact: the counter counts unnecessary contacts since the last necessary one
                    s.unnecessary = 0;
                }
            }
        } else if (m instanceof Pull pl) {
            answer(from, pl.tid(), pl.from());
        } else if (m instanceof Join j) {
            onJoin(from, j);
        } else if (m instanceof Members ms) {
            onMembers(from, ms);
        }
    }

    private void onRumor(NodeAddress from, Rumor r) {
        count(Counter.BROADCAST_RECEIVED);
        State s = messages.get(r.messageId());
        if (r.wantFeedback()) {
            boolean knew = s != null;
            if (knew && config.mode() == EpidemicConfig.Mode.RUMOR) {
                // Demers's cycles are synchronous: a site answers as it stood when the cycle began, so two pushes
                // that reach a susceptible site in the same cycle are both necessary
                long now = scheduler.nowMillis();
                knew = s.learnedAt < now - Math.floorMod(now, config.cycleMillis());
            }
            send(from, new Feedback(self.id(), r.messageId(), knew), Counter.FEEDBACK_SENT);
        }
        if (s != null) {
            count(Counter.DUPLICATES);
        } else {
            received(new State(r.messageId(), r.origin(), r.hops(), r.payload()));
        }
    }

    private void onJoin(NodeAddress from, Join j) {
        Contact joiner = new Contact(j.sender(), from);
        Integer at = logIndex.get(from);
        if (at == null) {
            logIndex.put(from, joinLog.size());
            joinLog.add(joiner);
        } else {
            joinLog.set(at, joiner);
        }
        answer(from, j.tid(), 0);
        learn(joiner);
    }

    /** Sends the join log from position {@code start} on, in chunks (one empty chunk when nothing is new). */
    private void answer(NodeAddress to, int tid, int start) {
        int per = EpidemicCodec.MAX_MEMBERS_PER_CHUNK;
        int size = joinLog.size();
        int from = Math.min(start, size);
        int chunks = Math.max(1, (size - from + per - 1) / per);
        for (int i = 0; i < chunks; i++) {
            int a = Math.min(size, from + i * per);
            int b = Math.min(size, a + per);
            send(to, new Members(self.id(), tid, i, chunks, size, joinLog.subList(a, b)), Counter.MEMBERS_SENT);
        }
    }

    private void onMembers(NodeAddress from, Members ms) {
        Pending p = pending;
        if (p == null || ms.tid() != p.tid || (p.chunks >= 0 && p.chunks != ms.chunks()) || p.got.get(ms.chunk())) {
            count(Counter.MEMBERS_UNEXPECTED);
            return;
        }
        p.chunks = ms.chunks();
        p.next = Math.max(p.next, ms.next());
        p.got.set(ms.chunk());
        p.learned.addAll(ms.members());
        if (p.got.cardinality() < p.chunks) {
            return;
        }
        pending = null;
        int before = members.size();
        long heardBefore = heardOf;
        for (Contact c : p.learned) {
            learn(c);
        }
        seed = from;
        pullFrom = p.next;
        boolean news = heardOf != heardBefore || members.size() != before;
        pullEvery = news ? config.pullMillis() : Math.min(MAX_PULL_MILLIS, Math.max(config.pullMillis(), pullEvery * 2));
        schedulePull(pullEvery);
        if (p.join != null) {
            p.join.complete(null);
        }
    }

    /** Takes a member: always under full membership, else as a reservoir sample of everyone heard of. */
    private void learn(Contact c) {
        if (c.id().equals(self.id()) || c.address().equals(self.address())) {
            return;
        }
        Integer at = memberIndex.get(c.address());
        if (at != null) {
            members.set(at, c);
            return;
        }
        heardOf++;
        if (config.view() == 0 || members.size() < config.view()) {
            memberIndex.put(c.address(), members.size());
            members.add(c);
            return;
        }
        long j = rng.nextLong(heardOf);
        if (j < config.view()) {
            Contact old = members.set((int) j, c);
            memberIndex.remove(old.address());
            memberIndex.put(c.address(), (int) j);
        }
    }

    private void send(NodeAddress to, EpidemicMessage m, Counter counter) {
        count(counter);
        transport.sendOwned(to, EpidemicCodec.encode(m));
    }

    private void count(Counter c) {
        counts[c.ordinal()]++;
    }
}
