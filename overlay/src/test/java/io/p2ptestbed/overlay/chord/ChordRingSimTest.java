package io.p2ptestbed.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChordRingSimTest {

    @Test
    void ringOf200_shouldStabiliseAndRouteEveryKeyToItsSuccessor() {
        ChordSim sim = new ChordSim(1, Map.of());
        sim.grow(200, 50);
        assertThat(sim.stabilize(120_000)).as("ring correct, wrong pointers %d", sim.wrongPointers()).isTrue();
        sim.scheduler.advance(60_000);
        List<RouteResult> rs = sim.lookups(2000, new SplittableRandom(7));
        assertThat(sim.correctShare(rs)).isEqualTo(1.0);
        System.out.println("t=" + sim.scheduler.nowMillis() + " mean hops " + rs.stream().mapToInt(RouteResult::hops).average().orElse(0));
    }
}
