package io.p2ptestbed.harness.bench;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.LookupRequest;
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

    /** Lookups in flight at once, like a load generator with bounded concurrency. */
    static final int CONCURRENCY = 500;

    /**
     * Wall-clock and CPU seconds of the simulation thread are both reported: on a shared machine the CPU
     * figure is the one that does not depend on what else is running.
     */
    public record Figures(int nodes, int k, int alpha, double buildSeconds, double buildCpuSeconds, long virtualBuildMillis,
                          long events, int lookups, double lookupSeconds, double lookupCpuSeconds, double lookupsPerSecond,
                          LookupStats stats, long heapUsedMb) {

        public double lookupsPerCpuSecond() {
            return lookups / lookupCpuSeconds;
        }

        public String line() {
            return String.format("simulated N=%d k=%d alpha=%d: built+converged in %.2f s wall / %.2f s cpu (%.1f s virtual, "
                            + "%,d events), heap after build %d MB; %d lookups in %.2f s wall / %.2f s cpu = %.0f lookups/s wall, "
                            + "%.0f per cpu-second; %s",
                    nodes, k, alpha, buildSeconds, buildCpuSeconds, virtualBuildMillis / 1000.0, events, heapUsedMb, lookups,
                    lookupSeconds, lookupCpuSeconds, lookupsPerSecond, lookupsPerCpuSecond(), stats);
        }
    }

    private static double cpuSeconds() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    public static Figures run(int nodes, int k, int alpha, int lookups, long seed) {
        Scenario s = Scenario.defaults("bench-" + nodes, nodes).withSeed(seed)
                .withNode(NodeConfig.defaults().withK(k).withAlpha(alpha));
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            long t0 = System.nanoTime();
            double c0 = cpuSeconds();
            rt.start();
            double build = (System.nanoTime() - t0) / 1e9;
            double buildCpu = cpuSeconds() - c0;
            long virtualBuild = rt.nowMillis();
            System.gc();
            Runtime r = Runtime.getRuntime();
            long heap = (r.totalMemory() - r.freeMemory()) >> 20;
            List<NodeHandle> live = rt.liveNodes();
            RandomGenerator rng = new Seeds(seed).stream("bench-lookups");
            List<LookupRequest> reqs = new ArrayList<>(lookups);
            for (int i = 0; i < lookups; i++) {
                reqs.add(LookupRequest.findNode(live.get(rng.nextInt(live.size())), NodeId.random(rng)));
            }
            long t1 = System.nanoTime();
            double c1 = cpuSeconds();
            List<LookupResult> results = new ArrayList<>(lookups);
            for (int i = 0; i < reqs.size(); i += CONCURRENCY) {
                results.addAll(rt.lookups(reqs.subList(i, Math.min(reqs.size(), i + CONCURRENCY))));
            }
            double secs = (System.nanoTime() - t1) / 1e9;
            double lookupCpu = cpuSeconds() - c1;
            GroundTruth truth = rt.truth();
            LookupStats stats = LookupStats.evaluate(reqs, results, truth, k);
            return new Figures(nodes, k, alpha, build, buildCpu, virtualBuild, rt.scheduler().executedEvents(), lookups, secs,
                    lookupCpu, lookups / secs, stats, heap);
        }
    }

    /** Arguments: node counts (comma-separated, default 10000,100000), k (default 20), lookups (default 20000). */
    public static void main(String[] args) {
        PrintStream out = System.out;
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000};
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        for (int n : sizes) {
            out.println(run(n, k, 3, Math.min(n, lookups), 1L).line());
        }
    }
}
