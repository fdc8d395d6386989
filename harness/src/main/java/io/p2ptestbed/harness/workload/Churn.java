package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** Churn: kill a fraction of nodes, restart them, and measure how lookups recover. */
public final class Churn {

    /** One measurement round after a failure: when, and how well lookups did. */
    public record Round(long atMillis, LookupStats stats) {}

    /** @param recoveredAtMillis time since the failure when success first reached the target, or -1 */
    public record Recovery(List<Round> rounds, long recoveredAtMillis) {

        public boolean recovered() {
            return recoveredAtMillis >= 0;
        }
    }

    private Churn() {}

    /**
     * Kills {@code fraction} of the live nodes, never the bootstrap nodes; returns the victims. Nodes die in the runtime's
     * failure units ({@link NetworkRuntime#failureUnits}): one node at a time in one JVM, whole containers on docker (a
     * unit holding a bootstrap node is spared), drawn at random until at least the fraction has died.
     */
    public static List<NodeHandle> killFraction(NetworkRuntime rt, double fraction, RandomGenerator rng) {
        if (fraction <= 0 || fraction >= 1) {
            throw new IllegalArgumentException("churn fraction must be in (0, 1), got " + fraction);
        }
        int boot = rt.scenario().bootstrapNodes();
        List<List<NodeHandle>> candidates = new ArrayList<>(rt.failureUnits().stream()
                .filter(u -> u.stream().allMatch(n -> n.index() >= boot)).toList());
        int count = (int) Math.round(rt.liveNodes().size() * fraction);
        List<NodeHandle> killed = new ArrayList<>();
        while (killed.size() < count && !candidates.isEmpty()) {
            List<NodeHandle> unit = candidates.remove(rng.nextInt(candidates.size()));
            rt.killUnit(unit);
            killed.addAll(unit);
        }
        return killed;
    }

    /**
     * Measures lookup success every {@code roundMillis} until it reaches {@code target} or
     * {@code maxMillis} has passed. The first round runs immediately.
     */
    public static Recovery measureRecovery(NetworkRuntime rt, double target, long roundMillis, long maxMillis,
                                           int lookupsPerRound, RandomGenerator rng, Consumer<Round> onRound) {
        long start = rt.nowMillis();
        List<Round> rounds = new ArrayList<>();
        while (true) {
            long at = rt.nowMillis() - start;
            LookupStats stats = Workloads.randomLookups(rt, lookupsPerRound, rng);
            Round r = new Round(at, stats);
            rounds.add(r);
            onRound.accept(r);
            if (stats.successRate() >= target) {
                return new Recovery(rounds, at);
            }
            if (rt.nowMillis() - start + roundMillis > maxMillis) {
                return new Recovery(rounds, -1);
            }
            rt.advance(roundMillis);
        }
    }
}
