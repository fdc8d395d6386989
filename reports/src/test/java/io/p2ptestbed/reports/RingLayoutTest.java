package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RingLayoutTest {
    @Test
    void ordersEqualLengthIdsLexicographicallyAndOthersNaturally() {
        assertThat(RingLayout.sorted(List.of("1a", "10", "0f"))).containsExactly("0f", "10", "1a");
        assertThat(RingLayout.sorted(List.of("node-10", "node-2", "node-1"))).containsExactly("node-1", "node-2", "node-10");
    }

    @Test
    void placesRingNodesOnUnitCircleClockwiseFromTopAndSingleVictimInCentre() {
        Map<String, double[]> p = RingLayout.compute(List.of("c", "a", "b", "d"), List.of("v"));
        assertThat(p.get("a")).containsExactly(new double[] {0, 1}, within(1e-9));
        assertThat(p.get("b")).containsExactly(new double[] {1, 0}, within(1e-9));
        assertThat(p.get("c")).containsExactly(new double[] {0, -1}, within(1e-9));
        assertThat(p.get("v")).containsExactly(new double[] {0, 0}, within(1e-9));
    }

    @Test
    void isDeterministicRegardlessOfInputOrder() {
        Map<String, double[]> p1 = RingLayout.compute(List.of("x", "y", "z"), List.of("v1", "v2"));
        Map<String, double[]> p2 = RingLayout.compute(List.of("z", "x", "y"), List.of("v2", "v1"));
        p1.forEach((id, xy) -> assertThat(p2.get(id)).containsExactly(xy, within(1e-12)));
        double r = Math.hypot(p1.get("v1")[0], p1.get("v1")[1]);
        assertThat(r).isCloseTo(RingLayout.INNER_RADIUS, within(1e-9));
    }
}
