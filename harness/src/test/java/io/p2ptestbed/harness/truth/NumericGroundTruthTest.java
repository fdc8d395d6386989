package io.p2ptestbed.harness.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.scenario.ScenarioException;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpaces;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ground truth in Pastry's numeric key space, and the scenario's latency topology option. */
class NumericGroundTruthTest {

    @Test
    void closest_shouldBeTheNumericallyClosestIdsOnThe128BitRing_asABruteForceFindsThem() {
        SplittableRandom r = new SplittableRandom(1);
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(new NodeId(r.nextLong(), r.nextLong(), 0));
        }
        ids.add(new NodeId(-1L, -1L, 0)); // next to the wrap-around
        GroundTruth truth = new GroundTruth(ids, KeySpaces.NUMERIC);
        for (int k = 0; k < 500; k++) {
            NodeId key = k == 0 ? new NodeId(0, 5, 77) : NodeId.random(r);
            List<NodeId> brute = new ArrayList<>(ids);
            brute.sort((a, b) -> KeySpaces.NUMERIC.compareDistance(key, a, b));
            assertThat(truth.closest(key, 4)).isEqualTo(brute.subList(0, 4));
            assertThat(truth.owner(key)).isEqualTo(brute.get(0));
        }
    }

    @Test
    void scenarioTopology_shouldDefaultToUniformAndNameWhatIsWrong() {
        Scenario s = Scenario.defaults("t", 10);
        assertThat(s.topology()).isEqualTo("uniform");
        assertThat(s.withTopology("plane").topology()).isEqualTo("plane");
        assertThat(s.withTopology("plane:5").topology()).isEqualTo("plane:5");
        assertThatThrownBy(() -> s.withTopology("torus")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("topology").hasMessageContaining("uniform, plane, or plane:J");
        assertThatThrownBy(() -> s.withLatency(10, 20).withTopology("plane:50")).hasMessageContaining("jitter 50");
    }
}
