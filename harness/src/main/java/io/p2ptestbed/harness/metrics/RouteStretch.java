package io.p2ptestbed.harness.metrics;

import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.sim.PlaneTopology;
import java.util.Arrays;
import java.util.List;

/**
 * Route stretch (relative delay penalty): how long a route took, from its start at the querier until the
 * answer came back, divided by the round trip straight from the querier to the node the route reached,
 * in the plane topology's base latencies (jitter makes single routes a little noisy), or measured on real
 * sockets with the overlay's own ping. Routes that failed or ended at their querier are left out.
 *
 * @param routes routes measured
 * @param mean   mean stretch
 * @param median median stretch
 */
public record RouteStretch(int routes, double mean, double median) {

    public static RouteStretch of(List<RouteRequest> reqs, List<RouteResult> results, PlaneTopology topology) {
        return of(reqs, results, (i, from, owner) -> 2 * topology.baseMillis(from, owner));
    }

    /**
     * The direct round trip for route {@code i}, from its querier to the node the route reached, in milliseconds: the
     * topology's base latencies, or a round trip measured on the network; negative leaves the route out (unmeasured).
     */
    @FunctionalInterface
    public interface DirectRoundTrip {
        long millis(int route, NodeAddress from, NodeAddress owner);
    }

    /** Route i's stretch: its duration over {@code direct}'s round trip for it (at least 1 ms). */
    public static RouteStretch of(List<RouteRequest> reqs, List<RouteResult> results, DirectRoundTrip direct) {
        double[] s = new double[results.size()];
        int n = 0;
        for (int i = 0; i < results.size(); i++) {
            if (!counted(reqs, results, i)) {
                continue;
            }
            long d = direct.millis(i, reqs.get(i).from().address(), results.get(i).owner().address());
            if (d < 0) {
                continue;
            }
            s[n++] = (double) results.get(i).durationMillis() / Math.max(1, d);
        }
        if (n == 0) {
            return new RouteStretch(0, Double.NaN, Double.NaN);
        }
        double[] v = Arrays.copyOf(s, n);
        Arrays.sort(v);
        return new RouteStretch(n, Arrays.stream(v).average().orElse(Double.NaN), v[n / 2]);
    }

    /** Whether route i counts: it found its owner, and the owner is not the querier itself. */
    public static boolean counted(List<RouteRequest> reqs, List<RouteResult> results, int i) {
        RouteResult r = results.get(i);
        return r != null && r.found() && !r.owner().address().equals(reqs.get(i).from().address());
    }
}
