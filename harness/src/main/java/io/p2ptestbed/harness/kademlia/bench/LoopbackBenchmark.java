package io.p2ptestbed.harness.kademlia.bench;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.kademlia.KademliaWorkloads;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.metrics.TableStats;
import io.p2ptestbed.harness.runtime.LoopbackRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Real-UDP figures: N Netty nodes on distinct 127.0.0.0/8 addresses in this JVM, time to join and
 * converge, then find_node lookups per wall-clock second in batches of bounded concurrency.
 * Prints; asserts nothing.
 */
public final class LoopbackBenchmark {

    public record Figures(int nodes, double buildSeconds, double meanTable, long missedBuckets, int lookups,
                          double lookupSeconds, double lookupsPerSecond, LookupStats stats) {

        public String line() {
            return String.format("loopback N=%d: joined in %.1f s wall, mean table %.1f, missed buckets %d; "
                            + "%d lookups in %.2f s = %.0f lookups/s; %s",
                    nodes, buildSeconds, meanTable, missedBuckets, lookups, lookupSeconds, lookupsPerSecond, stats);
        }
    }

    public static Figures run(int nodes, int lookups, int concurrency, long seed) {
        Scenario s = Scenario.defaults("loopback-bench-" + nodes, nodes).withRuntime(RuntimeKind.LOOPBACK)
                .withSeed(seed);
        s = KademliaScenarios.of(s.name(), s.runtime(), seed, nodes, Math.min(8, nodes), KademliaScenarios.config(s), 0, 0, 0, 2);
        try (LoopbackRuntime rt = new LoopbackRuntime(s)) {
            long t0 = System.nanoTime();
            rt.start();
            double build = (System.nanoTime() - t0) / 1e9;
            TableStats tables = TableStats.of(rt.liveNodes(), rt.truth());
            List<NodeHandle> live = rt.liveNodes();
            List<LookupRequest> reqs = KademliaWorkloads.randomFindNodes(live, lookups, new Seeds(seed).stream("bench"));
            List<LookupResult> results = new ArrayList<>(lookups);
            long t1 = System.nanoTime();
            for (int i = 0; i < reqs.size(); i += concurrency) {
                results.addAll(KademliaRuntime.of(rt).lookups(reqs.subList(i, Math.min(reqs.size(), i + concurrency))));
            }
            double secs = (System.nanoTime() - t1) / 1e9;
            LookupStats stats = KademliaWorkloads.evaluate(reqs, results, rt.truth(), KademliaScenarios.config(s).k());
            return new Figures(nodes, build, tables.meanSize(), tables.missedBuckets(), lookups, secs, lookups / secs, stats);
        }
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1000, 2000};
        for (int n : sizes) {
            System.out.println(run(n, 5000, 200, 1L).line());
        }
    }
}
