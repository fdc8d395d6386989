package io.p2ptestbed.harness.gnutella;

import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.gnutella.GnutellaSearch;
import io.p2ptestbed.overlay.spi.OverlayNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * Gnutella queries measured one at a time on an in-JVM runtime: a query is a flood (or k random walkers)
 * published through the neutral {@code Broadcast} capability, so its reach, hops, latency and query copies
 * come from {@link Broadcasts}; on top of that this counts the query hits that come back to the querier (with
 * their arrival times: the response storm) and the duplicate copies the nodes dropped.
 */
public final class GnutellaQueries {

    /** The window of the hit-burst figure (hits arriving at the querier within it). */
    public static final long DEFAULT_BURST_WINDOW_MILLIS = 100;

    /** Query hits by query id, from every querier that was listened to. Thread-safe. */
    public static final class HitLog implements GnutellaSearch.HitListener {
        private final Map<Long, List<GnutellaSearch.Hit>> byQuery = new ConcurrentHashMap<>();
        private final Set<OverlayNode> listening = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

        @Override
        public void hit(GnutellaSearch.Hit hit) {
            byQuery.computeIfAbsent(hit.messageId(), k -> new CopyOnWriteArrayList<>()).add(hit);
        }

        /** Listens to a querier's hits (once per node); runs on the node's thread. */
        public void listen(LocalRuntime rt, LocalNode node) {
            rt.onOverlay(node, o -> {
                if (listening.add(o)) {
                    o.require(GnutellaSearch.class, "gnutella queries with query hits").addHitListener(this);
                }
                return null;
            });
        }

        List<GnutellaSearch.Hit> hits(long query) {
            return byQuery.getOrDefault(query, List.of());
        }
    }

    /**
     * One query, measured.
     *
     * @param run          the flood as a broadcast: reach (deliveries), hops, latencies, query copies sent
     * @param criteria     what it searched for
     * @param hitTimes     arrival times of the query hits at the querier, ascending
     * @param duplicates   copies the nodes received and dropped as already seen (or forwarded again, without suppression)
     * @param received     query copies the nodes received
     */
    public record Query(Broadcasts.Run run, String criteria, long[] hitTimes, long duplicates, long received) {

        /** Nodes reached besides the querier. */
        public int reach() {
            return Math.max(0, run.delivered() - 1);
        }

        public int hits() {
            return hitTimes.length;
        }

        /** The most hits that arrived at the querier within one window of {@code windowMillis}. */
        public int burst(long windowMillis) {
            int best = 0;
            int lo = 0;
            for (int hi = 0; hi < hitTimes.length; hi++) {
                while (hitTimes[hi] - hitTimes[lo] >= windowMillis) {
                    lo++;
                }
                best = Math.max(best, hi - lo + 1);
            }
            return best;
        }

        @Override
        public String toString() {
            return String.format("query '%s': reached %d of %d live nodes, %d query copies, %d duplicates, %d hits (burst %d in %d ms)",
                    criteria, run.delivered(), run.live(), run.messages(), duplicates, hits(), burst(DEFAULT_BURST_WINDOW_MILLIS),
                    DEFAULT_BURST_WINDOW_MILLIS);
        }
    }

    private GnutellaQueries() {}

    /**
     * Starts a query for {@code criteria} at {@code from} and measures it once the network is quiet (no delivery
     * and no query copy for {@code quietMillis}).
     */
    public static Query run(LocalRuntime rt, io.p2ptestbed.harness.runtime.BroadcastProbe recorder, HitLog hits, LocalNode from, String criteria,
                            long quietMillis, long maxMillis) {
        hits.listen(rt, from);
        long dupBefore = total(rt, "duplicates");
        long receivedBefore = total(rt, "received.query");
        Broadcasts.Run run = Broadcasts.publish(rt, recorder, from, criteria.getBytes(StandardCharsets.UTF_8), quietMillis, maxMillis);
        recorder.forget(run.messageId());
        long[] times = hits.hits(run.messageId()).stream().mapToLong(GnutellaSearch.Hit::atMillis).sorted().toArray();
        return new Query(run, criteria, times, total(rt, "duplicates") - dupBefore, total(rt, "received.query") - receivedBefore);
    }

    /** {@code count} queries one after the other, each from a live node drawn uniformly, for criteria drawn by {@code criteria}. */
    public static List<Query> runMany(LocalRuntime rt, io.p2ptestbed.harness.runtime.BroadcastProbe recorder, HitLog hits, int count,
                                      java.util.function.Function<RandomGenerator, String> criteria, long quietMillis,
                                      long maxMillis, RandomGenerator rng) {
        List<Query> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<NodeHandle> live = rt.liveNodes();
            if (live.isEmpty()) {
                throw new IllegalStateException("no live node left to query from");
            }
            LocalNode from = (LocalNode) live.get(rng.nextInt(live.size()));
            out.add(run(rt, recorder, hits, from, criteria.apply(rng), quietMillis, maxMillis));
        }
        return out;
    }

    /** A counter summed over the live honest nodes. */
    public static long total(LocalRuntime rt, String counter) {
        return total(rt.liveNodes(), counter);
    }

    /** {@code counter} summed over {@code nodes}. */
    public static long total(List<? extends NodeHandle> nodes, String counter) {
        long sum = 0;
        for (NodeHandle n : nodes) {
            sum += n.stats().getOrDefault(counter, 0L);
        }
        return sum;
    }

    /** The figures of a batch of queries. */
    public record Summary(int queries, double meanReach, double meanReachShare, double messagesPerQuery, double duplicateRatio,
                          double hitsPerQuery, int maxBurst, int maxHops) {

        public static Summary of(List<Query> qs, long burstWindowMillis) {
            if (qs.isEmpty()) {
                throw new IllegalStateException("no gnutella queries have been measured yet");
            }
            double reach = 0, share = 0, msgs = 0, hits = 0;
            long dups = 0, received = 0;
            int burst = 0, hops = 0;
            for (Query q : qs) {
                reach += q.reach();
                share += q.run().live() <= 1 ? 0 : (double) q.reach() / (q.run().live() - 1);
                msgs += q.run().messages();
                hits += q.hits();
                dups += q.duplicates();
                received += q.received();
                burst = Math.max(burst, q.burst(burstWindowMillis));
                for (int h : q.run().hops()) {
                    hops = Math.max(hops, h);
                }
            }
            int n = qs.size();
            return new Summary(n, reach / n, share / n, msgs / n, received == 0 ? 0 : (double) dups / received, hits / n, burst, hops);
        }

        public Map<String, Double> asMap() {
            Map<String, Double> m = new TreeMap<>();
            m.put("gnutella_queries", (double) queries);
            m.put("gnutella_reach_mean", meanReach);
            m.put("gnutella_reach_share_mean", meanReachShare);
            m.put("gnutella_messages_per_query", messagesPerQuery);
            m.put("gnutella_duplicate_ratio", duplicateRatio);
            m.put("gnutella_hits_per_query", hitsPerQuery);
            m.put("gnutella_hit_burst_max", (double) maxBurst);
            m.put("gnutella_hops_max", (double) maxHops);
            return m;
        }

        @Override
        public String toString() {
            return String.format("%d queries: mean reach %.1f nodes (%.1f%%), %.1f messages per query, duplicate ratio %.3f, "
                    + "%.2f hits per query, largest hit burst %d, most hops %d", queries, meanReach, 100 * meanReachShare,
                    messagesPerQuery, duplicateRatio, hitsPerQuery, maxBurst, maxHops);
        }
    }
}
