package io.p2ptestbed.harness.gnutella;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Broadcasts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gnutella queries through the runtime, the reach experiment, and determinism (same seed, same figures). */
class GnutellaQueriesTest {

    static GnutellaQueries.Summary queries(long seed) {
        Scenario s = Scenario.defaults("gnutella", 150).withProtocol("gnutella")
                .withParams(Map.of("degree", "6", "vocabulary", "5")).withSeed(seed);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            io.p2ptestbed.harness.runtime.BroadcastProbe rec = Broadcasts.attach(rt);
            rt.start();
            rt.advance(10_000); // joins complete when connections open; full hosts close theirs after the ping exchange
            List<GnutellaQueries.Query> qs = GnutellaQueries.runMany(rt, rec, 5, n -> true, r -> "kw" + r.nextInt(5),
                    3_000, 60_000, new Seeds(seed).stream("q"));
            return GnutellaQueries.Summary.of(qs, GnutellaQueries.DEFAULT_BURST_WINDOW_MILLIS);
        }
    }

    @Test
    void queriesReachEveryNodeAndComeBackWithHits_andTheSameSeedGivesTheSameFigures() {
        GnutellaQueries.Summary a = queries(3);
        assertThat(a.meanReachShare()).as("%s", a).isEqualTo(1.0);
        assertThat(a.hitsPerQuery()).as("%s", a).isGreaterThan(10);
        assertThat(a.duplicateRatio()).as("%s", a).isGreaterThan(0.5);
        assertThat(queries(3)).isEqualTo(a);
    }

    @Test
    void floodsOnARegularGraphReachExactlyTheBall_whichTheTreeFormulaBounds() {
        List<ReachExperiment.Point> ps = ReachExperiment.run(600, new int[] {4}, new int[] {1, 2, 3}, 10, 1, p -> { });
        for (ReachExperiment.Point p : ps) {
            assertThat(p.irregularNodes()).as("%s", p).isZero();
            assertThat(p.meanReach()).as("%s", p).isEqualTo(p.meanBall());
            assertThat(p.meanReach()).as("%s", p).isLessThanOrEqualTo(p.formula());
        }
        assertThat(ps.get(0).meanReach()).as("TTL 1 reaches exactly the d neighbours").isEqualTo(4.0);
        assertThat(ReachExperiment.treeFormula(4, 3)).isEqualTo(4 + 12 + 36);
    }
}
