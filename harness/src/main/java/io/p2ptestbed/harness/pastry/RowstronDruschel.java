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
 * experiment, Fig. 10). Routes go from random live nodes to random keys; hops are the forwards a route took
 * (0 when the origin owns the key). The paper's figures could not be read with the tools we had (only the paper's
 * first page was reachable), so no figure of the paper is held here: each measurement is compared with
 * {@link PrefixRoutingModel}, ideal prefix routing on the same live ids.
 */
public final class RowstronDruschel {

    /** Routes of the ideal model per measurement (Monte Carlo; its shares are within about 0.003 of their limit). */
    public static final int MODEL_ROUTES = 100_000;

    private RowstronDruschel() {}

    /** The ideal prefix-routing model's hop distribution on the runtime's live nodes. */
    public static double[] model(NetworkRuntime rt, int b, int leafSet, RandomGenerator rng) {
        return new PrefixRoutingModel(rt.liveNodes().stream().map(n -> n.id()).toList(), b, leafSet)
                .distribution(MODEL_ROUTES, rng);
    }

    /** How many routes took each number of hops, and how many reached the key's live owner. */
    public record Hops(int routes, int reachedOwner, int unanswered, long[] counts, LookupStats stats) {

        public double share(int hops) {
            int answered = routes - unanswered;
            return hops < counts.length && answered > 0 ? (double) counts[hops] / answered : 0;
        }

        public double mean() {
            return stats.meanHops();
        }

        /** The largest absolute difference between our share and the model's, over every hop count either has. */
        public double largestDifference(double[] model) {
            double d = 0;
            for (int h = 0; h < Math.max(counts.length, model.length); h++) {
                d = Math.max(d, Math.abs(share(h) - at(model, h)));
            }
            return d;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d routes, %d reached the owner, %d unanswered, "
                    + "mean %.3f; share by hops:", routes, reachedOwner, unanswered, mean()));
            for (int h = 0; h < counts.length; h++) {
                b.append(String.format(Locale.ROOT, " %d=%.4f", h, share(h)));
            }
            return b.toString();
        }
    }

    /** {@code routes} routes of random keys from random live nodes, by hop count. */
    public static Hops hops(NetworkRuntime rt, int routes, RandomGenerator rng) {
        List<RouteRequest> reqs = Workloads.randomRoutes(rt.liveNodes(), routes, rng);
        List<RouteResult> results = rt.routes(reqs);
        LookupStats stats = LookupStats.evaluateRoutes(reqs, results, rt.truth(), 1);
        long[] counts = new long[7];
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

    /** Share {@code h} of a distribution (0 past its end). */
    public static double at(double[] shares, int h) {
        return h < shares.length ? shares[h] : 0;
    }

    /** The distribution beside the ideal model's: {@code nodes,hops,routes,measured_share,ideal_model_share}. */
    public static void writeCsv(Hops h, int nodes, double[] model, Path file) {
        StringBuilder b = new StringBuilder("nodes,hops,routes,measured_share,ideal_model_share\n");
        for (int i = 0; i < Math.max(h.counts().length, model.length); i++) {
            b.append(String.format(Locale.ROOT, "%d,%d,%d,%.4f,%.4f%n", nodes, i, i < h.counts().length ? h.counts()[i] : 0,
                    h.share(i), at(model, i)));
        }
        DataFiles.write(file, b);
    }

    /** One phase of the failure experiment: our routes, and the ideal model's mean on the live ids of that moment. */
    public record Phase(Hops hops, double modelMean, int liveNodes) {}

    /** Rows {@code phase,live_nodes,measured_mean_hops,ideal_model_mean_hops,routes,reached_owner}. */
    public static void writeFailureCsv(Map<String, Phase> measured, Path file) {
        StringBuilder b = new StringBuilder("phase,live_nodes,measured_mean_hops,ideal_model_mean_hops,routes,reached_owner\n");
        measured.forEach((label, p) -> b.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%d,%d%n", label, p.liveNodes(),
                p.hops().mean(), p.modelMean(), p.hops().routes(), p.hops().reachedOwner())));
        DataFiles.write(file, b);
    }
}
