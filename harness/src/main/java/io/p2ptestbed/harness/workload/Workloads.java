package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.LookupRequest;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Standard workloads, each returning measured quality against ground truth. */
public final class Workloads {

    private Workloads() {}

    /** {@code count} find_node lookups from random live nodes to random keys, run concurrently. */
    public static List<LookupRequest> randomFindNodes(List<NodeHandle> from, int count, RandomGenerator rng) {
        if (from.isEmpty()) {
            throw new IllegalStateException("no live node to look up from");
        }
        List<LookupRequest> reqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reqs.add(LookupRequest.findNode(from.get(rng.nextInt(from.size())), NodeId.random(rng)));
        }
        return reqs;
    }

    /**
     * Runs random lookups on any overlay and grades them against the live nodes' ground truth in the
     * overlay's key space (Kademlia: the k closest by XOR; Chord: the key's successor).
     */
    public static LookupStats randomLookups(NetworkRuntime rt, int count, RandomGenerator rng) {
        List<NodeHandle> live = rt.liveNodes();
        List<RouteRequest> reqs = randomRoutes(live, count, rng);
        return LookupStats.evaluateRoutes(reqs, rt.routes(reqs), rt.truth(), rt.scenario().resultSize());
    }

    /** Random keys routed from random live nodes; the same draws as {@link #randomFindNodes}. */
    public static List<RouteRequest> randomRoutes(List<NodeHandle> from, int count, RandomGenerator rng) {
        return randomFindNodes(from, count, rng).stream().map(r -> new RouteRequest(r.from(), r.target())).toList();
    }

    /** Like {@link #randomLookups} but only from and for the given nodes (e.g. one side of a partition). */
    public static LookupStats lookupsWithin(NetworkRuntime rt, List<NodeHandle> group, int count, RandomGenerator rng) {
        List<NodeHandle> live = group.stream().filter(NodeHandle::alive).toList();
        List<RouteRequest> reqs = randomRoutes(live, count, rng);
        return LookupStats.evaluateRoutes(reqs, rt.routes(reqs),
                io.p2ptestbed.harness.truth.GroundTruth.of(live, rt.keySpace()), rt.scenario().resultSize());
    }
}
