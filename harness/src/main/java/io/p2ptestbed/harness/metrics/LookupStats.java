package io.p2ptestbed.harness.metrics;

import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lookup quality against ground truth. Success: the lookup returned the true closest live node first.
 * Precision and recall compare the returned set with the true k closest. Hops: the longest query chain.
 */
public final class LookupStats {

    private int count;
    private int successes;
    private int missing;
    private double precisionSum;
    private double recallSum;
    private long hopsSum;
    private int maxHops;
    private long messagesSum;
    private long[] latencies = new long[64];

    /** Grades routed lookups of any overlay against the key's true owner(s) in the overlay's key space. */
    public static LookupStats evaluateRoutes(List<RouteRequest> requests, List<RouteResult> results, GroundTruth truth, int k) {
        LookupStats s = new LookupStats();
        for (int i = 0; i < results.size(); i++) {
            RouteResult r = results.get(i);
            if (r == null) {
                s.addMissing();
            } else {
                s.add(r.key(), r.reached(), r.hops(), r.messages(), r.durationMillis(), requests.get(i).from().id(), truth, k);
            }
        }
        return s;
    }

    /** Counts a lookup that gave no result (dead node, timeout). */
    public void addMissing() {
        count++;
        missing++;
    }

    /**
     * Grades one result. In Kademlia's XOR space a node never returns itself, so the origin is excluded
     * from the truth; on a ring the origin may own the key itself.
     */
    public void add(NodeId target, List<Contact> closest, int hops, int queries, long durationMillis, NodeId origin,
                     GroundTruth truth, int k) {
        boolean excludeOrigin = truth.keySpace() == KeySpaces.XOR;
        List<NodeId> expected = new java.util.ArrayList<>(truth.closest(target, excludeOrigin ? k + 1 : k));
        if (excludeOrigin) {
            expected.remove(origin);
        }
        if (expected.size() > k) {
            expected = expected.subList(0, k);
        }
        Set<NodeId> got = new HashSet<>();
        for (Contact c : closest) {
            got.add(c.id());
        }
        int hit = 0;
        for (NodeId id : expected) {
            if (got.contains(id)) {
                hit++;
            }
        }
        if (count >= latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[count] = durationMillis;
        count++;
        if (!expected.isEmpty() && !closest.isEmpty() && closest.get(0).id().equals(expected.get(0))) {
            successes++;
        }
        precisionSum += got.isEmpty() ? 0 : (double) hit / got.size();
        recallSum += expected.isEmpty() ? 1 : (double) hit / expected.size();
        hopsSum += hops;
        maxHops = Math.max(maxHops, hops);
        messagesSum += queries;
    }

    public int count() {
        return count;
    }

    public int successes() {
        return successes;
    }

    public double successRate() {
        return count == 0 ? Double.NaN : (double) successes / count;
    }

    public double precision() {
        return answered() == 0 ? Double.NaN : precisionSum / answered();
    }

    public double recall() {
        return answered() == 0 ? Double.NaN : recallSum / answered();
    }

    public double meanHops() {
        return answered() == 0 ? Double.NaN : (double) hopsSum / answered();
    }

    public int maxHops() {
        return maxHops;
    }

    public double meanMessages() {
        return answered() == 0 ? Double.NaN : (double) messagesSum / answered();
    }

    /** Latency percentile (0..100) in milliseconds of runtime time. */
    public long latencyPercentile(double p) {
        int n = answered();
        if (n == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(compactLatencies(), n);
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, idx))];
    }

    private long[] compactLatencies() {
        return latencies;
    }

    private int answered() {
        return count - missing;
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new TreeMap<>();
        m.put("lookups", (double) count);
        m.put("lookup_success", successRate());
        m.put("precision", precision());
        m.put("recall", recall());
        m.put("hops_mean", meanHops());
        m.put("hops_max", (double) maxHops);
        m.put("messages_mean", meanMessages());
        m.put("latency_p50_ms", (double) latencyPercentile(50));
        m.put("latency_p95_ms", (double) latencyPercentile(95));
        m.put("latency_p99_ms", (double) latencyPercentile(99));
        return m;
    }

    @Override
    public String toString() {
        return String.format("lookups=%d success=%.4f precision=%.4f recall=%.4f hops(mean=%.2f,max=%d) msgs=%.1f p50=%dms p99=%dms",
                count, successRate(), precision(), recall(), meanHops(), maxHops, meanMessages(),
                latencyPercentile(50), latencyPercentile(99));
    }
}
