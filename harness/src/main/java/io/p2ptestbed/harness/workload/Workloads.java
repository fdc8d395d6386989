package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.LookupRequest;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
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

    /** Runs random lookups and grades them against the live nodes' ground truth. */
    public static LookupStats randomLookups(NetworkRuntime rt, int count, RandomGenerator rng) {
        List<NodeHandle> live = rt.liveNodes();
        List<LookupRequest> reqs = randomFindNodes(live, count, rng);
        return LookupStats.evaluate(reqs, rt.lookups(reqs), rt.truth(), rt.scenario().node().k());
    }

    /** Like {@link #randomLookups} but only from and for the given nodes (e.g. one side of a partition). */
    public static LookupStats lookupsWithin(NetworkRuntime rt, List<NodeHandle> group, int count, RandomGenerator rng) {
        List<NodeHandle> live = group.stream().filter(NodeHandle::alive).toList();
        List<LookupRequest> reqs = randomFindNodes(live, count, rng);
        return LookupStats.evaluate(reqs, rt.lookups(reqs), io.p2ptestbed.harness.truth.GroundTruth.of(live), rt.scenario().node().k());
    }
}
