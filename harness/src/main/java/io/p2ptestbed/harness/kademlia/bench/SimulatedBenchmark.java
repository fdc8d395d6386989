package io.p2ptestbed.harness.kademlia.bench;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.kademlia.KademliaWorkloads;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Simulated-runtime figures: wall-clock time to build and converge N nodes, peak heap, and find_node
 * lookups per wall-clock second with their success against ground truth. Prints; asserts nothing.
 */
public final class SimulatedBenchmark {

    /** Lookups in flight at once by default, like a load generator with bounded concurrency. */
    static final int CONCURRENCY = 500;

    /**
     * Wall-clock and CPU seconds of the simulation thread are both reported: on a shared machine the CPU
     * figure is the one that does not depend on what else is running. Heap: {@code heapUsedMb} is what is
     * live after the build (after a full GC); {@code peakHeapMb} is the most heap ever in use during the
     * run, read from the collector just before each collection.
     */
    public record Figures(int nodes, int k, int alpha, double buildSeconds, double buildCpuSeconds, long virtualBuildMillis,
                          long events, int lookups, double lookupSeconds, double lookupCpuSeconds, double lookupsPerSecond,
                          LookupStats stats, long heapUsedMb, long peakHeapMb, int concurrency, double[] roundRates,
                          int threads, long lookupEvents, long joinSpacingMillis, String topology) {

        public double lookupsPerCpuSecond() {
            return lookups / lookupCpuSeconds;
        }

        public String line() {
            StringBuilder rounds = new StringBuilder();
            for (double r : roundRates) {
                rounds.append(rounds.length() == 0 ? "" : ", ").append(Math.round(r));
            }
            String cpu = threads > 1 ? "process cpu" : "cpu";
            return String.format("simulated N=%d k=%d alpha=%d threads=%d: built+converged in %.2f s wall / %.2f s " + cpu + " (%.1f s virtual, joins %d ms apart, latency %s, "
                            + "%,d events), heap after build %d MB (%.1f KB/node), peak heap %d MB; %d lookups (%d in flight) "
                            + "in %.2f s wall / %.2f s " + cpu + " (%,d events) = %.0f lookups/s wall (per round of %d: %s), %.0f per " + cpu + "-second; %s"
                            + " [java %s, %s]",
                    nodes, k, alpha, threads, buildSeconds, buildCpuSeconds, virtualBuildMillis / 1000.0, joinSpacingMillis, topology, events, heapUsedMb,
                    heapUsedMb * 1024.0 / nodes, peakHeapMb, lookups, concurrency, lookupSeconds, lookupCpuSeconds,
                    lookupEvents, lookupsPerSecond, lookups / Math.max(1, roundRates.length), rounds, lookupsPerCpuSecond(), stats,
                    Runtime.version(), jvmFlags());
        }

        /** The collector and page-size flags given to this JVM, which change these figures the most. */
        private static String jvmFlags() {
            List<String> shown = new ArrayList<>();
            for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (a.startsWith("-XX:+Use") || a.startsWith("-Xm") || a.equals("-XX:+AlwaysPreTouch")) {
                    shown.add(a);
                }
            }
            return shown.isEmpty() ? "default flags" : String.join(" ", shown);
        }
    }

    /**
     * CPU seconds of the simulation thread; with more than one simulation thread, of the whole process
     * (which also counts the collector and the JIT compiler).
     */
    private static double cpuSeconds(int threads) {
        if (threads > 1 && java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    /** The largest heap use seen before any collection since {@link #start}, plus the current use. */
    private static final class PeakHeap implements javax.management.NotificationListener {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();

        void start() {
            for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(this, null, null);
                    emitters.add(e);
                }
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            long used = 0;
            for (java.lang.management.MemoryUsage u : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
                used += u.getUsed();
            }
            peak.accumulateAndGet(used, Math::max);
        }

        long peakMb() {
            long now = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return Math.max(peak.get(), now) >> 20;
        }

        void stop() {
            for (javax.management.NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // already gone
                }
            }
        }
    }

    /**
     * One line over repeated runs of the same size: minimum, median and maximum of the build time and the
     * lookup rate, and how many runs found every target.
     */
    public static String summary(List<Figures> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        double[] build = runs.stream().mapToDouble(Figures::buildSeconds).sorted().toArray();
        double[] rate = runs.stream().mapToDouble(Figures::lookupsPerSecond).sorted().toArray();
        long allFound = runs.stream().filter(f -> f.stats().successRate() == 1.0).count();
        Figures first = runs.get(0);
        return String.format("simulated N=%d k=%d alpha=%d threads=%d over %d runs: built+converged in %.2f / %.2f / %.2f s "
                        + "wall (min / median / max); %.0f / %.0f / %.0f lookups/s wall (min / median / max); "
                        + "%d of %d runs found every target",
                first.nodes(), first.k(), first.alpha(), first.threads(), runs.size(), build[0], median(build),
                build[build.length - 1], rate[0], median(rate), rate[rate.length - 1], allFound, runs.size());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static Figures run(int nodes, int k, int alpha, int lookups, long seed) {
        return run(nodes, k, alpha, lookups, seed, CONCURRENCY);
    }

    public static Figures run(int nodes, int k, int alpha, int lookups, long seed, int concurrency) {
        return run(nodes, k, alpha, lookups, seed, concurrency, 1);
    }

    /** @param threads simulation threads (see {@link SimulatedRuntime#SimulatedRuntime(Scenario, int)}) */
    public static Figures run(int nodes, int k, int alpha, int lookups, long seed, int concurrency, int threads) {
        return run(nodes, k, alpha, lookups, seed, concurrency, threads, ROUNDS);
    }

    /** Lookups are timed in this many rounds (printed one by one), to show the run-to-run spread. */
    public static final int ROUNDS = 4;

    /** The network a run builds: the default scenario of that size with this k, alpha and seed. */
    public static Scenario scenario(int nodes, int k, int alpha, long seed) {
        return KademliaScenarios.withConfig(Scenario.defaults("bench-" + nodes, nodes).withSeed(seed),
                NodeConfig.defaults().withK(k).withAlpha(alpha));
    }

    public static Figures run(int nodes, int k, int alpha, int lookups, long seed, int concurrency, int threads, int rounds) {
        return run(scenario(nodes, k, alpha, seed), k, alpha, lookups, concurrency, threads, rounds);
    }

    /** A run of the given network (built by {@link #scenario}, possibly with other join spacing). */
    public static Figures run(Scenario s, int k, int alpha, int lookups, int concurrency, int threads, int rounds) {
        int nodes = s.nodes();
        long seed = s.seed();
        PeakHeap peak = new PeakHeap();
        peak.start();
        try (SimulatedRuntime rt = new SimulatedRuntime(s, threads)) {
            long t0 = System.nanoTime();
            double c0 = cpuSeconds(threads);
            rt.start();
            double build = (System.nanoTime() - t0) / 1e9;
            double buildCpu = cpuSeconds(threads) - c0;
            long virtualBuild = rt.nowMillis();
            long buildEvents = rt.executedEvents();
            System.gc();
            Runtime r = Runtime.getRuntime();
            long heap = (r.totalMemory() - r.freeMemory()) >> 20;
            if (Boolean.getBoolean("bench.histogram")) {
                printHistogram(Integer.getInteger("bench.histogram.lines", 40));
            }
            List<NodeHandle> live = rt.liveNodes();
            RandomGenerator rng = new Seeds(seed).stream("bench-lookups");
            List<LookupRequest> reqs = new ArrayList<>(lookups);
            for (int i = 0; i < lookups; i++) {
                reqs.add(LookupRequest.findNode(live.get(rng.nextInt(live.size())), NodeId.random(rng)));
            }
            long t1 = System.nanoTime();
            double c1 = cpuSeconds(threads);
            List<LookupResult> results = new ArrayList<>(lookups);
            int perRound = (lookups + rounds - 1) / rounds;
            double[] rates = new double[(lookups + perRound - 1) / perRound];
            for (int round = 0; round < rates.length; round++) {
                long tr = System.nanoTime();
                int end = Math.min(lookups, (round + 1) * perRound);
                for (int i = round * perRound; i < end; i += concurrency) {
                    results.addAll(KademliaRuntime.of(rt).lookups(reqs.subList(i, Math.min(end, i + concurrency))));
                }
                rates[round] = (end - round * perRound) / ((System.nanoTime() - tr) / 1e9);
            }
            double secs = (System.nanoTime() - t1) / 1e9;
            double lookupCpu = cpuSeconds(threads) - c1;
            long lookupEvents = rt.executedEvents() - buildEvents;
            GroundTruth truth = rt.truth();
            LookupStats stats = KademliaWorkloads.evaluate(reqs, results, truth, k);
            return new Figures(nodes, k, alpha, build, buildCpu, virtualBuild, buildEvents, lookups, secs,
                    lookupCpu, lookups / secs, stats, heap, peak.peakMb(), concurrency, rates, threads, lookupEvents,
                    s.joinSpacingMillis(), s.topology());
        } finally {
            peak.stop();
        }
    }

    /** Prints the top of the live-object class histogram (set -Dbench.histogram=true), to see what a node costs. */
    private static void printHistogram(int lines) {
        try {
            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            String[] rows = String.valueOf(text).split("\n");
            for (int i = 0; i < Math.min(lines, rows.length); i++) {
                System.out.println(rows[i]);
            }
        } catch (javax.management.JMException e) {
            System.out.println("no class histogram: " + e);
        }
    }

    /**
     * Arguments: node counts (comma-separated, default 10000,100000), k (default 20), lookups (default
     * 20000, timed in {@value #ROUNDS} rounds), optionally lookups in flight at once (default 500), the seed (default 1) and
     * the simulation threads (default 1).
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000};
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : CONCURRENCY;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1L;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        for (int n : sizes) {
            out.println(run(n, k, 3, lookups, seed, concurrency, threads).line());
        }
    }
}
