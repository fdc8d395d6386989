package io.p2ptestbed.overlay.superpeer;

import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.index.IndexCodec;
import io.p2ptestbed.overlay.spi.FileSearch;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamPeers;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * One node of a super-peer network, on the stream transport. Its capacity is drawn from the seed; the top
 * {@code superPercent}% become super-peers (and the node that joins no one). Joining: connect to a seed, say who
 * you are, ask for the super-peers it knows (with their capacity and load). A super-peer then connects to
 * {@code superDegree} of them at random; a leaf picks its parent from their state, the least loaded for its
 * capacity ((load + 1) / capacity), attaches to it ({@code parents} of them with redundancy) and sends it its
 * file list, which the super-peer indexes. A leaf's query goes to its parents; a super-peer answers from its
 * index and floods the query to the other super-peers with TTL and duplicate suppression; hits travel back along
 * the query's path. A leaf whose parent is lost attaches to another super-peer it knows.
 */
public final class SuperPeerNode implements OverlayNode, SuperPeerSearch {

    public static final String PROTOCOL = "superpeer";
    /** How often a leaf asks its parents for the super-peers they know. */
    static final long REFRESH_MILLIS = 30_000;
    /** Query ids remembered for duplicate suppression and the way back. */
    static final int SEEN = 20_000;

    private final NodeId id;
    private final SuperPeerConfig config;
    private final StreamTransport streams;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final int capacity;
    /** What this node does as a super-peer: none, drop or poison. */
    private String malice;
    private final List<String> files;
    private final Map<String, Long> counters = new TreeMap<>();
    private final Handler handler = new Handler();

    private boolean superPeer;
    private boolean running;
    private CompletableFuture<Void> joined;
    private int pendingLinks;
    /** Every connection's state, by connection id. */
    private final StreamPeers<Peer> peers = new StreamPeers<>();
    /** Super-peers this node knows, with capacity and load as last heard. */
    private final Map<NodeAddress, SuperPeerMessage.SuperInfo> supers = new LinkedHashMap<>();
    /** Super-peers this super-peer is connecting to after a refresh list (cleared at every refresh). */
    private final Set<NodeAddress> linking = new LinkedHashSet<>();
    /** Super-peers a leaf will not take as a parent again (reputation). */
    private final Set<NodeAddress> distrusted = new LinkedHashSet<>();
    private final Map<NodeAddress, Integer> scores = new LinkedHashMap<>();
    private final Map<Long, Peer> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Peer> e) {
            return size() > SEEN;
        }
    };
    private final Map<Long, Search> searches = new LinkedHashMap<>();

    private static final class Peer {
        final Connection connection;
        boolean hello;
        boolean helloSent;
        boolean superPeer;
        NodeAddress listening;
        List<String> files = List.of();
        boolean attached;
        boolean bootstrap;
        boolean parent;
        /** A leaf's connection to a candidate parent, open until it has told its capacity and load. */
        boolean probe;

        Peer(Connection c) {
            this.connection = c;
        }
    }

    /**
     * A leaf's search under way: the parents asked, and every hit with the super-peers that vouch for it (the parent
     * that delivered it and the super-peer whose index answered it).
     */
    private static final class Search {
        final CompletableFuture<List<NodeAddress>> done = new CompletableFuture<>();
        final Set<NodeAddress> asked = new LinkedHashSet<>();
        final Map<NodeAddress, Set<NodeAddress>> hits = new LinkedHashMap<>();
        /** The super-peers whose own index answered. */
        final Set<NodeAddress> origins = new LinkedHashSet<>();
    }

    public SuperPeerNode(NodeId id, SuperPeerConfig config, StreamTransport streams, Scheduler scheduler, RandomGenerator rng) {
        this.id = id;
        this.config = config;
        this.streams = streams;
        this.scheduler = scheduler;
        this.rng = rng;
        this.capacity = rng.nextInt(1000);
        this.malice = config.malice();
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
        return streams.localAddress();
    }

    @Override
    public void start() {
        if (!running) {
            running = true;
            streams.listen(handler);
        }
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            joined = done;
            NodeAddress seed = seeds.stream().filter(s -> !s.equals(address())).findFirst().orElse(null);
            superPeer = seed == null || config.role().equals("super") || capacity >= 1000 - 10 * config.superPercent();
            if (running) {
                scheduler.schedule(REFRESH_MILLIS, this::refresh);
            }
            if (seed == null || !running) {
                done.complete(null);
                return;
            }
            pendingLinks = 1;
            connect(seed, true);
        });
        return done;
    }

    /**
     * KaZaA's super-node refresh lists: a leaf asks its parents for the super-peers they know, a super-peer asks the
     * super-peers it links to (each answer lists the answerer first with its load now).
     */
    private void refresh() {
        if (!running) {
            return;
        }
        linking.clear(); // a link still not up after a whole refresh period is not waited for any longer
        for (Peer p : superPeer ? superLinks(null) : parents()) {
            send(p, new SuperPeerMessage.SupersRequest());
        }
        scheduler.schedule(REFRESH_MILLIS, this::refresh);
    }

    private enum Kind { BOOTSTRAP, SUPER_LINK, PROBE }

    private void connect(NodeAddress to, boolean bootstrap) {
        connect(to, bootstrap ? Kind.BOOTSTRAP : Kind.SUPER_LINK);
    }

    private void connect(NodeAddress to, Kind kind) {
        boolean bootstrap = kind == Kind.BOOTSTRAP;
        streams.connect(to, new ConnectionHandler() {
            @Override
            public void opened(Connection c) {
                Peer p = peers.opened(c, running, Peer::new);
                if (p == null) {
                    return;
                }
                p.listening = to;
                p.bootstrap = bootstrap;
                p.helloSent = true;
                send(p, hello());
                if (bootstrap) {
                    send(p, new SuperPeerMessage.SupersRequest());
                } else if (kind == Kind.PROBE) {
                    p.probe = true; // its HELLO answer tells its capacity and load
                } else {
                    p.superPeer = true;
                    linkDone();
                }
            }

            @Override
            public void frame(Connection c, byte[] f) {
                handler.frame(c, f);
            }

            @Override
            public void closed(Connection c, CloseReason reason) {
                handler.closed(c, reason);
            }

            @Override
            public void failed(NodeAddress address, CloseReason reason) {
                count("connects.failed");
                supers.remove(address);
                linking.remove(address);
                if (kind == Kind.PROBE) {
                    probeAnswered();
                } else {
                    linkDone();
                }
            }
        });
    }

    private void linkDone() {
        if (--pendingLinks <= 0 && joined != null) {
            joined.complete(null);
        }
    }

    private SuperPeerMessage.Hello hello() {
        boolean claim = config.claimCapacity() >= 0;
        return new SuperPeerMessage.Hello(superPeer, address().port(), claim ? config.claimCapacity() : capacity,
                claim ? 0 : leaves());
    }

    private int leaves() {
        return peers.count(p -> p.attached);
    }

    private List<Peer> parents() {
        return peers.matching(p -> p.parent && p.connection.isOpen());
    }

    private List<Peer> superLinks(Peer except) {
        return peers.matching(p -> p != except && p.superPeer && p.hello && !p.attached && !p.parent && !p.bootstrap && !p.probe
                && p.connection.isOpen());
    }

    /** After the seed's list: a super-peer links to random super-peers, a leaf to the best parents. */
    private void afterSupers() {
        if (superPeer) {
            List<NodeAddress> candidates = new ArrayList<>(supers.keySet());
            candidates.remove(address());
            int want = Math.min(config.superDegree(), candidates.size());
            pendingLinks += want;
            for (int i = 0; i < want; i++) {
                connect(candidates.remove(rng.nextInt(candidates.size())), false);
            }
        } else {
            findParents();
        }
        linkDone();
    }

    /**
     * Links to random super-peers of the list this super-peer is not linked to (nor connecting to), up to
     * {@code superDegree} links in all, inbound ones included.
     */
    private void linkMore() {
        Set<NodeAddress> linked = new LinkedHashSet<>(linking);
        List<Peer> links = superLinks(null);
        links.forEach(p -> linked.add(p.listening));
        List<NodeAddress> candidates = new ArrayList<>();
        for (NodeAddress a : supers.keySet()) {
            if (!linked.contains(a) && !a.equals(address())) {
                candidates.add(a);
            }
        }
        int want = Math.min(config.superDegree() - links.size() - linking.size(), candidates.size());
        for (int i = 0; i < want; i++) {
            NodeAddress a = candidates.remove(rng.nextInt(candidates.size()));
            linking.add(a);
            pendingLinks++;
            connect(a, false);
        }
    }

    /** Candidate parents being probed, and how many have not answered yet. */
    private final Map<NodeAddress, Peer> probes = new LinkedHashMap<>();
    private int probesPending;
    /** Whether this leaf has heard its first refresh list from a parent (the end of its start-up). */
    private boolean refreshed;
    /** The probes under way are that second pick: the best answer replaces the worst parent if it is less loaded. */
    private boolean swapping;

    /**
     * A leaf picks its parents from the super-peers' state, as KaZaA's ordinary nodes do: it probes {@code probes}
     * super-peers of its list (with reputation, those that answered its searches well first, best first), the others
     * drawn with a weight of the spare capacity their list entries advertise, (capacity + 1) / (load + 1). Each
     * answers with its capacity and load now (HELLO), and the leaf keeps the best and closes the others. Again until
     * it has {@code parents}.
     */
    private void findParents() {
        findParents(false);
    }

    /** {@code swap}: probe for a better parent than the worst one this leaf has (its second pick). */
    private void findParents(boolean swap) {
        if (!running || superPeer || probesPending > 0) {
            return;
        }
        Set<NodeAddress> have = new LinkedHashSet<>();
        parents().forEach(p -> have.add(p.listening));
        int need = swap ? 1 : config.parents() - have.size();
        List<NodeAddress> candidates = new ArrayList<>();
        for (NodeAddress a : supers.keySet()) {
            if (!have.contains(a) && !distrusted.contains(a) && !a.equals(address())) {
                candidates.add(a);
            }
        }
        if (need <= 0 || candidates.isEmpty()) {
            return;
        }
        swapping = swap;
        // a second pick probes one super-peer, drawn by the spare capacity the refresh list advertises: the leaves of a
        // crowded parent then spread over the others in proportion, where probing several would crowd the best again
        int want = swap ? 1 : Math.min(candidates.size(), Math.max(config.probes(), need));
        List<NodeAddress> picked = new ArrayList<>();
        if (config.reputation()) {
            List<NodeAddress> trusted = new ArrayList<>(candidates.stream().filter(a -> score(a) > 0).toList());
            trusted.sort(Comparator.comparingInt(a -> -score(a)));
            for (NodeAddress a : trusted.subList(0, Math.min(want, trusted.size()))) {
                picked.add(a);
                candidates.remove(a);
            }
        }
        while (picked.size() < want) {
            picked.add(candidates.remove(weightedPick(candidates)));
        }
        probes.clear();
        probesPending = picked.size();
        pendingLinks++;
        picked.forEach(a -> connect(a, Kind.PROBE));
    }

    /** An index into {@code candidates}, drawn with a weight of (capacity + 1) / (load + 1) as last heard. */
    private int weightedPick(List<NodeAddress> candidates) {
        double[] w = new double[candidates.size()];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            SuperPeerMessage.SuperInfo info = supers.get(candidates.get(i));
            w[i] = info == null ? 1 : (info.capacity() + 1.0) / (info.load() + 1.0);
            total += w[i];
        }
        double r = rng.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            r -= w[i];
            if (r < 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    private int score(NodeAddress superPeer) {
        return scores.getOrDefault(superPeer, 0);
    }

    private void probeAnswered() {
        if (probesPending <= 0 || --probesPending > 0) {
            return;
        }
        List<Peer> answered = new ArrayList<>();
        for (Peer p : probes.values()) {
            if (p.hello && p.superPeer && p.connection.isOpen()) {
                answered.add(p);
            }
        }
        probes.clear();
        Comparator<Peer> byLoad = Comparator.comparingDouble(p -> ratio(p.listening, 0));
        // with reputation a super-peer that answered well comes before a better-advertised stranger
        answered.sort(config.reputation() ? Comparator.<Peer>comparingInt(p -> -score(p.listening)).thenComparing(byLoad) : byLoad);
        Peer replaced = swapping && !answered.isEmpty() ? replaceable(answered.get(0)) : null;
        swapping = false;
        int need = replaced != null ? 1 : config.parents() - parents().size();
        for (int i = 0; i < answered.size(); i++) {
            Peer p = answered.get(i);
            p.probe = false;
            if (i < need && running) {
                p.parent = true;
                send(p, new SuperPeerMessage.Attach(files));
                count("parents.attached");
            } else {
                p.connection.close();
            }
        }
        if (replaced != null) {
            count("parents.swapped");
            replaced.connection.close(); // the new parent is attached first: a full set of parents throughout
        }
        linkDone();
        if (running && parents().size() < config.parents() && answered.size() < need) {
            findParents(); // some candidates were gone: try others
        }
    }

    /**
     * The parent that {@code best} (a probed super-peer) should replace at a leaf's second pick: its worst parent, when
     * {@code best}, with this leaf attached, is less loaded for its capacity than that parent now (and, with reputation,
     * not less trusted); null otherwise.
     */
    private Peer replaceable(Peer best) {
        Peer worst = null;
        double worstRatio = -1;
        for (Peer p : parents()) {
            double r = ratio(p.listening, 0);
            if (r > worstRatio) {
                worst = p;
                worstRatio = r;
            }
        }
        if (worst == null || ratio(best.listening, 1) >= worstRatio
                || (config.reputation() && score(best.listening) < score(worst.listening))) {
            return null;
        }
        return worst;
    }

    /**
     * Whether this leaf should leave parent {@code p} for a less crowded super-peer: p's load for its capacity, (load + 1) /
     * (capacity + 1), now (p lists itself first in its refresh list) is more than twice the mean of the list's. Then only
     * the excess leaves move: each with probability 1 - mean / p's, drawn from the node's generator.
     */
    private boolean crowded(Peer p, SuperPeerMessage.Supers list) {
        List<SuperPeerMessage.SuperInfo> l = list.supers();
        if (l.isEmpty() || !l.get(0).address().equals(p.listening)) {
            return false;
        }
        double mean = 0;
        for (SuperPeerMessage.SuperInfo i : l) {
            mean += (i.load() + 1.0) / (i.capacity() + 1.0);
        }
        mean /= l.size();
        double mine = ratio(p.listening, 0);
        return mine > 2 * mean && rng.nextDouble() < 1 - mean / mine;
    }

    /** (load + more + 1) / (capacity + 1) as last heard; the largest value when unknown. */
    private double ratio(NodeAddress superPeer, int more) {
        SuperPeerMessage.SuperInfo i = supers.get(superPeer);
        return i == null ? Double.MAX_VALUE : (i.load() + more + 1.0) / (i.capacity() + 1.0);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        streams.close();
        peers.clear();
        searches.values().forEach(s -> s.done.complete(List.of()));
        searches.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A leaf's neighbours are its parents; a super-peer's are its super-peer links and its leaves. */
    @Override
    public List<Contact> neighbours() {
        List<Contact> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.hello && p.listening != null && p.connection.isOpen() && !p.bootstrap && !p.probe && (p.parent || p.attached || p.superPeer)) {
                out.add(new Contact(ChordIds.forAddress(p.listening), p.listening));
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>(counters);
        m.put("superPeer", superPeer ? 1L : 0L);
        m.put("leaves", (long) leaves());
        m.put("parents", (long) parents().size());
        m.put("superLinks", superPeer ? (long) superLinks(null).size() : 0L);
        m.put("malicious", isMalicious() ? 1L : 0L);
        m.put("reputation.distrustedNow", (long) distrusted.size());
        m.putAll(streams.counters().asMap());
        return m;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == SuperPeerSearch.class || type == SuperPeerNode.class || type == FileSearch.class) {
            return Optional.of(type.cast(this));
        }
        return Optional.empty();
    }

    // --- SuperPeerSearch ---

    @Override
    public boolean isSuperPeer() {
        return superPeer;
    }

    @Override
    public boolean isMalicious() {
        return superPeer && !malice.equals("none");
    }

    @Override
    public void turnMalicious(String mode) {
        if (!superPeer) {
            throw new IllegalStateException(address() + " is a leaf; only a super-peer can turn malicious");
        }
        malice = SuperPeerConfig.checkMalice(mode);
        count("malice.turned");
    }

    @Override
    public List<String> files() {
        return superPeer ? List.of() : files;
    }

    @Override
    public List<NodeAddress> parentAddresses() {
        List<NodeAddress> out = new ArrayList<>();
        parents().forEach(p -> out.add(p.listening));
        return out;
    }

    @Override
    public CompletableFuture<List<NodeAddress>> search(String file) {
        IndexCodec.checkName(file);
        CompletableFuture<List<NodeAddress>> out = new CompletableFuture<>();
        scheduler.execute(() -> {
            List<Peer> ps = parents();
            if (superPeer || ps.isEmpty()) {
                count("searches.withoutParent");
                out.complete(List.of());
                return;
            }
            long qid = rng.nextLong();
            Search s = new Search();
            searches.put(qid, s);
            ps.forEach(p -> s.asked.add(p.listening));
            for (Peer p : ps) {
                send(p, new SuperPeerMessage.Query(qid, config.ttl(), 0, file));
            }
            count("searches");
            scheduler.schedule(config.timeoutMillis(), () -> finish(qid));
            s.done.whenComplete((v, e) -> out.complete(v == null ? List.of() : v));
        });
        return out;
    }

    private void finish(long qid) {
        Search s = searches.remove(qid);
        if (s == null) {
            return;
        }
        s.hits.remove(address()); // a second parent may name the searching leaf itself
        if (config.reputation()) {
            judge(s);
        } else {
            s.done.complete(List.copyOf(s.hits.keySet()));
        }
    }

    /**
     * Verification and reputation: every hit that was not dropped (a distrusted super-peer's) is checked by connecting
     * to it (a decoy's address answers nothing), and the search reports only those that passed. A parent
     * asked gains a point when a peer it delivered passed, and loses one otherwise (one that returned nothing
     * included). A super-peer whose own answers (the hits it is the origin of) all failed loses two at once: an
     * honest super-peer answers from the index of its attached, live leaves. Scores stay at most 3; at -2 the leaf
     * distrusts the super-peer for good: it drops its answers and, if it is a parent, leaves it for another.
     */
    private void judge(Search s) {
        Map<NodeAddress, boolean[]> passed = new LinkedHashMap<>();
        s.asked.forEach(a -> passed.put(a, new boolean[1]));
        s.origins.forEach(a -> passed.putIfAbsent(a, new boolean[1]));
        List<NodeAddress> verified = new ArrayList<>();
        int[] outstanding = {s.hits.size()};
        Runnable checked = () -> {
            if (--outstanding[0] <= 0) {
                score(s, passed);
                s.done.complete(List.copyOf(verified));
            }
        };
        if (outstanding[0] == 0) {
            outstanding[0] = 1;
            checked.run();
            return;
        }
        count("reputation.checks");
        for (Map.Entry<NodeAddress, Set<NodeAddress>> e : s.hits.entrySet()) {
            streams.connect(e.getKey(), new ConnectionHandler() {
                @Override
                public void opened(Connection c) {
                    verified.add(e.getKey());
                    e.getValue().forEach(a -> passed.get(a)[0] = true);
                    c.close();
                    checked.run();
                }

                @Override
                public void frame(Connection c, byte[] f) {}

                @Override
                public void closed(Connection c, CloseReason r) {}

                @Override
                public void failed(NodeAddress to, CloseReason r) {
                    count("reputation.failedChecks");
                    checked.run();
                }
            });
        }
    }

    private void score(Search search, Map<NodeAddress, boolean[]> passed) {
        for (Map.Entry<NodeAddress, boolean[]> e : passed.entrySet()) {
            NodeAddress sp = e.getKey();
            boolean ok = e.getValue()[0];
            int s = Math.min(3, score(sp) + (ok ? 1 : search.origins.contains(sp) ? -2 : -1));
            scores.put(sp, s);
            if (s <= -2 && running && distrusted.add(sp)) {
                count("reputation.distrusted");
                for (Peer p : parents()) {
                    if (sp.equals(p.listening)) {
                        count("reputation.parentsLeft");
                        p.connection.close();
                    }
                }
            }
        }
    }

    // --- wire ---

    private void send(Peer p, SuperPeerMessage m) {
        if (p.connection.send(SuperPeerCodec.encode(m))) {
            count("sent." + m.getClass().getSimpleName());
        }
    }

    private void onMessage(Peer from, SuperPeerMessage m) {
        if (joined == null && !superPeer) {
            superPeer = true; // contacted before it joined anyone: the first node, which every network needs as a super-peer
            count("superPeer.first");
            scheduler.schedule(REFRESH_MILLIS, this::refresh);
        }
        if (m instanceof SuperPeerMessage.Hello h) {
            from.hello = true;
            from.superPeer = h.superPeer();
            if (from.listening == null) {
                from.listening = new NodeAddress(from.connection.remote().ip(), h.port());
            }
            if (h.superPeer()) {
                supers.put(from.listening, new SuperPeerMessage.SuperInfo(from.listening, h.capacity(), h.load()));
                linking.remove(from.listening);
            }
            if (!from.helloSent) { // the answer on an inbound connection: who this end is
                from.helloSent = true;
                send(from, hello());
            }
            if (from.probe && !probes.containsKey(from.listening)) {
                probes.put(from.listening, from);
                probeAnswered();
            }
        } else if (m instanceof SuperPeerMessage.SupersRequest) {
            List<SuperPeerMessage.SuperInfo> l = new ArrayList<>();
            if (superPeer) {
                SuperPeerMessage.Hello me = hello();
                l.add(new SuperPeerMessage.SuperInfo(address(), me.capacity(), me.load()));
            }
            for (SuperPeerMessage.SuperInfo s : supers.values()) {
                if (l.size() < SuperPeerCodec.MAX_SUPERS && !s.address().equals(from.listening)) {
                    l.add(s);
                }
            }
            send(from, new SuperPeerMessage.Supers(l));
        } else if (m instanceof SuperPeerMessage.Supers s) {
            for (SuperPeerMessage.SuperInfo i : s.supers()) {
                if (!i.address().equals(address())) {
                    supers.put(i.address(), i);
                }
            }
            if (from.bootstrap) {
                from.connection.close();
                afterSupers();
            } else if (!superPeer && from.parent) {
                boolean first = !refreshed;
                refreshed = true;
                if (parents().size() < config.parents()) {
                    // a leaf that found fewer parents than it wants when it joined (its seed knew few super-peers, as
                    // when a whole network starts at once) fills up from its parents' refresh lists
                    count("parents.refill");
                    findParents();
                } else if (first && crowded(from, s)) {
                    // at its first refresh only (the end of its start-up), a leaf whose parent is crowded (many leaves
                    // chose it at once, on the same loads, as when a whole network starts together) picks again
                    count("parents.pickAgain");
                    findParents(true);
                }
            } else if (superPeer && from.superPeer && superLinks(null).size() + linking.size() < config.superDegree()) {
                // a super-peer that joined when its seed knew few super-peers (a whole network starting at once: the
                // mesh would stay a star around the first super-peers) links to more from the refresh lists
                count("superLinks.refill");
                linkMore();
            }
        } else if (m instanceof SuperPeerMessage.Attach a) {
            if (superPeer && !from.superPeer) {
                from.attached = true;
                from.files = a.files();
                count("leaves.attached");
            }
        } else if (m instanceof SuperPeerMessage.Query q) {
            onQuery(from, q);
        } else if (m instanceof SuperPeerMessage.Hits h) {
            onHits(from, h);
        }
    }

    private void onQuery(Peer from, SuperPeerMessage.Query q) {
        if (!superPeer) {
            return;
        }
        if (seen.containsKey(q.qid())) {
            count("duplicates");
            return;
        }
        seen.put(q.qid(), from);
        count("queries");
        if (isMalicious() && malice.equals("drop")) {
            count("malice.dropped");
            return;
        }
        List<NodeAddress> hits = new ArrayList<>();
        if (isMalicious()) {
            hits.addAll(decoys());
            count("malice.decoyAnswers");
        } else {
            for (Peer p : peers.values()) {
                if (p.attached && p != from && p.connection.isOpen() && p.files.contains(q.file())) {
                    hits.add(p.listening);
                }
            }
        }
        if (!hits.isEmpty()) {
            send(from, new SuperPeerMessage.Hits(q.qid(), address(), hits));
        }
        if (q.ttl() > 1) {
            SuperPeerMessage.Query next = new SuperPeerMessage.Query(q.qid(), q.ttl() - 1, Math.min(255, q.hops() + 1), q.file());
            for (Peer p : superLinks(from)) {
                send(p, next);
            }
        }
    }

    /**
     * Decoys for a query, as in index poisoning (Liang, Naoumov and Ross, INFOCOM 2006): {@code decoys} records that name
     * the file at addresses in 127.202.0.0/16 where nobody listens.
     */
    private List<NodeAddress> decoys() {
        List<NodeAddress> out = new ArrayList<>();
        for (int i = 0; i < config.decoys(); i++) {
            out.add(NodeAddress.of(127, 202, rng.nextInt(256), 1 + rng.nextInt(254), address().port()));
        }
        return out;
    }

    private void onHits(Peer from, SuperPeerMessage.Hits h) {
        if (!superPeer) {
            Search s = searches.get(h.qid());
            if (s == null || from.listening == null) {
                return;
            }
            if (config.reputation() && (distrusted.contains(h.origin()) || distrusted.contains(from.listening))) {
                count("reputation.hitsDropped");
                return;
            }
            if (!h.peers().isEmpty()) {
                s.origins.add(h.origin());
            }
            for (NodeAddress a : h.peers()) {
                Set<NodeAddress> vouchers = s.hits.computeIfAbsent(a, k -> new LinkedHashSet<>());
                vouchers.add(from.listening);
                vouchers.add(h.origin());
            }
            return;
        }
        Peer back = seen.get(h.qid());
        if (back == null || !back.connection.isOpen()) {
            count("hits.unroutable");
            return;
        }
        if (isMalicious()) {
            if (malice.equals("drop")) {
                return;
            }
            send(back, new SuperPeerMessage.Hits(h.qid(), address(), decoys()));
            return;
        }
        send(back, h);
    }

    /** The transport's events for every connection of this node. */
    private final class Handler implements ConnectionHandler {

        @Override
        public void opened(Connection c) {
            peers.opened(c, running, Peer::new);
        }

        @Override
        public void frame(Connection c, byte[] f) {
            Peer p = peers.attached(c);
            if (p == null || !running) {
                return;
            }
            SuperPeerMessage m;
            try {
                m = SuperPeerCodec.decode(f);
            } catch (IndexCodec.Malformed e) {
                count("malformed");
                c.reset();
                return;
            }
            onMessage(p, m);
        }

        @Override
        public void closed(Connection c, CloseReason reason) {
            Peer p = peers.remove(c);
            if (p != null && p.probe && !p.hello && running) {
                probeAnswered();
                return;
            }
            if (p != null && p.parent && running) {
                count("parents.lost");
                if (reason != CloseReason.LOCAL) {
                    supers.remove(p.listening);
                }
                findParents();
            }
        }
    }
}
