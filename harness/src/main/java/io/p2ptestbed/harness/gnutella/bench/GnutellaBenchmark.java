package io.p2ptestbed.harness.gnutella.bench;

import io.p2ptestbed.harness.gnutella.RegularLayout;
import io.p2ptestbed.harness.runtime.BenchMeter;
import io.p2ptestbed.harness.runtime.StreamSimNetwork;
import io.p2ptestbed.overlay.gnutella.GnutellaNode;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulated Gnutella flooding figures: N nodes made through {@code Protocols.get("gnutella")} on one
 * VirtualScheduler + SimNetwork + SimStreams (one-way latency uniform in 10..100 ms), laid out as a random
 * d-regular graph (default) or joined through node 0 into a random topology of mean degree d ({@link Layout}),
 * then Q queries with TTL t from random nodes for random
 * keywords, one every 500 ms of virtual time (floods overlap a little, as on a real network). Prints: build
 * time, the query phase's wall and CPU seconds, descriptors sent in it (every query, duplicate and hit copy
 * on every connection: the messages) per wall-second and per CPU-second, the mean reach of a query against the
 * tree bound Σ_{i=1..t} d·(d−1)^(i−1), messages per query, the duplicate ratio (copies received beyond the
 * first, over all copies received), hits per query and the largest burst of hits at a querier within 100 ms.
 * Asserts nothing.
 */
public final class GnutellaBenchmark {

    /** Virtual time between two queries. */
    public static final long QUERY_GAP_MILLIS = 500;
    /** The window of the hit-burst figure. */
    public static final long BURST_WINDOW_MILLIS = 100;

    public record Figures(int nodes, int degree, int ttl, int queries, double meanDegree, double buildSeconds,
                          double querySeconds, double queryCpuSeconds, long messages, double meanReach, double treeBound,
                          double messagesPerQuery, double duplicateRatio, double hitsPerQuery, int maxBurst, long heapUsedMb,
                          double queryProcessCpuSeconds, double buildCpuSeconds, double loadBefore, double loadAfter,
                          long liveBytesAfterBuild, long liveBytesAfterQueries) {

        public double messagesPerSecond() {
            return messages / querySeconds;
        }

        public String line() {
            return String.format("gnutella simulated N=%d degree %d (mean %.2f) TTL %d: built in %.2f s wall / %.2f s cpu; %,d "
                            + "queries in %.2f s wall / %.2f s cpu (process cpu %.2f s): %,d messages = %,.0f messages per "
                            + "wall-second (%,.0f per cpu-second); mean reach %.1f nodes (%.2f%% of the others; tree bound "
                            + "%.0f), %,.0f messages per query, duplicate ratio %.3f, %.2f hits per query, largest hit burst %d "
                            + "in %d ms; heap %d MB at the end; live heap after a full GC %,d bytes per node after the build, %,d after "
                            + "the queries; load average %.2f before, %.2f after [java %s]",
                    nodes, degree, meanDegree, ttl, buildSeconds, buildCpuSeconds, queries, querySeconds, queryCpuSeconds,
                    queryProcessCpuSeconds, messages, messagesPerSecond(), messages / queryCpuSeconds, meanReach,
                    100 * meanReach / (nodes - 1), treeBound, messagesPerQuery, duplicateRatio, hitsPerQuery, maxBurst,
                    BURST_WINDOW_MILLIS, heapUsedMb, liveBytesAfterBuild / nodes, liveBytesAfterQueries / nodes, loadBefore, loadAfter,
                    Runtime.version());
        }
    }

    private GnutellaBenchmark() {}

    /** The tree bound on the nodes a flood of TTL t reaches besides its origin, at degree d: Σ_{i=1..t} d·(d−1)^(i−1). */
    public static double treeBound(int d, int ttl) {
        return io.p2ptestbed.harness.gnutella.ReachExperiment.treeFormula(d, ttl);
    }

    /**
     * How the benchmark lays its servents out. {@code REGULAR} (the default): a uniform random d-regular graph given
     * to the servents as fixed peer lists ({@link RegularLayout}, one-way latency uniform in 10..100 ms, 10 s
     * settled), every connection still opened with the 0.4 handshake and a ping/pong exchange; it builds in
     * time linear in N. {@code JOIN}: every servent joins through node 0, 2 ms apart, and finds its neighbours by
     * ping/pong discovery (a random topology of mean degree d, 15 s settled); its connection attempts grow
     * faster than N (docs/benchmarks.md).
     */
    public enum Layout {
        REGULAR, JOIN;

        public static Layout parse(String s) {
            for (Layout l : values()) {
                if (l.name().equalsIgnoreCase(s)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("gnutella layout must be regular or join, got '" + s + "'");
        }
    }

    /** A simulated network of n connected gnutella nodes (one-way latency 10..100 ms), laid out as {@code layout} says. */
    public static final class World {
        public final VirtualScheduler scheduler;
        public final List<GnutellaNode> nodes;
        public final SplittableRandom rng;

        public World(int n, int degree, Map<String, String> params, long seed, Layout layout) {
            if (layout == Layout.REGULAR) {
                RegularLayout net = new RegularLayout(n, degree, params, LatencyModel.uniform(10, 100), seed, 10_000);
                scheduler = net.scheduler;
                rng = net.rng;
                nodes = net.nodes;
            } else {
                Map<String, String> joined = new LinkedHashMap<>(params);
                joined.put("degree", "" + degree);
                StreamSimNetwork net = new StreamSimNetwork(GnutellaNode.PROTOCOL, n, joined, seed, 10, 100,
                        i -> NodeAddress.of(127, 2 + (i >>> 16), (i >>> 8) & 0xFF, i & 0xFF, 6346), 2, 15_000);
                scheduler = net.scheduler;
                rng = net.rng;
                nodes = net.nodes.stream().map(GnutellaNode.class::cast).toList();
            }
        }

        /** The sum of a counter over every node. */
        public long total(String counter) {
            long s = 0;
            for (GnutellaNode node : nodes) {
                s += node.counters().getOrDefault(counter, 0L);
            }
            return s;
        }
    }

    public static Figures run(int n, int degree, int ttl, int queries, long seed) {
        return run(n, degree, ttl, queries, seed, Layout.REGULAR);
    }

    public static Figures run(int n, int degree, int ttl, int queries, long seed, Layout layout) {
        double load0 = BenchMeter.loadAverage();
        long t0 = System.nanoTime();
        double c0 = BenchMeter.threadCpuSeconds();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ttl", "" + ttl);
        params.put("maxTtl", "" + Math.max(7, ttl));
        params.put("routeMillis", "5000"); // bounds the routing tables: queries come 500 ms apart
        World w = new World(n, degree, params, seed, layout);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        double buildCpu = BenchMeter.threadCpuSeconds() - c0;
        double meanDegree = w.nodes.stream().mapToInt(GnutellaNode::degree).average().orElse(0);
        long liveAfterBuild = BenchMeter.heapAfterGc();

        int[] reach = new int[queries];
        Map<Long, Integer> queryIndex = new java.util.HashMap<>();
        for (GnutellaNode node : w.nodes) {
            node.addDeliveryListener(d -> {
                Integer q = queryIndex.get(d.messageId());
                if (q != null && d.hops() > 0) {
                    reach[q]++;
                }
            });
        }
        List<List<Long>> hitTimes = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            hitTimes.add(new ArrayList<>());
        }
        Set<GnutellaNode> listening = new HashSet<>();
        long sentBefore = w.total("stream.framesSent");
        long receivedBefore = w.total("received.query");
        long dupBefore = w.total("duplicates");
        long hitsBefore = w.total("hitsReceived");
        SplittableRandom pick = w.rng.split();
        double cpu0 = BenchMeter.threadCpuSeconds();
        double p0 = BenchMeter.processCpuSeconds();
        long q0 = System.nanoTime();
        for (int q = 0; q < queries; q++) {
            GnutellaNode from = w.nodes.get(pick.nextInt(n));
            if (listening.add(from)) {
                from.addHitListener(h -> {
                    Integer qi = queryIndex.get(h.messageId());
                    if (qi != null) {
                        hitTimes.get(qi).add(h.atMillis());
                    }
                });
            }
            String keyword = "kw" + pick.nextInt(1000);
            // deliveries other than the origin's own run only once time advances, after the id is registered
            queryIndex.put(from.query(keyword, ttl), q);
            w.scheduler.advance(QUERY_GAP_MILLIS);
        }
        w.scheduler.advance(10_000);
        double querySeconds = (System.nanoTime() - q0) / 1e9;
        double cpu = BenchMeter.threadCpuSeconds() - cpu0;
        double processCpu = BenchMeter.processCpuSeconds() - p0;
        long messages = w.total("stream.framesSent") - sentBefore;
        long received = w.total("received.query") - receivedBefore;
        long dups = w.total("duplicates") - dupBefore;
        long hits = w.total("hitsReceived") - hitsBefore;
        int maxBurst = 0;
        for (List<Long> times : hitTimes) {
            times.sort(null);
            for (int i = 0, j = 0; i < times.size(); i++) {
                while (times.get(i) - times.get(j) >= BURST_WINDOW_MILLIS) {
                    j++;
                }
                maxBurst = Math.max(maxBurst, i - j + 1);
            }
        }
        double meanReach = java.util.Arrays.stream(reach).average().orElse(0);
        long heapUsedMb = BenchMeter.heapUsed() >> 20;
        long liveAfterQueries = BenchMeter.heapAfterGc(); // the network, its routing tables and the bench's records
        java.lang.ref.Reference.reachabilityFence(w); // else the collector may take the network, no longer used, first
        return new Figures(n, degree, ttl, queries, meanDegree, buildSeconds, querySeconds, cpu, messages, meanReach,
                treeBound(degree, ttl), (double) messages / queries, received == 0 ? 0 : (double) dups / received,
                (double) hits / queries, maxBurst, heapUsedMb, processCpu, buildCpu, load0,
                BenchMeter.loadAverage(), liveAfterBuild, liveAfterQueries);
    }

    /**
     * The reach of a flood against TTL and degree: for each (d, t), N nodes of mean degree d, {@code queries}
     * floods of TTL t; one table row each with the mean reach (nodes besides the origin), min(N − 1, tree bound)
     * and their ratio.
     */
    public static List<String> reachTable(int n, int[] degrees, int[] ttls, int queries, long seed, Layout layout) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-6s %-4s %12s %14s %8s", "degree", "TTL", "mean reach", "min(N-1,tree)", "ratio"));
        for (int d : degrees) {
            for (int t : ttls) {
                Figures f = run(n, d, t, queries, seed, layout);
                double bound = Math.min(n - 1, f.treeBound());
                rows.add(String.format("%-6d %-4d %12.1f %14.0f %8.3f", d, t, f.meanReach(), bound, f.meanReach() / bound));
            }
        }
        return rows;
    }

    /** {@code n degree ttl queries [seed [regular|join]]}: one run, printed. */
    public static void main(String[] a) {
        System.out.println(run(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]),
                a.length > 4 ? Long.parseLong(a[4]) : 1, a.length > 5 ? Layout.parse(a[5]) : Layout.REGULAR).line());
    }
}
