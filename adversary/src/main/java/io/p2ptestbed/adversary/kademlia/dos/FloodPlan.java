package io.p2ptestbed.adversary.kademlia.dos;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;

/**
 * A request flood against one node.
 *
 * @param target        the node flooded (must be in the lab)
 * @param mix           query types and weights
 * @param ids           sender ids the queries claim
 * @param sources       source addresses; datagrams rotate round-robin over the first {@code sourceCount}
 * @param sourceCount   1..65,536 source sockets
 * @param bounds        rate, count and duration limits (all mandatory)
 * @param answerQueries whether the sources answer the target's queries (ping, find_node...) as the id they
 *                      last used: keeps fresh contacts alive through ping-before-evict, for churn pressure
 */
public record FloodPlan(NodeAddress target, QueryMix mix, SourceIds ids, AddressPlan sources, int sourceCount,
                        FloodBounds bounds, boolean answerQueries) {

    /** Default flood sources: 127.250.0.0/16, away from honest nodes and Sybils. */
    public static final Cidr FLOOD_POOL = Cidr.parse("127.250.0.0/16");
    /** Default churn-pressure sources. */
    public static final Cidr CHURN_POOL = Cidr.parse("127.251.0.0/16");
    public static final int SOURCE_PORT = 7000;

    public FloodPlan {
        if (target == null || mix == null || ids == null || sources == null || bounds == null) {
            throw new IllegalArgumentException("target, mix, ids, sources and bounds are all required");
        }
        if (sourceCount < 1 || sourceCount > 65_536) {
            throw new IllegalArgumentException("sourceCount must be in [1, 65536], got " + sourceCount);
        }
    }

    /** A flood from one source address, every query claiming the same random id. */
    public static FloodPlan of(NodeAddress target, QueryMix mix, FloodBounds bounds) {
        return new FloodPlan(target, mix, new SourceIds.Pool(1), new AddressPlan.Spread(List.of(FLOOD_POOL), SOURCE_PORT),
                1, bounds, false);
    }

    /**
     * Routing-table churn pressure: pings from a fresh id each (placed in the victim's {@code depth}
     * farthest buckets, where its table has the most room), rotating over {@code sourceCount} addresses
     * that answer the victim's liveness checks.
     */
    public static FloodPlan churnPressure(NodeAddress victim, NodeId victimId, int depth, int sourceCount, FloodBounds bounds) {
        return new FloodPlan(victim, QueryMix.only(QueryType.PING),
                new SourceIds.Fresh(Placement.InBuckets.farthest(victimId, depth)),
                new AddressPlan.Spread(List.of(CHURN_POOL), SOURCE_PORT), sourceCount, bounds, true);
    }

    public FloodPlan withIds(SourceIds i) {
        return new FloodPlan(target, mix, i, sources, sourceCount, bounds, answerQueries);
    }

    /** Rotates over {@code count} distinct source IPs of {@link #FLOOD_POOL} (or another plan). */
    public FloodPlan withSources(AddressPlan plan, int count) {
        return new FloodPlan(target, mix, ids, plan, count, bounds, answerQueries);
    }

    public FloodPlan withSources(int count) {
        return withSources(sources, count);
    }

    public FloodPlan answeringQueries(boolean answer) {
        return new FloodPlan(target, mix, ids, sources, sourceCount, bounds, answer);
    }
}
