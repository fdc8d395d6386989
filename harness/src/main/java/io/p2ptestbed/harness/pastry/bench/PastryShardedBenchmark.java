package io.p2ptestbed.harness.pastry.bench;

import io.p2ptestbed.harness.runtime.ShardedClock;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryIds;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PastryBenchmark}'s build and routes on the sharded simulator: the nodes split into
 * {@value SimulatedRuntime#SHARDS} shards (node i on shard i mod {@value SimulatedRuntime#SHARDS}), each shard its own
 * event loop, run by {@code threads} threads in windows of the minimum latency (10 ms: a conservative parallel
 * simulation, {@link ShardedClock}). The same protocol, parameters, latency (uniform 10..100 ms) and workload as the
 * single-loop benchmark, with two differences that sharding forces: the harness acts only between windows, so a join
 * is started at its own instant (i × joinGap, exactly as in the single loop) but through a node that had finished
 * joining at the window's start (not at the join's instant), and a finished route starts the next one at the next
 * window (10 ms later at most) instead of at once. A run is a pure function of the seed (the same events and counters
 * on 1 thread as on 2: {@code PastryShardedBenchmarkTest}); it differs from the single loop's run of the same seed.
 * Prints wall and process CPU seconds, events and messages. Asserts nothing.
 */
public final class PastryShardedBenchmark {

    /** One-way latency in ms, as in {@link PastryBenchmark}; the lower bound is the window (lookahead). */
    static final int MIN_LATENCY = 10;
    static final int MAX_LATENCY = 100;

    /** The figures of one run. */
    public record Figures(int nodes, int threads, double joinSeconds, double joinProcessCpuSeconds, long joinVirtualMillis,
                          long joinEvents, long joinMessages, int joinFailures, int wrongLeafSets, Map<String, Long> counters,
                          int routes, int inFlight, double routeSeconds, double routeProcessCpuSeconds, long routeEvents,
                          long routeMessages, long correct, long failed, double meanHops, double loadAverage,
                          String stateDigest) {

        public String line() {
            return String.format(Locale.ROOT, "pastry simulated sharded N=%,d (b=4, L=16, M=32; %d shards on %d threads, "
                            + "windows of %d ms): %,d joined in %.2f s wall / %.2f s process cpu (%.1f s virtual, %,d "
                            + "events = %,.0f per node joined; %,d messages; %d joins failed, %d leaf sets wrong at the end); "
                            + "%,d routes of random keys from random nodes, %,d in flight: %.2f s wall / %.2f s process cpu "
                            + "(%,d events, %,d messages) = %,.0f routes/s wall; %.3f%% delivered to the numerically "
                            + "closest live node, %d failed; mean hops %.2f [java %s, load average %.1f]",
                    nodes, SimulatedRuntime.SHARDS, threads, MIN_LATENCY, nodes - joinFailures, joinSeconds,
                    joinProcessCpuSeconds, joinVirtualMillis / 1000.0, joinEvents, joinEvents / (double) nodes, joinMessages,
                    joinFailures, wrongLeafSets, routes, inFlight, routeSeconds, routeProcessCpuSeconds, routeEvents,
                    routeMessages, routes / routeSeconds, 100.0 * correct / routes, failed, meanHops, Runtime.version(),
                    loadAverage);
        }
    }

    private PastryShardedBenchmark() {}

    private static long events(VirtualScheduler[] shards) {
        long e = 0;
        for (VirtualScheduler s : shards) {
            e += s.executedEvents();
        }
        return e;
    }

    /**
     * One run.
     *
     * @param threads simulation threads (1 runs the same shards on the calling thread alone)
     * @param joinGapMillis virtual ms between two joins
     */
    public static Figures run(int n, int routes, int inFlight, long seed, long joinGapMillis, int threads) {
        return run(n, routes, inFlight, seed, joinGapMillis, threads, false);
    }

    /**
     * One run; with {@code digest}, {@link Figures#stateDigest} is {@link PastryBenchmark#stateDigest} of the nodes
     * after the build (taken outside the timed part), else null.
     */
    public static Figures run(int n, int routes, int inFlight, long seed, long joinGapMillis, int threads,
                              boolean digest) {
        if (n < 2) {
            throw new IllegalArgumentException("a sharded Pastry build needs at least 2 nodes, got " + n);
        }
        OverlayProtocol pastry = Protocols.get("pastry");
        ProtocolParams params = pastry.params(Map.of());
        int leafSet = params.intValue("leafSet", 2, 64);
        SplittableRandom rng = new SplittableRandom(seed);
        int shardCount = SimulatedRuntime.SHARDS;
        VirtualScheduler[] shards = new VirtualScheduler[shardCount];
        long[] shardSeeds = new long[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new VirtualScheduler();
            shardSeeds[i] = rng.nextLong();
        }
        SimNetwork network = new SimNetwork(shards, shardSeeds, LatencyModel.uniform(MIN_LATENCY, MAX_LATENCY), 0);
        try (ShardedClock clock = new ShardedClock(shards, threads, network, MIN_LATENCY)) {
            List<OverlayNode> nodes = new ArrayList<>(n);
            NodeAddress[] addresses = new NodeAddress[n];
            // written by the shard thread that finishes the join, read between windows (the window's end orders them)
            byte[] outcome = new byte[n];
            AtomicInteger finishedJoins = new AtomicInteger();
            long t0 = System.nanoTime();
            double p0 = PastryBenchmark.processCpuSeconds();
            for (int i = 0; i < n; i++) {
                NodeAddress a = PastryBenchmark.address(i + 1);
                addresses[i] = a;
                SplittableRandom r = rng.split();
                int shard = i % shardCount;
                OverlayNode node = pastry.create(new NodeContext(pastry.idFor(a, r, params), network.open(a, shard),
                        shards[shard], r, params));
                nodes.add(node);
                node.start();
            }
            List<NodeAddress> joined = new ArrayList<>(n);
            joined.add(addresses[0]);
            List<Integer> joining = new ArrayList<>();
            int failures = 0;
            int next = 1;
            while (finishedJoins.get() < n - 1) {
                long now = clock.nowMillis();
                // joins that finished in the last windows, in node order: they may now be joined through
                int kept = 0;
                for (int j : joining) {
                    if (outcome[j] == 0) {
                        joining.set(kept++, j);
                    } else if (outcome[j] == 1) {
                        joined.add(addresses[j]);
                    } else {
                        failures++;
                    }
                }
                joining.subList(kept, joining.size()).clear();
                for (; next < n && next * joinGapMillis <= now + MIN_LATENCY; next++) {
                    int i = next;
                    OverlayNode node = nodes.get(i);
                    NodeAddress via = joined.get(rng.nextInt(joined.size()));
                    shards[i % shardCount].scheduleAt(Math.max(now + 1, i * joinGapMillis), () ->
                            node.join(List.of(via)).whenComplete((v, e) -> {
                                outcome[i] = (byte) (e == null ? 1 : 2);
                                finishedJoins.incrementAndGet();
                            }));
                    joining.add(i);
                }
                clock.runUntil(now + MIN_LATENCY);
            }
            for (int j : joining) {
                if (outcome[j] == 2) {
                    failures++;
                }
            }
            NodeId[] sorted = PastryBenchmark.sortedLive(nodes);
            List<OverlayNode> wrongNow = PastryBenchmark.wrongNodes(nodes, leafSet, sorted);
            System.err.printf(Locale.ROOT, "  joins done at %.1f s virtual, %.1f s wall, %,d events; %d leaf sets wrong%n",
                    clock.nowMillis() / 1000.0, (System.nanoTime() - t0) / 1e9, events(shards), wrongNow.size());
            for (int round = 0; !wrongNow.isEmpty() && round < 120_000 / PastryBenchmark.CHECK_MILLIS; round++) {
                clock.runUntil(clock.nowMillis() + PastryBenchmark.CHECK_MILLIS);
                wrongNow = PastryBenchmark.wrongNodes(wrongNow, leafSet, sorted);
                if (wrongNow.isEmpty()) {
                    wrongNow = PastryBenchmark.wrongNodes(nodes, leafSet, sorted);
                }
            }
            double joinWall = (System.nanoTime() - t0) / 1e9;
            double joinProcess = PastryBenchmark.processCpuSeconds() - p0;
            long joinVirtual = clock.nowMillis();
            long joinEvents = events(shards);
            long joinMessages = PastryBenchmark.sum(nodes, "pastry.sent");
            Map<String, Long> counters = PastryBenchmark.totals(nodes);
            System.err.println("  counters after the build, summed over the nodes: " + counters);
            String stateDigest = digest ? PastryBenchmark.stateDigest(nodes) : null;

            GroundTruth truth = new GroundTruth(nodes.stream().map(OverlayNode::id).toList(), KeySpaces.NUMERIC);
            SplittableRandom routeRng = new SplittableRandom(seed * 31 + 7);
            AtomicInteger finished = new AtomicInteger();
            AtomicLong correct = new AtomicLong();
            AtomicLong hops = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            int started = 0;
            long t1 = System.nanoTime();
            double p1 = PastryBenchmark.processCpuSeconds();
            while (finished.get() < routes) {
                long now = clock.nowMillis();
                for (int k = Math.min(routes - started, inFlight - (started - finished.get())); k > 0; k--, started++) {
                    int from = routeRng.nextInt(n);
                    NodeId key = PastryIds.random(routeRng);
                    NodeId owner = truth.owner(key);
                    OverlayNode node = nodes.get(from);
                    shards[from % shardCount].scheduleAt(now + 1, () -> node.require(KeyRouting.class, "benchmark routes")
                            .route(key).whenComplete((r, e) -> {
                                if (e != null || r == null || !r.found()) {
                                    failed.incrementAndGet();
                                } else {
                                    hops.addAndGet(r.hops());
                                    if (r.owner().id().equals(owner)) {
                                        correct.incrementAndGet();
                                    }
                                }
                                finished.incrementAndGet();
                            }));
                }
                clock.runUntil(now + MIN_LATENCY);
            }
            double routeWall = (System.nanoTime() - t1) / 1e9;
            double routeProcess = PastryBenchmark.processCpuSeconds() - p1;
            long routeEvents = events(shards) - joinEvents;
            long routeMessages = PastryBenchmark.sum(nodes, "pastry.sent") - joinMessages;
            long found = routes - failed.get();
            return new Figures(n, threads, joinWall, joinProcess, joinVirtual, joinEvents, joinMessages, failures,
                    wrongNow.size(), counters, routes, inFlight, routeWall, routeProcess, routeEvents, routeMessages,
                    correct.get(), failed.get(), found == 0 ? 0 : hops.get() / (double) found,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), stateDigest);
        }
    }

    /**
     * Arguments: node counts (comma-separated, default 10000), routes (default 20000), seed (default 1), threads
     * (default 2), virtual ms between joins (default {@link PastryBenchmark#defaultJoinGap}). For 10,000 nodes run
     * with -Xms4g -Xmx4g -XX:+UseParallelGC.
     */
    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000};
        int routes = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        if (threads < 1 || threads > SimulatedRuntime.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [1, " + SimulatedRuntime.MAX_THREADS + "], got "
                    + threads);
        }
        Long gap = args.length > 4 ? Long.valueOf(args[4]) : null;
        if (gap != null && gap < 1) {
            throw new IllegalArgumentException("the join gap must be at least 1 virtual ms, got " + gap);
        }
        for (int n : sizes) {
            System.out.println(run(n, routes, PastryBenchmark.defaultInFlight(n), seed,
                    gap != null ? gap : PastryBenchmark.defaultJoinGap(n), threads).line());
        }
    }
}
