package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Whole Pastry networks on virtual time: joins, routing to the numerically closest node, repair. */
class PastryRoutingSimTest {

    @Test
    void everyRoute_shouldReachTheNumericallyClosestLiveNode_inAboutLog16NHops() {
        PastrySim sim = new PastrySim(5, Map.of());
        assertThat(sim.grow(500, 50)).as("failed joins").isZero();
        sim.scheduler.advance(30_000);
        assertThat(sim.wrongLeafSets()).as("nodes with a wrong clockwise leaf set").isZero();
        List<RouteResult> rs = sim.lookups(500, new SplittableRandom(1));
        double log16 = Math.log(500) / Math.log(16);
        System.out.printf("pastry N=500: correct %.4f, mean hops %.2f, log16 N %.2f%n", sim.correctShare(rs),
                PastrySim.meanHops(rs), log16);
        assertThat(sim.correctShare(rs)).isEqualTo(1.0);
        assertThat(PastrySim.meanHops(rs)).isLessThanOrEqualTo(Math.ceil(log16));
        double rows = sim.live().stream().mapToInt(n -> PastrySim.view(n).filledRows()).average().orElse(0);
        assertThat(rows).as("mean filled rows vs ceil(log16 N) = %d", (int) Math.ceil(log16))
                .isBetween(Math.ceil(log16) - 1, Math.ceil(log16) + 1);
    }

    @Test
    void afterAFifthFailsAtOnce_repairShouldRestoreLeafSetsAndRoutes() {
        PastrySim sim = new PastrySim(6, Map.of());
        assertThat(sim.grow(300, 50)).isZero();
        sim.scheduler.advance(30_000);
        SplittableRandom r = new SplittableRandom(2);
        for (OverlayNode n : sim.live()) {
            if (r.nextDouble() < 0.2) {
                n.stop();
            }
        }
        sim.scheduler.advance(60_000);
        System.out.println(sim.leafDiagnosis() + ", wrong " + sim.wrongLeafSets());
        assertThat(sim.wrongLeafSets()).as("nodes with a wrong clockwise leaf set after repair").isZero();
        List<RouteResult> rs = sim.lookups(500, r);
        System.out.printf("pastry N=300 after 20%% failed: correct %.4f, mean hops %.2f%n", sim.correctShare(rs),
                PastrySim.meanHops(rs));
        assertThat(sim.correctShare(rs)).isEqualTo(1.0);
    }

    @Test
    void join_shouldCollectRowsLeafSetAndNeighbourhoodAlongItsRoute() {
        PastrySim sim = new PastrySim(7, Map.of());
        assertThat(sim.grow(200, 50)).isZero();
        sim.scheduler.advance(30_000);
        OverlayNode seed = sim.nodes.get(3);
        OverlayNode x = sim.add();
        sim.await(x.join(List.of(seed.address())));
        sim.scheduler.advance(500); // the announcements' pongs, well before the first maintenance round
        PastryNode joined = (PastryNode) x;
        assertThat(joined.counter(PastryCounter.JOINS)).isEqualTo(1);
        assertThat(joined.row(0)).as("row 0 from the first hop").hasSizeGreaterThanOrEqualTo(12);
        assertThat(joined.neighbourhoodSet()).as("neighbourhood set from the first hop").isNotEmpty();
        assertThat(sim.wrongLeafSets()).as("leaf sets after the join, the newcomer's and its neighbours'").isZero();
        OverlayNode predecessor = sim.live().stream().filter(n -> n != x)
                .filter(n -> ((PastryNode) n).successors().get(0).id().equals(x.id())).findFirst().orElse(null);
        assertThat(predecessor).as("the newcomer's ring predecessor knows it as its successor").isNotNull();
    }
}
