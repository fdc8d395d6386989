package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Shared logic of the in-JVM runtimes: node creation from the seed, joining, lookups, churn. Subclasses
 * supply the transport and scheduler of a node and how to wait for a future.
 */
public abstract class LocalRuntime implements NetworkRuntime {

    /** Generous bound on how long a join or lookup may take before the harness gives up on it. */
    protected static final long OPERATION_TIMEOUT_MILLIS = 120_000;

    protected final Scenario scenario;
    protected final Seeds seeds;
    protected final List<LocalNode> nodes = new ArrayList<>();
    private final List<Consumer<OverlayNode>> nodeSetup = new CopyOnWriteArrayList<>();
    private final OverlayProtocol protocol;
    private IdentityFactory identities = IdentityFactory.RANDOM;
    private TransportDecorator decorator = TransportDecorator.NONE;
    private int restarts;

    /** How an honest node's id is made from its address and the seeded id stream (e.g. BEP 42-bound ids). */
    @FunctionalInterface
    public interface IdentityFactory {
        /** Random ids, drawing exactly what {@link NodeId#random} draws. */
        IdentityFactory RANDOM = (address, rng) -> NodeId.random(rng);

        NodeId idFor(NodeAddress address, RandomGenerator rng);
    }

    /** Wraps a node's transport before the node gets it (e.g. with the adversary's fault plane). */
    @FunctionalInterface
    public interface TransportDecorator {
        TransportDecorator NONE = (address, transport, scheduler) -> transport;

        Transport decorate(NodeAddress address, Transport transport, Scheduler scheduler);

        /** Wraps the node's stream transport too (by default: unchanged). */
        default StreamTransport decorateStreams(NodeAddress address, StreamTransport streams, Scheduler scheduler) {
            return streams;
        }
    }

    /** The wiring as the node gets it: its transport, and its streams if any, through the decorator. */
    private Wiring decorated(NodeAddress address, Wiring w) {
        StreamTransport s = w.streams() == null ? null : decorator.decorateStreams(address, w.streams(), w.scheduler());
        Transport t = w.transport() == null ? null : decorator.decorate(address, w.transport(), w.scheduler());
        return new Wiring(t, w.scheduler(), s);
    }

    protected LocalRuntime(Scenario scenario) {
        this.scenario = scenario;
        this.seeds = new Seeds(scenario.seed());
        this.protocol = scenario.overlay();
    }

    /** The overlay protocol every node of this runtime runs. */
    public OverlayProtocol protocol() {
        return protocol;
    }

    /** A transport and a scheduler for a node at {@code address}, and its streams when the protocol uses them. */
    protected record Wiring(Transport transport, Scheduler scheduler, StreamTransport streams) {
        public Wiring(Transport transport, Scheduler scheduler) {
            this(transport, scheduler, null);
        }
    }

    protected abstract Wiring wire(NodeAddress address);

    /**
     * The wiring of an attacker that speaks on streams only: by default a node's full wiring; a real-socket runtime
     * may bind the stream listener alone (no datagram socket; the transport is then null).
     */
    protected Wiring wireStreamsOnly(NodeAddress address) {
        return wire(address);
    }

    /** Waits for all futures (bounded); a future that failed or did not finish yields null. */
    protected abstract <T> List<T> awaitAll(List<CompletableFuture<T>> futures, long timeoutMillis);

    protected abstract <T> T onNodeThread(OverlayNode node, Supplier<T> call);

    /**
     * Whether join j starts at exactly j * joinSpacing, on its node's own scheduler, instead of the default
     * (at most {@link #maxConcurrentJoins()} at once, a finished join starting the next one early).
     */
    protected boolean joinsAtFixedTimes() {
        return false;
    }

    /** Runs for every node created from now on, e.g. to install defences. */
    public void addOverlaySetup(Consumer<OverlayNode> setup) {
        nodeSetup.add(setup);
    }

    /** Sets how node ids are made; call before {@link #start}. The default draws random ids. */
    public void setIdentityFactory(IdentityFactory f) {
        if (!nodes.isEmpty()) {
            throw new IllegalStateException("node ids are made at start; set the identity factory before the network starts");
        }
        identities = f == null ? IdentityFactory.RANDOM : f;
    }

    /** Wraps the transport of every node booted from now on; set it before {@link #start} to reach all nodes. */
    public void setTransportDecorator(TransportDecorator d) {
        decorator = d == null ? TransportDecorator.NONE : d;
    }

    /** Runs {@code call} on the node's own thread with its overlay node, whatever the protocol. */
    /** The stream transports of the nodes wired so far, by address (for faults on connections). */
    public java.util.Map<NodeAddress, StreamTransport> streams() {
        return java.util.Collections.unmodifiableMap(streams);
    }

    private final java.util.Map<NodeAddress, StreamTransport> streams = new java.util.LinkedHashMap<>();

    public <T> T onOverlay(LocalNode node, Function<OverlayNode, T> call) {
        OverlayNode n = node.overlay();
        return onNodeThread(n, () -> call.apply(n));
    }

    /** The seed-derived random streams of this run. */
    public Seeds seeds() {
        return seeds;
    }

    @Override
    public <T> T await(CompletableFuture<T> future, long timeoutMillis) {
        return awaitAll(List.of(future), timeoutMillis).get(0);
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public List<LocalNode> nodes() {
        return nodes;
    }

    @Override
    public void start() {
        RandomGenerator ids = seeds.stream("ids");
        for (int i = 0; i < scenario.nodes(); i++) {
            NodeAddress address = Addresses.honest(i, labPort());
            nodes.add(new LocalNode(this, i, idFor(address, ids), address));
        }
        nodes.forEach(this::boot);
        List<NodeAddress> bootstrap = bootstrapAddresses();
        for (int i = 1; i < scenario.bootstrapNodes(); i++) {
            awaitAll(List.of(nodes.get(i).overlay().join(List.of(bootstrap.get(0)))), OPERATION_TIMEOUT_MILLIS);
        }
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = scenario.bootstrapNodes(); i < nodes.size(); i++) {
            joins.add(new CompletableFuture<>());
        }
        // Joins start joinSpacing apart, but never more than maxConcurrentJoins() at once: a real-socket
        // runtime on two cores would otherwise drown in its own join storm and time queries out. A finished
        // join also starts the next one early (joinSpacing after it finished).
        int[] next = {0};
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int j;
            synchronized (next) {
                if (next[0] >= joins.size()) {
                    return;
                }
                j = next[0]++;
            }
            OverlayNode n = nodes.get(scenario.bootstrapNodes() + j).overlay();
            n.join(bootstrap).whenComplete((v, e) -> {
                joins.get(j).complete(null);
                n.scheduler().schedule(scenario.joinSpacingMillis(), startNext[0]);
            });
        };
        int initial = Math.min(maxConcurrentJoins(), joins.size());
        for (int j = 0; j < initial; j++) {
            OverlayNode n = nodes.get(scenario.bootstrapNodes() + j).overlay();
            if (joinsAtFixedTimes()) {
                int mine = j;
                n.scheduler().schedule(j * scenario.joinSpacingMillis(), () -> n.join(bootstrap)
                        .whenComplete((v, e) -> joins.get(mine).complete(null)));
            } else {
                n.scheduler().schedule(j * scenario.joinSpacingMillis(), startNext[0]);
            }
        }
        awaitAll(joins, OPERATION_TIMEOUT_MILLIS + joins.size() * Math.max(10, scenario.joinSpacingMillis()));
    }

    /** The id factory the defences set, or else the protocol's own (random, or bound to the address). */
    private NodeId idFor(NodeAddress address, RandomGenerator rng) {
        return identities == IdentityFactory.RANDOM ? protocol.idFor(address, rng, scenario.protocol())
                : identities.idFor(address, rng);
    }

    /** Join attempts per node when all bootstrap nodes stay silent (see Kademlia's bootstrap(List, int)). */
    protected static final int BOOTSTRAP_ATTEMPTS = 5;

    /** How many nodes may be joining at the same moment. */
    protected int maxConcurrentJoins() {
        return Integer.MAX_VALUE;
    }

    protected List<NodeAddress> bootstrapAddresses() {
        return nodes.subList(0, scenario.bootstrapNodes()).stream().map(LocalNode::address).toList();
    }

    private void boot(LocalNode handle) {
        Wiring w = decorated(handle.address(), wire(handle.address()));
        if (w.streams() != null) {
            streams.put(handle.address(), w.streams());
        }
        RandomGenerator rng = seeds.stream("node", handle.index() * 1_000L + restarts);
        OverlayNode n = protocol.create(new NodeContext(handle.id(), w.transport(), w.scheduler(), rng, scenario.protocol(),
                w.streams()));
        nodeSetup.forEach(s -> s.accept(n));
        handle.attach(n);
        onNodeThread(n, () -> {
            n.start();
            return null;
        });
    }

    /** Waits for operations of this network's nodes (lookups, announces) with the runtime's usual bound. */
    public <T> List<T> awaitOperations(List<CompletableFuture<T>> futures) {
        return awaitAll(futures, OPERATION_TIMEOUT_MILLIS);
    }

    @Override
    public List<RouteResult> routes(List<RouteRequest> requests) {
        int bound = maxConcurrentRoutes();
        if (requests.size() > bound) {
            return boundedRoutes(requests, bound);
        }
        List<CompletableFuture<RouteResult>> fs = new ArrayList<>(requests.size());
        for (RouteRequest r : requests) {
            fs.add(routeAsync(r.from(), r.key()));
        }
        return awaitAll(fs, OPERATION_TIMEOUT_MILLIS);
    }

    /** How many routes of one batch ({@link #routes}) may be under way at once; the rest wait for a free place. */
    protected int maxConcurrentRoutes() {
        return Integer.MAX_VALUE;
    }

    /**
     * The routes with at most {@code bound} under way at once, a finished one starting the next; each gets the usual
     * bound ({@link #OPERATION_TIMEOUT_MILLIS}) from its own start, and one that does not finish in it yields null.
     * Real time only: the per-route bound is a timer of the JDK's, not of a scheduler.
     */
    private List<RouteResult> boundedRoutes(List<RouteRequest> requests, int bound) {
        int n = requests.size();
        List<CompletableFuture<RouteResult>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fs.add(new CompletableFuture<>());
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                return;
            }
            RouteRequest r = requests.get(i);
            routeAsync(r.from(), r.key()).orTimeout(OPERATION_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .whenComplete((v, e) -> {
                        fs.get(i).complete(e == null ? v : null);
                        startNext[0].run();
                    });
        };
        for (int k = 0; k < bound; k++) {
            startNext[0].run();
        }
        return awaitAll(fs, OPERATION_TIMEOUT_MILLIS * ((n + bound - 1) / bound + 1));
    }

    /** Attacker nodes this runtime wired (not in {@link #nodes()}: ground truth stays honest). */
    private final List<OverlayNode> extraNodes = new ArrayList<>();

    /**
     * Boots an extra node (an attacker speaking the overlay's real protocol) at {@code address} on this
     * runtime's network: the same in-memory network or real sockets as the honest nodes. It is started but
     * not joined; {@link #joinExtra} joins it. Extra nodes stay out of {@link #nodes()}.
     */
    public OverlayNode bootExtra(NodeAddress address, java.util.function.BiFunction<Transport, Scheduler, OverlayNode> make) {
        Wiring w = decorated(address, wire(address));
        return startExtra(make.apply(w.transport(), w.scheduler()));
    }

    /**
     * Boots an extra node that runs this runtime's own overlay code with other parameters (an attacker speaking
     * the real protocol with an attack switched on: a flooder, a relay that forges TTLs, a Sybil with a large
     * degree), wired like the honest nodes, streams included. Started, not joined; stays out of {@link #nodes()}.
     */
    public OverlayNode bootExtra(NodeAddress address, io.p2ptestbed.overlay.spi.ProtocolParams params, RandomGenerator rng) {
        protocol.validate(params);
        Wiring w = decorated(address, wire(address));
        if (w.streams() != null) {
            streams.put(address, w.streams());
        }
        NodeId id = protocol.idFor(address, rng, params);
        return startExtra(protocol.create(new NodeContext(id, w.transport(), w.scheduler(), rng, params, w.streams())));
    }

    private OverlayNode startExtra(OverlayNode n) {
        onNodeThread(n, () -> {
            n.start();
            return null;
        });
        extraNodes.add(n);
        return n;
    }

    /** Builds an extra node that also gets the address's stream transport (null when the protocol uses none). */
    @FunctionalInterface
    public interface StreamNodeMaker {
        OverlayNode make(Transport transport, Scheduler scheduler, StreamTransport streams);
    }

    /**
     * Like {@link #bootExtra}, for attackers of a stream overlay (Bitcoin's Sybils): the maker gets the same
     * in-memory or TCP streams at {@code address} that an honest node there would get.
     */
    public OverlayNode bootExtraOnStreams(NodeAddress address, StreamNodeMaker make) {
        Wiring w = decorated(address, wire(address));
        OverlayNode n = make.make(w.transport(), w.scheduler(), w.streams());
        onNodeThread(n, () -> {
            n.start();
            return null;
        });
        extraNodes.add(n);
        return n;
    }

    /**
     * Boots an attacker that uses streams only (Bitcoin's Sybils) at {@code address}: the same in-memory streams as
     * {@link #bootExtraOnStreams} in simulation, a TCP listener without a UDP socket on loopback (so that thousands
     * of attacker addresses fit the descriptor limit). Started, not joined; stays out of {@link #nodes()}.
     */
    public OverlayNode bootStreamAttacker(NodeAddress address, java.util.function.BiFunction<Scheduler, StreamTransport, OverlayNode> make) {
        Wiring w = decorated(address, wireStreamsOnly(address));
        return startExtra(make.apply(w.scheduler(), w.streams()));
    }

    /** Joins extra nodes through the bootstrap nodes; waits for every join. */
    public void joinExtra(List<OverlayNode> extra) {
        joinExtra(extra, bootstrapAddresses());
    }

    /** Joins extra nodes through the given seeds; waits for every join. */
    public void joinExtra(List<OverlayNode> extra, List<NodeAddress> seeds) {
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (OverlayNode n : extra) {
            joins.add(n.join(seeds));
        }
        awaitAll(joins, OPERATION_TIMEOUT_MILLIS);
    }

    public List<OverlayNode> extraNodes() {
        return extraNodes;
    }

    /** Stops every extra node (on close). */
    protected void stopExtra() {
        for (OverlayNode n : extraNodes) {
            if (n.isRunning()) {
                onNodeThread(n, () -> {
                    n.stop();
                    return null;
                });
            }
        }
    }

    @Override
    public CompletableFuture<RouteResult> routeAsync(NodeHandle from, NodeId key) {
        LocalNode n = (LocalNode) from;
        return n.alive() ? n.overlay().require(KeyRouting.class, "key routing (lookups)").route(key)
                : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<io.p2ptestbed.overlay.spi.ValueStore.PutResult> putAsync(NodeHandle from, NodeId key, byte[] value) {
        LocalNode n = (LocalNode) from;
        return n.overlay().require(io.p2ptestbed.overlay.spi.ValueStore.class, "storing values (put/get)").put(key, value);
    }

    @Override
    public CompletableFuture<io.p2ptestbed.overlay.spi.ValueStore.GetResult> getAsync(NodeHandle from, NodeId key) {
        LocalNode n = (LocalNode) from;
        return n.overlay().require(io.p2ptestbed.overlay.spi.ValueStore.class, "storing values (put/get)").get(key);
    }

    @Override
    public void kill(NodeHandle handle) {
        LocalNode n = (LocalNode) handle;
        if (n.alive()) {
            n.markDead();
            onNodeThread(n.overlay(), () -> {
                n.overlay().stop();
                return null;
            });
        }
    }

    @Override
    public void restart(NodeHandle handle) {
        LocalNode n = (LocalNode) handle;
        if (n.alive()) {
            return;
        }
        restarts++;
        boot(n);
        awaitAll(List.of(n.overlay().join(bootstrapAddresses())), OPERATION_TIMEOUT_MILLIS);
    }

    @Override
    public NodeHandle join() {
        int index = nodes.size();
        NodeAddress address = Addresses.honest(index, labPort());
        LocalNode n = new LocalNode(this, index, idFor(address, seeds.stream("join-id", index)), address);
        nodes.add(n);
        boot(n);
        awaitAll(List.of(n.overlay().join(bootstrapAddresses())), OPERATION_TIMEOUT_MILLIS);
        return n;
    }
}
