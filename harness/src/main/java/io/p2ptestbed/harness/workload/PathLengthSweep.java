package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.Runtimes;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.truth.RingCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Mean lookup path length against network size, as in the Chord paper's path-length figure: one network
 * per N = 2^k, built from the same scenario (protocol, parameters, seed), stabilised, then random lookups
 * from random nodes to random keys. Ring overlays are first let run until every successor and predecessor
 * is right, then for {@code settleMillis} more so that fingers are fixed too.
 */
public final class PathLengthSweep {

    private PathLengthSweep() {}

    /** One network size's result. */
    public record Point(int log2n, int nodes, double meanHops, int maxHops, double successRate, int lookups) {
        public double halfLog2n() {
            return log2n / 2.0;
        }
    }

    public static List<Point> run(Scenario base, int fromLog2, int toLog2, int lookups, long settleMillis,
                                  RandomGenerator rng, Consumer<Point> progress) {
        if (fromLog2 < 2 || toLog2 < fromLog2 || toLog2 > 17) {
            throw new IllegalArgumentException("network sizes must be 2^a to 2^b with 2 <= a <= b <= 17, got 2^" + fromLog2
                    + " to 2^" + toLog2);
        }
        List<Point> out = new ArrayList<>();
        for (int k = fromLog2; k <= toLog2; k++) {
            int n = 1 << k;
            try (NetworkRuntime rt = Runtimes.create(base.withNodes(n).withName(base.name() + " N=2^" + k))) {
                rt.start();
                if (rt.keySpace().ring()) {
                    long deadline = rt.nowMillis() + 30 * 60_000L;
                    while (!RingCheck.of(rt.liveNodes()).whole() && rt.nowMillis() < deadline) {
                        rt.advance(5_000);
                    }
                }
                rt.advance(settleMillis);
                LookupStats s = Workloads.randomLookups(rt, lookups, rng);
                Point p = new Point(k, n, s.meanHops(), s.maxHops(), s.successRate(), s.count());
                out.add(p);
                progress.accept(p);
            }
        }
        return out;
    }

    public static void writeCsv(List<Point> points, Path file) {
        StringBuilder b = new StringBuilder("log2_n,nodes,mean_hops,half_log2_n,max_hops,lookup_success,lookups\n");
        for (Point p : points) {
            b.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.1f,%d,%.4f,%d%n", p.log2n(), p.nodes(), p.meanHops(),
                    p.halfLog2n(), p.maxHops(), p.successRate(), p.lookups()));
        }
        io.p2ptestbed.harness.metrics.DataFiles.write(file, b);
    }
}
