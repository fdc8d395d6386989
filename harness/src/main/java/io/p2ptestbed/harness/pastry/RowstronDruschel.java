package io.p2ptestbed.harness.pastry;

import io.p2ptestbed.harness.metrics.DataFiles;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Rowstron and Druschel's (Middleware 2001) routing experiments on a running Pastry network: the distribution
 * of routing hops (their Fig. 5) and the mean hops around a failure of 10% of the nodes (their failure
 * experiment, Fig. 10/11). Routes go from random live nodes to random keys; hops are the forwards a route took
 * (0 when the origin owns the key).
 */
public final class RowstronDruschel {

    /**
     * Fig. 5, N = 100,000, b = 4, |L| = 16, |M| = 32: the probability of 0, 1, ..., 6 hops, as the figure's bar
     * labels print it (0, 0.0006, 0.0156, 0.1643, 0.6449, 0.1745, 0; they sum to 1).
     */
    public static final double[] FIG5 = {0.0, 0.0006, 0.0156, 0.1643, 0.6449, 0.1745, 0.0};

    /** The failure experiment (N = 5,000, 10% fail): mean hops before, after with no table repair, after repair. */
    public static final Map<String, Double> FAILURE_HOPS = Map.of("before", 2.73, "no repair", 2.96, "repaired", 2.74);

    private RowstronDruschel() {}

    /** How many routes took each number of hops, and how many reached the key's live owner. */
    public record Hops(int routes, int reachedOwner, int unanswered, long[] counts, LookupStats stats) {

        public double share(int hops) {
            int answered = routes - unanswered;
            return hops < counts.length && answered > 0 ? (double) counts[hops] / answered : 0;
        }

        public double mean() {
            return stats.meanHops();
        }

        /** The paper's Fig. 5 probability of {@code hops} hops (0 past its last bar). */
        public static double paper(int hops) {
            return hops < FIG5.length ? FIG5[hops] : 0;
        }

        /** The largest absolute difference between our share and the paper's, over every hop count either has. */
        public double largestDifferenceFromFig5() {
            double d = 0;
            for (int h = 0; h < Math.max(counts.length, FIG5.length); h++) {
                d = Math.max(d, Math.abs(share(h) - paper(h)));
            }
            return d;
        }

        /** Mean hops of the paper's Fig. 5 distribution. */
        public static double paperMean() {
            double m = 0;
            for (int h = 0; h < FIG5.length; h++) {
                m += h * FIG5[h];
            }
            return m;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d routes, %d reached the owner, %d unanswered, "
                    + "mean %.3f; share by hops:", routes, reachedOwner, unanswered, mean()));
            for (int h = 0; h < counts.length; h++) {
                b.append(String.format(Locale.ROOT, " %d=%.4f (paper %.4f)", h, share(h), paper(h)));
            }
            return b.toString();
        }
    }

    /** {@code routes} routes of random keys from random live nodes, by hop count. */
    public static Hops hops(NetworkRuntime rt, int routes, RandomGenerator rng) {
        List<RouteRequest> reqs = Workloads.randomRoutes(rt.liveNodes(), routes, rng);
        List<RouteResult> results = rt.routes(reqs);
        LookupStats stats = LookupStats.evaluateRoutes(reqs, results, rt.truth(), 1);
        long[] counts = new long[FIG5.length];
        int unanswered = 0;
        for (RouteResult r : results) {
            if (r == null || !r.found()) {
                unanswered++;
                continue;
            }
            if (r.hops() >= counts.length) {
                counts = Arrays.copyOf(counts, r.hops() + 1);
            }
            counts[r.hops()]++;
        }
        return new Hops(routes, stats.successes(), unanswered, counts, stats);
    }

    /** The distribution beside Fig. 5's: {@code hops,routes,measured_share,paper_fig5_share}. */
    public static void writeCsv(Hops h, int nodes, Path file) {
        StringBuilder b = new StringBuilder("nodes,hops,routes,measured_share,paper_fig5_share\n");
        for (int i = 0; i < Math.max(h.counts().length, FIG5.length); i++) {
            b.append(String.format(Locale.ROOT, "%d,%d,%d,%.4f,%.4f%n", nodes, i, i < h.counts().length ? h.counts()[i] : 0,
                    h.share(i), Hops.paper(i)));
        }
        DataFiles.write(file, b);
    }

    /** Rows {@code label,measured_mean_hops,paper_mean_hops,routes,reached_owner} of the failure experiment. */
    public static void writeFailureCsv(Map<String, Hops> measured, Path file) {
        StringBuilder b = new StringBuilder("phase,measured_mean_hops,paper_mean_hops,routes,reached_owner\n");
        measured.forEach((label, h) -> b.append(String.format(Locale.ROOT, "%s,%.4f,%s,%d,%d%n", label, h.mean(),
                FAILURE_HOPS.containsKey(label) ? String.format(Locale.ROOT, "%.2f", FAILURE_HOPS.get(label)) : "",
                h.routes(), h.reachedOwner())));
        DataFiles.write(file, b);
    }
}
