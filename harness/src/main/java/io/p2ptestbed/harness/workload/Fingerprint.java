package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.Map;
import java.util.TreeMap;

/** A run's observable outcome as one comparable map: lookup metrics plus a digest of every routing table. */
public final class Fingerprint {

    private Fingerprint() {}

    public static Map<String, Double> of(NetworkRuntime rt, LookupStats stats) {
        Map<String, Double> m = new TreeMap<>(stats.asMap());
        long digest = 17;
        long entries = 0;
        for (NodeHandle n : rt.nodes()) {
            for (var c : n.alive() ? n.routingContacts() : java.util.List.<io.p2ptestbed.overlay.id.Contact>of()) {
                digest = digest * 31 + c.id().hashCode() * 7L + c.address().hashCode();
                entries++;
            }
        }
        m.put("routing_entries", (double) entries);
        m.put("routing_digest", (double) (digest & ((1L << 52) - 1)));
        m.put("virtual_time_ms", (double) rt.nowMillis());
        return m;
    }
}
