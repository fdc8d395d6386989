package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Lookups while nodes keep joining and failing, as in the Chord paper's "lookups during stabilisation"
 * experiment: joins and failures each arrive as a Poisson process of rate {@code churnPerSecond}, lookups
 * as one of rate {@code lookupsPerSecond}, all drawn from the seed. Lookups overlap the churn (they are
 * started and left running). A lookup succeeds when the node it names is the key's owner among the nodes
 * live at the moment the lookup completed; a timeout or a wrong node is a failure.
 */
public final class ContinuousChurn {

    /** Time step of the arrival processes. */
    static final long TICK_MILLIS = 100;

    private ContinuousChurn() {}

    public record Result(int lookups, int failed, int wrongNode, int noAnswer, int joins, int failures) {
        public double failedFraction() {
            return lookups == 0 ? 0 : (double) failed / lookups;
        }
    }

    private record Change(long atMillis, NodeId id, boolean joined) {}

    private record Done(long atMillis, NodeId key, RouteResult result) {}

    public static Result run(NetworkRuntime rt, double churnPerSecond, double lookupsPerSecond, long durationMillis,
                             RandomGenerator rng) {
        if (churnPerSecond < 0 || lookupsPerSecond <= 0 || durationMillis <= 0) {
            throw new IllegalArgumentException("continuous churn needs churn >= 0, lookups > 0 per second and a duration > 0");
        }
        KeySpace space = rt.keySpace();
        TreeSet<NodeId> initial = new TreeSet<>();
        rt.liveNodes().forEach(n -> initial.add(n.id()));
        List<Change> changes = new ArrayList<>();
        List<Done> done = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<RouteResult>> pending = new ArrayList<>();
        int joins = 0;
        int fails = 0;
        int protectedNodes = rt.scenario().bootstrapNodes();
        double pChurn = churnPerSecond * TICK_MILLIS / 1000.0;
        double pLookup = lookupsPerSecond * TICK_MILLIS / 1000.0;
        long end = rt.nowMillis() + durationMillis;
        while (rt.nowMillis() < end) {
            for (int j = poisson(pChurn, rng); j > 0; j--) {
                NodeHandle n = rt.join();
                changes.add(new Change(rt.nowMillis(), n.id(), true));
                joins++;
            }
            for (int f = poisson(pChurn, rng); f > 0; f--) {
                List<NodeHandle> live = rt.liveNodes();
                if (live.size() > protectedNodes + 2) {
                    NodeHandle victim = live.get(protectedNodes + rng.nextInt(live.size() - protectedNodes));
                    rt.kill(victim);
                    changes.add(new Change(rt.nowMillis(), victim.id(), false));
                    fails++;
                }
            }
            for (int l = poisson(pLookup, rng); l > 0; l--) {
                List<NodeHandle> live = rt.liveNodes();
                NodeHandle from = live.get(rng.nextInt(live.size()));
                NodeId key = NodeId.random(rng);
                CompletableFuture<RouteResult> f = rt.routeAsync(from, key);
                f.whenComplete((r, e) -> done.add(new Done(rt.nowMillis(), key, e == null ? r : null)));
                pending.add(f);
            }
            rt.advance(TICK_MILLIS);
        }
        for (CompletableFuture<RouteResult> f : pending) {
            rt.await(f, 120_000);
        }
        return grade(initial, changes, new ArrayList<>(done), pending.size(), space);
    }

    private static Result grade(TreeSet<NodeId> live, List<Change> changes, List<Done> done, int started, KeySpace space) {
        done.sort(Comparator.comparingLong(Done::atMillis));
        int c = 0;
        int wrong = 0;
        int none = started - done.size();
        for (Done d : done) {
            while (c < changes.size() && changes.get(c).atMillis() <= d.atMillis()) {
                Change ch = changes.get(c++);
                if (ch.joined()) {
                    live.add(ch.id());
                } else {
                    live.remove(ch.id());
                }
            }
            if (d.result() == null || !d.result().found()) {
                none++;
                continue;
            }
            NodeId owner = owner(live, d.key(), space);
            if (!d.result().owner().id().equals(owner)) {
                wrong++;
            }
        }
        return new Result(started, wrong + none, wrong, none, (int) changes.stream().filter(Change::joined).count(),
                (int) changes.stream().filter(ch -> !ch.joined()).count());
    }

    private static NodeId owner(TreeSet<NodeId> live, NodeId key, KeySpace space) {
        NodeId best = null;
        for (NodeId id : live) {
            if (best == null || space.compareDistance(key, id, best) < 0) {
                best = id;
            }
        }
        return best;
    }

    /** A Poisson draw with a small mean, by inversion. */
    static int poisson(double mean, RandomGenerator rng) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = rng.nextDouble();
        double cdf = l;
        double term = l;
        while (p > cdf && k < 1000) {
            k++;
            term *= mean / k;
            cdf += term;
        }
        return k;
    }
}
