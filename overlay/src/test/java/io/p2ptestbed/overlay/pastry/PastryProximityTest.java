package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.sim.PlaneTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Proximity in a plane topology: measured RTTs choose table entries and the neighbourhood set. */
class PastryProximityTest {

    private static final PlaneTopology PLANE = new PlaneTopology(77, 10, 200, 10);

    /** Mean of route time over the direct round trip to the owner, for routes that left their origin. */
    private static double stretch(PastrySim sim, int count) {
        SplittableRandom r = new SplittableRandom(9);
        List<OverlayNode> live = sim.live();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OverlayNode from = live.get(r.nextInt(live.size()));
            RouteResult res = sim.await(((PastryNode) from).route(PastryIds.random(r)));
            if (res.found() && !res.owner().address().equals(from.address())) {
                s.add(res.durationMillis() / (2.0 * PLANE.baseMillis(from.address(), res.owner().address())));
            }
        }
        return s.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static PastrySim grown(boolean proximity) {
        PastrySim sim = new PastrySim(8, Map.of("proximity", String.valueOf(proximity)), PLANE);
        assertThat(sim.grow(400, 50)).isZero();
        sim.scheduler.advance(120_000);
        return sim;
    }

    @Test
    void proximityAwareTables_shouldGiveLowerStretchThanPlainOnes() {
        double with = stretch(grown(true), 300);
        double without = stretch(grown(false), 300);
        System.out.printf("pastry N=400 in a plane: route stretch %.2f with proximity, %.2f without%n", with, without);
        assertThat(with).isLessThan(without);
    }

    @Test
    void neighbourhoodSet_shouldHoldNearNodesByMeasuredRtt() {
        PastrySim sim = grown(true);
        PastryNode n = (PastryNode) sim.live().get(17);
        List<Contact> m = n.neighbourhoodSet();
        assertThat(m).hasSize(n.config().neighbourhood());
        double meanM = m.stream().mapToLong(c -> PLANE.baseMillis(n.address(), c.address())).average().orElseThrow();
        double meanAll = sim.live().stream().filter(o -> o != n)
                .mapToLong(o -> PLANE.baseMillis(n.address(), o.address())).average().orElseThrow();
        System.out.printf("neighbourhood set: mean one-way %.1f ms, all nodes %.1f ms%n", meanM, meanAll);
        assertThat(meanM).isLessThan(meanAll / 2);
        for (int i = 1; i < m.size(); i++) {
            assertThat(n.rttMillis(m.get(i))).isGreaterThanOrEqualTo(n.rttMillis(m.get(i - 1)));
        }
    }
}
