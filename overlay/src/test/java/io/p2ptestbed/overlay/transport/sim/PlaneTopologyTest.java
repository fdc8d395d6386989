package io.p2ptestbed.overlay.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The plane latency topology: deterministic from the seed, within bounds, metric, and parsed with clear messages. */
class PlaneTopologyTest {

    private static NodeAddress a(int i) {
        return NodeAddress.of(10, 0, i >>> 8, i & 0xFF, 4000);
    }

    @Test
    void latencies_shouldBeDeterministicBoundedSymmetricAndObeyTheTriangleInequality() {
        PlaneTopology t = new PlaneTopology(3, 10, 200, 10);
        PlaneTopology same = new PlaneTopology(3, 10, 200, 10);
        PlaneTopology other = new PlaneTopology(4, 10, 200, 10);
        SplittableRandom r = new SplittableRandom(1);
        int differ = 0;
        for (int i = 0; i < 200; i++) {
            NodeAddress x = a(i), y = a(i + 1), z = a(i + 2);
            assertThat(t.baseMillis(x, y)).isEqualTo(same.baseMillis(x, y)).isEqualTo(t.baseMillis(y, x)).isBetween(10L, 190L);
            assertThat(t.baseMillis(x, z)).isLessThanOrEqualTo(t.baseMillis(x, y) + t.baseMillis(y, z));
            assertThat(t.sampleMillis(x, y, r)).isBetween(t.baseMillis(x, y), t.baseMillis(x, y) + 10);
            differ += t.baseMillis(x, y) != other.baseMillis(x, y) ? 1 : 0;
        }
        assertThat(differ).as("another seed places nodes elsewhere").isGreaterThan(150);
        assertThat(t.baseMillis(a(1), a(1))).isEqualTo(10);
    }

    @Test
    void of_shouldKeepUniformAsTheDefaultAndRefuseUnknownNames() {
        SplittableRandom r = new SplittableRandom(2);
        assertThat(PlaneTopology.of("uniform", 1, 5, 5).sampleMillis(a(1), a(2), r)).isEqualTo(5);
        LatencyModel uniform = PlaneTopology.of("uniform", 1, 10, 100);
        LatencyModel before = LatencyModel.uniform(10, 100);
        SplittableRandom r1 = new SplittableRandom(5);
        SplittableRandom r2 = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            assertThat(uniform.sampleMillis(a(i), a(i + 1), r1)).as("the default draws exactly as before")
                    .isEqualTo(before.sampleMillis(a(i), a(i + 1), r2));
        }
        assertThat(PlaneTopology.of("plane", 1, 10, 110)).isInstanceOf(PlaneTopology.class);
        assertThatThrownBy(() -> PlaneTopology.of("plane:x", 1, 10, 110)).hasMessageContaining("'plane:x' unknown");
        assertThatThrownBy(() -> PlaneTopology.of("plane:500", 1, 10, 110)).hasMessageContaining("jitter 500");
    }
}
