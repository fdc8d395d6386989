package io.p2ptestbed.overlay.index;

import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.guard.GuardHooks;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.FileSearch;
import io.p2ptestbed.overlay.spi.Guards;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Ping;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * One node of the central index: every node runs this code; the node that joins no one (the first bootstrap
 * node) is the index, and every other node is a peer that registers its files with the first seed it was given,
 * registers again every {@code announceMillis}, and searches it. The index lists a registration under every file
 * it names until it expires, and answers a search with a random subset (from the node's seeded generator) of the
 * peers listed for the file.
 *
 * <p>Requests (register, query, ping) pass the node's guards first (the neutral defences: rate limits by source,
 * IP-diversity of the listed peers), then its modelled capacity. With {@code verify} on, a registration is listed
 * only once the registered address answers a probe that names the registration's transaction id: an address
 * nobody listens on, or a peer that never made that registration, does not answer.
 */
public final class IndexNode implements OverlayNode, IndexSearch, Ping {

    public static final String PROTOCOL = "index";
    /** Length of the capacity accounting window. */
    static final long WINDOW_MILLIS = 100;
    /** Recent registrations of this peer that it stands behind when probed. */
    private static final int REMEMBERED_REGISTRATIONS = 4;

    private final NodeId id;
    private final IndexConfig config;
    private final Transport transport;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final List<String> files;
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final GuardHooks guards = new GuardHooks();

    /** The index's listings: file, then peer and the time its listing expires (insertion order per file). */
    private final TreeMap<String, LinkedHashMap<NodeAddress, Long>> listings = new TreeMap<>();
    /** Registrations waiting for their probe's answer, by nonce. */
    private final Map<Long, PendingRegistration> probes = new LinkedHashMap<>();
    private long windowStart = -1;
    private int windowUsed;

    private NodeAddress index;
    private final Set<Integer> registrations = new LinkedHashSet<>();
    private final Map<Integer, Call> calls = new LinkedHashMap<>();
    private Cancellable announcer;
    private boolean running;

    private record PendingRegistration(NodeAddress peer, List<String> files) {}

    /** A request this node waits on: resent once on timeout, then failed. */
    private final class Call {
        final CompletableFuture<IndexMessage> answer = new CompletableFuture<>();
        final NodeAddress to;
        final byte[] wire;
        int triesLeft = 1;
        Cancellable timer;

        Call(NodeAddress to, byte[] wire) {
            this.to = to;
            this.wire = wire;
        }
    }

    public IndexNode(NodeId id, IndexConfig config, Transport transport, Scheduler scheduler, RandomGenerator rng) {
        this.id = id;
        this.config = config;
        this.transport = transport;
        this.scheduler = scheduler;
        this.rng = rng;
        this.files = FileSearch.drawFiles(rng, config.files(), config.vocabulary());
    }

    private void count(String name) {
        counters.merge(name, 1L, Long::sum);
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
        return transport.localAddress();
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        transport.setHandler(this::onDatagram);
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            index = seeds.stream().filter(s -> !s.equals(address())).findFirst().orElse(null);
            if (index == null || !running) {
                done.complete(null);
                return;
            }
            announce().whenComplete((m, e) -> {
                if (e != null) {
                    count("register.unanswered");
                }
                done.complete(null);
            });
            announcer = scheduler.schedule(config.announceMillis(), this::reannounce);
        });
        return done;
    }

    private void reannounce() {
        if (!running) {
            return;
        }
        announce();
        announcer = scheduler.schedule(config.announceMillis(), this::reannounce);
    }

    /** Registers this node's own files under its own address (ip 0: the index takes the datagram's source ip). */
    private CompletableFuture<IndexMessage> announce() {
        int txid = rng.nextInt();
        registrations.add(txid);
        while (registrations.size() > REMEMBERED_REGISTRATIONS) {
            registrations.remove(registrations.iterator().next());
        }
        count("sent.register");
        return call(index, new IndexMessage.Register(txid, new NodeAddress(0, address().port()), files));
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (announcer != null) {
            announcer.cancel();
        }
        for (Call c : new ArrayList<>(calls.values())) {
            if (c.timer != null) {
                c.timer.cancel();
            }
            c.answer.completeExceptionally(new IllegalStateException("node stopped"));
        }
        calls.clear();
        transport.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A peer's neighbour is the index; the index's are the peers it lists. */
    @Override
    public List<Contact> neighbours() {
        List<Contact> out = new ArrayList<>();
        if (index != null) {
            out.add(new Contact(ChordIds.forAddress(index), index));
            return out;
        }
        Set<NodeAddress> peers = new LinkedHashSet<>();
        listings.values().forEach(m -> peers.addAll(m.keySet()));
        for (NodeAddress p : peers) {
            out.add(new Contact(ChordIds.forAddress(p), p));
        }
        return out;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>(counters);
        long listed = 0;
        for (Map<NodeAddress, Long> l : listings.values()) {
            listed += l.size();
        }
        m.put("listings", listed);
        m.put("probes.pending", (long) probes.size());
        guards.addCountersTo(m);
        return m;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == IndexSearch.class || type == Ping.class || type == IndexNode.class || type == FileSearch.class) {
            return Optional.of(type.cast(this));
        }
        if (type == Guards.class) {
            return Optional.of(type.cast(guards));
        }
        return Optional.empty();
    }

    // --- IndexSearch ---

    @Override
    public CompletableFuture<List<NodeAddress>> search(String file) {
        IndexCodec.checkName(file);
        CompletableFuture<List<NodeAddress>> out = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (index == null) {
                out.complete(answer(file, config.answerSize()));
                return;
            }
            count("sent.query");
            call(index, new IndexMessage.Query(rng.nextInt(), file, config.answerSize())).whenComplete((m, e) -> {
                if (e != null) {
                    out.completeExceptionally(e);
                } else if (m instanceof IndexMessage.Results r) {
                    out.complete(r.peers());
                } else {
                    out.completeExceptionally(new IllegalStateException("the index answered a query with " + m));
                }
            });
        });
        return out;
    }

    @Override
    public void searchWithoutWaiting(String file) {
        IndexCodec.checkName(file);
        scheduler.execute(() -> {
            if (index != null && running) {
                count("sent.query");
                transport.send(index, IndexCodec.encode(new IndexMessage.Query(rng.nextInt(), file, config.answerSize())));
            }
        });
    }

    @Override
    public void register(NodeAddress claimed, List<String> names) {
        names.forEach(IndexCodec::checkName);
        scheduler.execute(() -> {
            if (index != null && running) {
                count("sent.register");
                transport.send(index, IndexCodec.encode(new IndexMessage.Register(rng.nextInt(), claimed, List.copyOf(names))));
            }
        });
    }

    @Override
    public List<String> files() {
        return isIndex() ? List.of() : files;
    }

    @Override
    public boolean isIndex() {
        return index == null;
    }

    @Override
    public NodeAddress index() {
        return index;
    }

    // --- Ping ---

    @Override
    public CompletableFuture<Boolean> ping(NodeAddress to) {
        CompletableFuture<Boolean> out = new CompletableFuture<>();
        scheduler.execute(() -> call(to, new IndexMessage.Ping(rng.nextInt()))
                .whenComplete((m, e) -> out.complete(e == null && m instanceof IndexMessage.Pong)));
        return out;
    }

    // --- wire ---

    private CompletableFuture<IndexMessage> call(NodeAddress to, IndexMessage m) {
        Call c = new Call(to, IndexCodec.encode(m));
        Call old = calls.put(m.txid(), c);
        if (old != null) {
            old.answer.completeExceptionally(new IllegalStateException("transaction id reused"));
        }
        send(c, m.txid());
        return c.answer;
    }

    private void send(Call c, int txid) {
        transport.send(c.to, c.wire);
        c.timer = scheduler.schedule(config.timeoutMillis(), () -> {
            if (calls.get(txid) != c) {
                return;
            }
            if (c.triesLeft-- > 0 && running) {
                count("retries");
                send(c, txid);
            } else {
                calls.remove(txid);
                count("timeouts");
                c.answer.completeExceptionally(new TimeoutException("no answer from " + c.to));
            }
        });
    }

    private void onDatagram(NodeAddress from, byte[] data) {
        if (!running) {
            return;
        }
        IndexMessage m;
        try {
            m = IndexCodec.decode(data);
        } catch (IndexCodec.Malformed e) {
            count("malformed");
            return;
        }
        if (m instanceof IndexMessage.Register || m instanceof IndexMessage.Query || m instanceof IndexMessage.Ping) {
            if (admitted(from)) {
                serve(from, m);
            }
        } else if (m instanceof IndexMessage.Probe p) {
            if (registrations.contains(p.registration())) {
                count("probes.answered");
                transport.send(from, IndexCodec.encode(new IndexMessage.ProbeAck(p.txid(), p.nonce())));
            } else {
                count("probes.denied");
            }
        } else if (m instanceof IndexMessage.ProbeAck a) {
            PendingRegistration r = probes.remove(a.nonce());
            if (r != null && r.peer().equals(from)) {
                count("probes.acked");
                list(r.peer(), r.files());
            }
        } else {
            Call c = calls.get(m.txid());
            if (c != null && c.to.equals(from)) {
                calls.remove(m.txid());
                c.timer.cancel();
                c.answer.complete(m);
            } else {
                count("unexpected");
            }
        }
    }

    /** The guards, then the modelled capacity. */
    private boolean admitted(NodeAddress from) {
        long now = scheduler.nowMillis();
        if (!guards.admits(from, now)) {
            count("dropped.guard");
            return false;
        }
        if (config.capacity() > 0) {
            long window = now - now % WINDOW_MILLIS;
            if (window != windowStart) {
                windowStart = window;
                windowUsed = 0;
            }
            if (windowUsed >= Math.max(1, config.capacity() * WINDOW_MILLIS / 1000)) {
                count("dropped.capacity");
                return false;
            }
            windowUsed++;
        }
        count("requests");
        return true;
    }

    private void serve(NodeAddress from, IndexMessage m) {
        if (m instanceof IndexMessage.Ping) {
            transport.send(from, IndexCodec.encode(new IndexMessage.Pong(m.txid())));
        } else if (m instanceof IndexMessage.Query q) {
            count("queries.answered");
            transport.send(from, IndexCodec.encode(new IndexMessage.Results(q.txid(),
                    answer(q.file(), Math.min(q.want(), config.answerSize())))));
        } else if (m instanceof IndexMessage.Register r) {
            count("registrations");
            NodeAddress peer = r.peer().ip() == 0 ? new NodeAddress(from.ip(), r.peer().port()) : r.peer();
            if (peer.port() == 0) {
                count("registrations.refused");
                return;
            }
            if (!guards.accepts(new Contact(ChordIds.forAddress(peer), peer))) {
                count("registrations.refused");
                return;
            }
            if (config.verify()) {
                long nonce = rng.nextLong();
                probes.put(nonce, new PendingRegistration(peer, r.files()));
                count("probes.sent");
                transport.send(peer, IndexCodec.encode(new IndexMessage.Probe(rng.nextInt(), r.txid(), nonce)));
                scheduler.schedule(config.timeoutMillis(), () -> {
                    if (probes.remove(nonce) != null) {
                        count("probes.unanswered");
                    }
                });
                transport.send(from, IndexCodec.encode(new IndexMessage.Registered(r.txid(), true)));
            } else {
                list(peer, r.files());
                transport.send(from, IndexCodec.encode(new IndexMessage.Registered(r.txid(), false)));
            }
        }
    }

    private void list(NodeAddress peer, List<String> names) {
        long until = scheduler.nowMillis() + config.expiryMillis();
        for (String f : names) {
            LinkedHashMap<NodeAddress, Long> l = listings.computeIfAbsent(f, k -> new LinkedHashMap<>());
            l.remove(peer);
            l.put(peer, until);
        }
        count("registrations.listed");
    }

    /** A random subset of at most {@code want} unexpired peers listed for {@code file} (expired ones are dropped). */
    private List<NodeAddress> answer(String file, int want) {
        LinkedHashMap<NodeAddress, Long> l = listings.get(file);
        if (l == null) {
            return List.of();
        }
        long now = scheduler.nowMillis();
        l.values().removeIf(until -> until <= now);
        List<NodeAddress> all = new ArrayList<>(l.keySet());
        int n = Math.min(want, all.size());
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(all.size() - i);
            NodeAddress t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        return List.copyOf(all.subList(0, n));
    }
}
