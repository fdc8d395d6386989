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

    public record Figures(int nodes, int k, int alpha, double buildSeconds, long virtualBuildMillis, long events,
                          int lookups, double lookupSeconds, double lookupsPerSecond, LookupStats stats, long heapUsedMb) {

        public String line() {
            return String.format("simulated N=%d k=%d alpha=%d: built+converged in %.2f s wall (%.1f s virtual, %,d events), "
                            + "heap after build %d MB; %d lookups in %.2f s = %.0f lookups/s; %s",
                    nodes, k, alpha, buildSeconds, virtualBuildMillis / 1000.0, events, heapUsedMb, lookups, lookupSeconds,
                    lookupsPerSecond, stats);
        }
    }

    public static Figures run(int nodes, int k, int alpha, int lookups, long seed) {
        Scenario s = Scenario.defaults("bench-" + nodes, nodes).withSeed(seed)
                .withNode(NodeConfig.defaults().withK(k).withAlpha(alpha));
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            long t0 = System.nanoTime();
            rt.start();
            double build = (System.nanoTime() - t0) / 1e9;
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
            List<LookupResult> results = rt.lookups(reqs);
            double secs = (System.nanoTime() - t1) / 1e9;
            GroundTruth truth = rt.truth();
            LookupStats stats = LookupStats.evaluate(reqs, results, truth, k);
            return new Figures(nodes, k, alpha, build, virtualBuild, rt.scheduler().executedEvents(), lookups, secs,
                    lookups / secs, stats, heap);
        }
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000};
        for (int n : sizes) {
            out.println(run(n, 20, 3, Math.min(n, 20_000), 1L).line());
        }
    }
}
