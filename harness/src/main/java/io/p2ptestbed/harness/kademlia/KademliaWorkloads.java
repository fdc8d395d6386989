package io.p2ptestbed.harness.kademlia;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Kademlia's workloads (find_node lookups, announces) and the grading of their results. */
public final class KademliaWorkloads {

    private KademliaWorkloads() {}

    /** {@code count} find_node lookups from random live nodes to random keys. */
    public static List<LookupRequest> randomFindNodes(List<? extends NodeHandle> from, int count, RandomGenerator rng) {
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
     * Grades each result against the true k closest live nodes other than the node that ran the
     * lookup (a node never returns itself, so the origin is excluded from the truth).
     */
    public static LookupStats evaluate(List<LookupRequest> requests, List<LookupResult> results, GroundTruth truth, int k) {
        LookupStats s = new LookupStats();
        for (int i = 0; i < results.size(); i++) {
            add(s, results.get(i), requests.get(i).from().id(), truth, k);
        }
        return s;
    }

    /** Grades one lookup result into {@code stats}; null counts as missing. */
    public static void add(LookupStats stats, LookupResult r, NodeId origin, GroundTruth truth, int k) {
        if (r == null) {
            stats.addMissing();
            return;
        }
        stats.add(r.target(), r.closest(), r.hops(), r.queries(), r.durationMillis(), origin, truth, k);
    }

    /**
     * {@code count} BEP 5 announces from random live nodes for random info-hashes; records the fraction
     * that some node acknowledged as {@code announces_stored_fraction}. Nothing when {@code count} is 0.
     */
    public static void announce(NetworkRuntime rt, int count, RandomGenerator rng, Map<String, Double> out) {
        if (count == 0) {
            return;
        }
        KademliaRuntime kad = KademliaRuntime.of(rt);
        List<NodeHandle> live = rt.liveNodes();
        int acked = 0;
        for (int i = 0; i < count; i++) {
            AnnounceResult r = kad.announce(live.get(rng.nextInt(live.size())), NodeId.random(rng), 6881);
            acked += r != null && r.acknowledged() > 0 ? 1 : 0;
        }
        out.put("announces_stored_fraction", (double) acked / count);
    }
}
