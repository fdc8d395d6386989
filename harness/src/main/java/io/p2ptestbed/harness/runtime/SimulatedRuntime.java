package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.PlaneTopology;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.transport.sim.SimStreams;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * All nodes in this JVM on virtual time: deterministic for a given seed.
 *
 * <p>By default one event loop runs everything. With {@code threads > 1} the nodes are split into
 * {@value #SHARDS} shards (node i on shard i mod {@value #SHARDS}), each with its own event loop, which the
 * threads run in windows of the minimum latency ({@link ShardedClock}). Such a run is a pure function of the
 * seed too, and the same for any number of threads above 1; it differs from the single-loop run of the same
 * seed (a different, equally reproducible, order of events), and its joins start exactly
 * joinSpacing apart. The sharded mode serves plain networks: joins, lookups, announces, kills and
 * restarts. Attacks, faults and node set-ups (defences) touch state across nodes and are refused with a
 * message.
 */
public final class SimulatedRuntime extends LocalRuntime {

    /** The most simulation threads. */
    public static final int MAX_THREADS = 16;
    /**
     * Shards of a simulation on more than one thread, whatever the number of threads: threads take shards
     * one at a time, so more shards than threads keep the threads evenly busy, and the same seed gives the
     * same run on 2 threads as on 16.
     */
    public static final int SHARDS = 16;

    private final VirtualScheduler scheduler;
    private final VirtualScheduler[] shards;
    private final SimNetwork network;
    private final ShardedClock clock;
    private final int threads;
    private int wired;

    public SimulatedRuntime(Scenario scenario) {
        this(scenario, 1);
    }

    /**
     * @param threads simulation threads (shards); 1 for the single event loop
     * @throws io.p2ptestbed.harness.scenario.ScenarioException when the network cannot fit this JVM's heap
     *         ({@link HeapBudget}: estimated before anything is built)
     */
    public SimulatedRuntime(Scenario scenario, int threads) {
        super(scenario);
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("simulation threads must be in [1, " + MAX_THREADS + "], got " + threads);
        }
        HeapBudget.of(scenario).require("simulated " + scenario.overlay().name() + " nodes");
        LatencyModel latency = PlaneTopology.of(scenario.topology(), seeds.seedOf("topology", 0),
                scenario.minLatencyMillis(), scenario.maxLatencyMillis());
        if (threads == 1) {
            this.scheduler = new VirtualScheduler();
            this.shards = new VirtualScheduler[] {scheduler};
            this.network = new SimNetwork(scheduler, seeds.stream("network"), latency, scenario.lossRate());
            this.clock = null;
            this.threads = 1;
        } else {
            if (scenario.minLatencyMillis() < 1) {
                throw new IllegalArgumentException("more than one simulation thread needs a minimum latency of at "
                        + "least 1 ms (the window in which shards run apart), got " + scenario.minLatencyMillis());
            }
            this.scheduler = null;
            this.shards = new VirtualScheduler[SHARDS];
            long[] shardSeeds = new long[SHARDS];
            for (int i = 0; i < SHARDS; i++) {
                shards[i] = new VirtualScheduler();
                shardSeeds[i] = seeds.seedOf("network-shard", i);
            }
            this.network = new SimNetwork(shards, shardSeeds, latency, scenario.lossRate());
            this.clock = new ShardedClock(shards, threads, network, scenario.minLatencyMillis());
            this.threads = threads;
        }
    }

    public SimNetwork network() {
        return network;
    }

    /** Simulation threads. */
    public int threads() {
        return threads;
    }

    /** The single event loop; only on one thread (attacks and faults schedule on it). */
    public VirtualScheduler scheduler() {
        if (clock != null) {
            throw new IllegalStateException("this simulation runs on " + threads + " threads; attacks, faults "
                    + "and anything else that schedules across nodes need a single-threaded simulation");
        }
        return scheduler;
    }

    /** Events run so far, over all shards. */
    public long executedEvents() {
        long n = 0;
        for (VirtualScheduler s : shards) {
            n += s.executedEvents();
        }
        return n;
    }

    @Override
    public void addOverlaySetup(java.util.function.Consumer<io.p2ptestbed.overlay.spi.OverlayNode> setup) {
        if (clock != null) {
            throw new IllegalStateException("node set-ups (defences) need a single-threaded simulation; this one runs on "
                    + threads + " threads");
        }
        super.addOverlaySetup(setup);
    }

    @Override
    public void setTransportDecorator(TransportDecorator d) {
        if (clock != null && d != null) {
            throw new IllegalStateException("transport decorators (faults) need a single-threaded simulation; this one "
                    + "runs on " + threads + " threads");
        }
        super.setTransportDecorator(d);
    }

    /** {@link Addresses#SIMULATED_PORT}: no socket is bound, and the run must not depend on TESTBED_LAB_PORT. */
    @Override
    public int labPort() {
        return Addresses.portFor(kind());
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.SIMULATED;
    }

    @Override
    protected Wiring wire(NodeAddress address) {
        int shard = wired++ % shards.length;
        if (protocol().usesStreams()) {
            if (clock != null) {
                throw new IllegalStateException("the " + protocol().name() + " overlay runs on streams (connections), "
                        + "which need a single-threaded simulation; this one runs on " + threads + " threads");
            }
            if (streams == null) {
                streams = new SimStreams(network);
            }
            return new Wiring(network.open(address, shard), shards[shard], streams.open(address, StreamLimits.DEFAULT));
        }
        return new Wiring(network.open(address, shard), shards[shard]);
    }

    private SimStreams streams;

    /** The in-memory streams of this network (single thread, stream protocols only); null before the first node. */
    public SimStreams simStreams() {
        return streams;
    }

    @Override
    protected boolean joinsAtFixedTimes() {
        // shards cannot share the "next join" counter: each node starts its own join at its own time
        return clock != null;
    }

    @Override
    protected <T> List<T> awaitAll(List<CompletableFuture<T>> futures, long timeoutMillis) {
        // futures complete on the shard threads
        AtomicInteger remaining = new AtomicInteger(futures.size());
        futures.forEach(f -> f.whenComplete((v, e) -> remaining.decrementAndGet()));
        if (clock == null) {
            scheduler.runUntil(() -> remaining.get() == 0, scheduler.nowMillis() + timeoutMillis);
        } else {
            clock.runUntil(() -> remaining.get() == 0, clock.nowMillis() + timeoutMillis);
        }
        List<T> out = new ArrayList<>(futures.size());
        for (CompletableFuture<T> f : futures) {
            out.add(f.isDone() && !f.isCompletedExceptionally() ? f.join() : null);
        }
        return out;
    }

    @Override
    protected <T> T onNodeThread(OverlayNode node, Supplier<T> call) {
        return call.get();
    }

    @Override
    public long nowMillis() {
        return clock == null ? scheduler.nowMillis() : clock.nowMillis();
    }

    @Override
    public void advance(long millis) {
        if (clock == null) {
            scheduler.advance(millis);
        } else {
            clock.runUntil(clock.nowMillis() + millis);
        }
    }

    @Override
    public void close() {
        nodes.stream().filter(LocalNode::alive).forEach(n -> n.overlay().stop());
        stopExtra();
        if (clock != null) {
            clock.close();
        }
    }
}
