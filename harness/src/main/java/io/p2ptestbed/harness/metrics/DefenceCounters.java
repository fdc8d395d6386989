package io.p2ptestbed.harness.metrics;

import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.Map;
import java.util.TreeMap;

/** Defence counters of a network, whatever the overlay and its defences. */
public final class DefenceCounters {

    private DefenceCounters() {}

    /** The {@code defence.*} counters summed over the given live nodes (read on each node's thread). */
    public static Map<String, Long> summed(Iterable<? extends NodeHandle> nodes) {
        Map<String, Long> sum = new TreeMap<>();
        for (NodeHandle n : nodes) {
            if (!n.alive()) {
                continue;
            }
            n.stats().forEach((k, v) -> {
                if (k.startsWith("defence.")) {
                    sum.merge(k, v, Long::sum);
                }
            });
        }
        return sum;
    }
}
