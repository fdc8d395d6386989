package io.p2ptestbed.harness.gnutella;

import io.p2ptestbed.harness.runtime.BroadcastProbe;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.spi.Broadcast;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Gnutella queries measured one at a time on any runtime: a query is a flood (or k random walkers) published
 * through the neutral {@code Broadcast} capability, so its reach, hops, latency and query copies come from
 * {@link Broadcasts}; on top of that this counts the query hits that come back to the querier (the broadcast's
 * answers, with their arrival times: the response storm; in containers read through the querier's control
 * interface, {@code GET /v1/answers}) and the duplicate copies the nodes dropped.
 */
public final class GnutellaQueries {

    /** The window of the hit-burst figure (hits arriving at the querier within it). */
    public static final long DEFAULT_BURST_WINDOW_MILLIS = 100;

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
    public static Query run(NetworkRuntime rt, BroadcastProbe recorder, NodeHandle from, String criteria, long quietMillis,
                            long maxMillis) {
        long dupBefore = total(rt, "duplicates");
        long receivedBefore = total(rt, "received.query");
        Broadcasts.Run run = Broadcasts.publish(rt, recorder, from, criteria.getBytes(StandardCharsets.UTF_8), quietMillis, maxMillis);
        long[] times = recorder.answers(from, run.messageId()).stream().mapToLong(Broadcast.Answer::atMillis).sorted().toArray();
        recorder.forget(run.messageId());
        return new Query(run, criteria, times, total(rt, "duplicates") - dupBefore, total(rt, "received.query") - receivedBefore);
    }

    /**
     * {@code count} queries one after the other, each from a live node drawn uniformly among those {@code querier}
     * accepts (in containers the servents switched malicious are live nodes of the network, and never query), for
     * criteria drawn by {@code criteria}.
     */
    public static List<Query> runMany(NetworkRuntime rt, BroadcastProbe recorder, int count, Predicate<NodeHandle> querier,
                                      Function<RandomGenerator, String> criteria, long quietMillis, long maxMillis,
                                      RandomGenerator rng) {
        List<Query> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<NodeHandle> live = rt.liveNodes().stream().filter(querier).toList();
            if (live.isEmpty()) {
                throw new IllegalStateException("no live honest node left to query from");
            }
            NodeHandle from = live.get(rng.nextInt(live.size()));
            out.add(run(rt, recorder, from, criteria.apply(rng), quietMillis, maxMillis));
        }
        return out;
    }

    /** A counter summed over the live honest nodes. */
    public static long total(NetworkRuntime rt, String counter) {
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
