package io.p2ptestbed.harness.metrics;

import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routing-table health over the live nodes: fill, stale entries (pointing at dead nodes or a wrong
 * address), and "missed buckets": buckets that ground truth says hold at least one live node while
 * the node's bucket is empty.
 */
public record TableStats(int nodes, double meanSize, int minSize, int maxSize, long staleEntries, long totalEntries,
                         long missedBuckets, List<String> examples) {

    public static TableStats of(List<? extends NodeHandle> live, GroundTruth truth) {
        Map<NodeId, NodeHandle> byId = new HashMap<>();
        live.forEach(n -> byId.put(n.id(), n));
        long total = 0;
        long stale = 0;
        long missed = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        List<String> examples = new ArrayList<>();
        for (NodeHandle n : live) {
            List<Contact> contacts = n.routingContacts();
            int[] perBucket = new int[NodeId.BITS];
            for (Contact c : contacts) {
                NodeHandle target = byId.get(c.id());
                if (target == null || !target.address().equals(c.address())) {
                    stale++;
                }
                perBucket[NodeId.BITS - 1 - n.id().commonPrefixLength(c.id())]++;
            }
            for (int b = 0; b < NodeId.BITS; b++) {
                if (perBucket[b] == 0 && truth.countInBucket(n.id(), b) > 0) {
                    missed++;
                    if (examples.size() < 5) {
                        examples.add(n + " bucket " + b + " empty but " + truth.countInBucket(n.id(), b) + " live nodes belong there");
                    }
                }
            }
            total += contacts.size();
            min = Math.min(min, contacts.size());
            max = Math.max(max, contacts.size());
        }
        return new TableStats(live.size(), live.isEmpty() ? 0 : (double) total / live.size(), live.isEmpty() ? 0 : min, max,
                stale, total, missed, List.copyOf(examples));
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new TreeMap<>();
        m.put("table_size_mean", meanSize);
        m.put("table_size_min", (double) minSize);
        m.put("stale_entries", (double) staleEntries);
        m.put("missed_buckets", (double) missedBuckets);
        return m;
    }
}
