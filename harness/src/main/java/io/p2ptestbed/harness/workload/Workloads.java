package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Standard workloads, each returning measured quality against ground truth. */
public final class Workloads {

    private Workloads() {}

    /**
     * Runs random lookups on any overlay and grades them against the live nodes' ground truth in the
     * overlay's key space (Kademlia: the k closest by XOR; Chord: the key's successor).
     */
    public static LookupStats randomLookups(NetworkRuntime rt, int count, RandomGenerator rng) {
        List<NodeHandle> live = rt.liveNodes();
        List<RouteRequest> reqs = randomRoutes(live, count, rng);
        return LookupStats.evaluateRoutes(reqs, rt.routes(reqs), rt.truth(), rt.scenario().resultSize());
    }

    /**
     * {@code count} random keys routed from random live nodes; per request the origin is drawn first, then
     * the key (Kademlia's find_node workloads draw the same).
     */
    public static List<RouteRequest> randomRoutes(List<NodeHandle> from, int count, RandomGenerator rng) {
        if (from.isEmpty()) {
            throw new IllegalStateException("no live node to look up from");
        }
        List<RouteRequest> reqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reqs.add(new RouteRequest(from.get(rng.nextInt(from.size())), NodeId.random(rng)));
        }
        return reqs;
    }

    /** Like {@link #randomLookups} but only from and for the given nodes (e.g. one side of a partition). */
    public static LookupStats lookupsWithin(NetworkRuntime rt, List<NodeHandle> group, int count, RandomGenerator rng) {
        List<NodeHandle> live = group.stream().filter(NodeHandle::alive).toList();
        List<RouteRequest> reqs = randomRoutes(live, count, rng);
        return LookupStats.evaluateRoutes(reqs, rt.routes(reqs),
                io.p2ptestbed.harness.truth.GroundTruth.of(live, rt.keySpace()), rt.scenario().resultSize());
    }
}
