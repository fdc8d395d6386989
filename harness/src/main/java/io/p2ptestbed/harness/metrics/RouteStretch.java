package io.p2ptestbed.harness.metrics;

import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.sim.PlaneTopology;
import java.util.Arrays;
import java.util.List;

/**
 * Route stretch (relative delay penalty): how long a route took, from its start at the querier until the
 * answer came back, divided by the round trip straight from the querier to the node the route reached,
 * both in the plane topology's base latencies (jitter makes single routes a little noisy). Routes that
 * failed or ended at their querier are left out.
 *
 * @param routes routes measured
 * @param mean   mean stretch
 * @param median median stretch
 */
public record RouteStretch(int routes, double mean, double median) {

    public static RouteStretch of(List<RouteRequest> reqs, List<RouteResult> results, PlaneTopology topology) {
        double[] s = new double[results.size()];
        int n = 0;
        for (int i = 0; i < results.size(); i++) {
            RouteResult r = results.get(i);
            if (r == null || !r.found() || r.owner().address().equals(reqs.get(i).from().address())) {
                continue;
            }
            long direct = 2 * topology.baseMillis(reqs.get(i).from().address(), r.owner().address());
            s[n++] = (double) r.durationMillis() / Math.max(1, direct);
        }
        if (n == 0) {
            return new RouteStretch(0, Double.NaN, Double.NaN);
        }
        double[] v = Arrays.copyOf(s, n);
        Arrays.sort(v);
        return new RouteStretch(n, Arrays.stream(v).average().orElse(Double.NaN), v[n / 2]);
    }
}
