package io.p2ptestbed.overlay.node;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.defence.DefenceSet;
import io.p2ptestbed.overlay.defence.InstalledDefences;
import io.p2ptestbed.overlay.guard.GuardSet;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.KademliaOverlayNode;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.netty.NettyTcpStreams;
import io.p2ptestbed.overlay.transport.netty.NettyUdpTransport;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * One {@link OverlayNode} of any registered protocol (made by {@link Protocols}) on a {@link NettyUdpTransport}
 * with its own single-threaded event loop: the node, its timers and its log lines all run on that loop.
 * Close it from any thread but the loop.
 */
public final class RunningNode implements AutoCloseable {

    /** Delay before retrying a bootstrap that found nobody (seeds may start after us in a container set). */
    static final long BOOTSTRAP_RETRY_MILLIS = 5_000;

    private final NodeSettings settings;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final NettyUdpTransport transport;
    /** The node's TCP streams (stream overlays such as Gnutella), or null. */
    private final NettyTcpStreams streams;
    private final Scheduler scheduler;
    private final OverlayNode node;
    private final List<Supplier<Map<String, Long>>> counterSources = new CopyOnWriteArrayList<>();
    private InstalledDefences startDefences;
    private final PrintStream out;
    private final PrintStream err;
    private final CompletableFuture<Integer> joined = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * Wraps the node's UDP transport before the node gets it (the control interface's fault injection
     * uses this). Called once, on the starting thread, before the node runs; {@code scheduler} is the
     * node's own.
     */
    @FunctionalInterface
    public interface TransportDecorator {
        TransportDecorator NONE = (transport, scheduler, settings) -> transport;

        Transport decorate(Transport transport, Scheduler scheduler, NodeSettings settings);

        /** Wraps the node's stream transport (stream overlays only), after {@link #decorate}; unchanged by default. */
        default StreamTransport decorateStreams(StreamTransport streams, Scheduler scheduler, NodeSettings settings) {
            return streams;
        }
    }

    private RunningNode(NodeSettings settings, EventLoopGroup group, NettyUdpTransport transport, NettyTcpStreams streams,
                        PrintStream out, PrintStream err, TransportDecorator decorator) {
        this.settings = settings;
        this.group = group;
        this.transport = transport;
        this.streams = streams;
        this.out = out;
        this.err = err;
        this.scheduler = transport.scheduler();
        this.loop = group.next();
        Transport wire = decorator.decorate(transport, scheduler, settings);
        StreamTransport streamWire = streams == null ? null : decorator.decorateStreams(streams, scheduler, settings);
        this.node = Protocols.get(settings.protocol()).create(new NodeContext(settings.nodeId(), wire, scheduler,
                settings.nodeRandom(), settings.params(), streamWire));
    }

    /**
     * How long {@link #start} waits for the node's first task on its loop (start, READY, the first join). 10 s was
     * too short for a fresh JVM in a container on a loaded host: at load averages of 80 to 150 on 2 cores, 2 of 4
     * runs of a 40-container Pastry network lost a container that printed READY and then exited with "timeout
     * after 10 seconds" (2026-12-07, session 14).
     */
    static final int START_WAIT_SECONDS = 60;

    /** Binds, starts the node, prints {@code READY} and begins bootstrapping; returns after READY. */
    public static RunningNode start(NodeSettings settings, PrintStream out, PrintStream err) throws Exception {
        return start(settings, out, err, TransportDecorator.NONE);
    }

    /** As {@link #start(NodeSettings, PrintStream, PrintStream)}, with the node's transport wrapped by {@code decorator}. */
    public static RunningNode start(NodeSettings settings, PrintStream out, PrintStream err, TransportDecorator decorator)
            throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("overlay-node"));
        try {
            NettyUdpTransport transport = NettyUdpTransport.bind(group, settings.bind());
            NettyTcpStreams streams = null;
            if (Protocols.get(settings.protocol()).usesStreams()) {
                try {
                    streams = NettyTcpStreams.bind(transport.eventLoop(), transport.localAddress(), StreamLimits.DEFAULT,
                            lab(settings.lab()));
                } catch (Exception e) {
                    transport.close();
                    throw e;
                }
            }
            RunningNode r = new RunningNode(settings, group, transport, streams, out, err, decorator);
            try {
                r.onLoop(() -> {
                    r.begin();
                    return null;
                }, START_WAIT_SECONDS);
            } catch (ExecutionException e) {
                transport.close();
                if (e.getCause() instanceof Exception x) {
                    throw x;
                }
                throw e;
            }
            return r;
        } catch (Exception | Error e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Loopback, and the settings' lab network: where the node's streams may connect (the LabGuard rule). */
    static java.util.function.Predicate<NodeAddress> lab(String cidr) {
        Ipv4Cidr net = Ipv4Cidr.parse(cidr);
        return NettyTcpStreams.LOOPBACK.or(a -> net.contains(a.ip()));
    }

    private void begin() {
        if (!settings.defences().equals("none")) {
            if (settings.isKademlia()) {
                startDefences = DefenceSet.parse(settings.defences()).install(kademlia("defences"));
            } else {
                GuardSet.parse(settings.defences()).install(node);
            }
        }
        node.start();
        out.println("READY " + node.id().toHex() + " " + transport.localAddress());
        // Everything needed to replay this node: its seed derives the id (unless fixed) and all randomness.
        out.println("CONFIG seed=" + settings.seed() + " id=" + (settings.fixedId() != null ? "fixed" : "from-seed")
                + " " + configText() + " bootstrap="
                + settings.bootstrap().stream().map(NodeAddress::toString).collect(Collectors.joining(","))
                + (settings.defences().equals("none") ? "" : " defences=" + settings.defences()));
        out.flush();
        bootstrapRound();
        if (settings.logEverySeconds() > 0) {
            scheduler.schedule(settings.logEverySeconds() * 1000, this::logStats);
        }
    }

    /**
     * Kademlia keeps its established line ({@code k=8 alpha=3}); other protocols print their name and every
     * parameter that differs from the protocol's defaults.
     */
    private String configText() {
        if (settings.isKademlia()) {
            return "k=" + settings.config().k() + " alpha=" + settings.config().alpha()
                    + changedParams(Set.of("k", "alpha"));
        }
        return "protocol=" + settings.protocol() + changedParams(Set.of());
    }

    private String changedParams(Set<String> shown) {
        Map<String, String> defaults = Protocols.get(settings.protocol()).defaults();
        StringBuilder sb = new StringBuilder();
        settings.params().asMap().forEach((k, v) -> {
            if (!shown.contains(k) && !v.equals(defaults.get(k))) {
                sb.append(' ').append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    /**
     * One join attempt through the seeds; retried every {@link #BOOTSTRAP_RETRY_MILLIS} until the node has a
     * neighbour. Kademlia makes one bootstrap round per attempt (its SPI join retries by itself, which would
     * hide the first failure for half a minute); other overlays join through the SPI.
     */
    private CompletableFuture<Void> joinOnce(List<NodeAddress> seeds) {
        if (node instanceof KademliaOverlayNode k) {
            return k.kademlia().bootstrap(seeds);
        }
        return node.join(seeds);
    }

    /** A look at the neighbours is scheduled (after a retry), on the node's loop. */
    private boolean watching;

    private void bootstrapRound() {
        List<NodeAddress> seeds = settings.bootstrap();
        joinOnce(seeds).whenComplete((v, e) -> {
            if (closing.get()) {
                return;
            }
            int size = node.neighbours().size();
            if (e != null || (size == 0 && !seeds.isEmpty())) {
                err.println("overlay-node: bootstrap via " + seeds + " found no contacts"
                        + (e != null ? " (" + e + ")" : "") + "; retrying in " + BOOTSTRAP_RETRY_MILLIS / 1000 + " s");
                scheduler.schedule(BOOTSTRAP_RETRY_MILLIS, this::retryBootstrap);
                return;
            }
            joined(size);
        });
    }

    /**
     * A retry: joined already when the node found a neighbour since (a Bitcoin node's join completes when its seed
     * connection closes, often before its first outbound connection; joining again while connected to every seed
     * would open no seed connection and never complete), else another round, and from then on a look at the
     * neighbours every {@link #BOOTSTRAP_RETRY_MILLIS}: a round that cannot complete must not hide the neighbours the
     * node finds meanwhile (seen in containers at load 40: a Bitcoin node without an outbound connection 5 s after
     * its first join never counted as joined, and its container timed out after 120 s).
     */
    private void retryBootstrap() {
        if (closing.get() || joined.isDone()) {
            return;
        }
        int size = node.neighbours().size();
        if (size > 0) {
            joined(size);
            return;
        }
        bootstrapRound();
        if (!watching) {
            watching = true;
            scheduler.schedule(BOOTSTRAP_RETRY_MILLIS, this::watchForNeighbours);
        }
    }

    private void watchForNeighbours() {
        if (closing.get() || joined.isDone()) {
            return;
        }
        int size = node.neighbours().size();
        if (size > 0) {
            joined(size);
        } else {
            scheduler.schedule(BOOTSTRAP_RETRY_MILLIS, this::watchForNeighbours);
        }
    }

    private void joined(int size) {
        if (joined.isDone()) {
            return;
        }
        out.println("JOINED table=" + size);
        out.flush();
        joined.complete(size);
    }

    private void logStats() {
        if (closing.get()) {
            return;
        }
        out.println(statsLine("STATS"));
        out.flush();
        scheduler.schedule(settings.logEverySeconds() * 1000, this::logStats);
    }

    private String statsLine(String tag) {
        Map<String, Long> s = countersOnLoop();
        String pending = node instanceof KademliaOverlayNode k ? " pending=" + k.kademlia().pendingQueries() : "";
        return tag + " uptime_s=" + scheduler.nowMillis() / 1000 + " table=" + node.neighbours().size() + pending
                + " " + s.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" "));
    }

    /** The node's counters plus those of every added source; on the loop. */
    private Map<String, Long> countersOnLoop() {
        Map<String, Long> m = new TreeMap<>(node.counters());
        for (Supplier<Map<String, Long>> src : counterSources) {
            m.putAll(src.get());
        }
        return m;
    }

    /**
     * Adds counters (e.g. of a transport decorator) to {@link #stats()} and the STATS lines; the supplier is
     * called on the node's loop. Kademlia nodes also merge them into their own stats.
     */
    public void addCounterSource(Supplier<Map<String, Long>> source) {
        if (node instanceof KademliaOverlayNode k) {
            k.kademlia().stats().addSource(source);
        } else {
            counterSources.add(source);
        }
    }

    /** Runs {@code task} on the node's loop and waits for it (up to 10 s). Never call from the loop itself. */
    public <T> T onLoop(Callable<T> task) throws InterruptedException, ExecutionException, TimeoutException {
        return onLoop(task, 10);
    }

    private <T> T onLoop(Callable<T> task, int seconds) throws InterruptedException, ExecutionException, TimeoutException {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("onLoop called from the node's own event loop");
        }
        return loop.submit(task).get(seconds, TimeUnit.SECONDS);
    }

    public NodeId id() {
        return node.id();
    }

    public NodeAddress address() {
        return transport.localAddress();
    }

    public NodeSettings settings() {
        return settings;
    }

    /** The overlay node. Touch it only on its own loop ({@link #onLoop}). */
    public OverlayNode node() {
        return node;
    }

    /** The registered name of the node's protocol. */
    public String protocol() {
        return node.protocol();
    }

    /**
     * The Kademlia node, for Kademlia-only operations ({@code forWhat} names one, e.g. "announce"); an
     * {@link UnsupportedCapabilityException} saying so on other overlays.
     */
    public KademliaNode kademlia(String forWhat) {
        if (node instanceof KademliaOverlayNode k) {
            return k.kademlia();
        }
        throw new UnsupportedCapabilityException("the " + node.protocol() + " overlay does not support " + forWhat
                + " (Kademlia only)");
    }

    /** Kademlia's defences installed at start from {@code --defences}, or null (neutral ones cannot be uninstalled). */
    public InstalledDefences startDefences() {
        return startDefences;
    }

    /** The node's scheduler: its event loop and the wall clock. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Whether {@link #close()} has begun. */
    public boolean isClosing() {
        return closing.get();
    }

    /** Completes with the routing-table size once a bootstrap round found contacts. */
    public CompletableFuture<Integer> joined() {
        return joined;
    }

    /** A snapshot of the node's neighbours (Kademlia: its routing table), taken on the node's loop. */
    public List<Contact> contacts() throws InterruptedException, ExecutionException, TimeoutException {
        return onLoop(() -> List.copyOf(node.neighbours()));
    }

    /** A snapshot of the node's counters (plus added sources), taken on the node's loop. */
    public Map<String, Long> stats() throws InterruptedException, ExecutionException, TimeoutException {
        return onLoop(this::countersOnLoop);
    }

    /** Stops the node and its loop; idempotent; prints {@code STOPPED}. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            String[] last = {"STOPPED"};
            io.netty.util.concurrent.Future<?> stopped = loop.submit(() -> {
                last[0] = statsLine("STOPPED");
                node.stop();
            });
            if (!stopped.awaitUninterruptibly(5, TimeUnit.SECONDS) || !stopped.isSuccess()) {
                err.println("overlay-node: clean stop failed: " + (stopped.cause() != null ? stopped.cause() : "timeout"));
            }
            out.println(last[0]);
            out.flush();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            joined.cancel(false);
            closed.countDown();
        }
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
