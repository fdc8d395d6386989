package io.p2ptestbed.harness.pastry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ideal prefix-routing model the Rowstron and Druschel features compare with. */
class PrefixRoutingModelTest {

    private static List<NodeId> ids(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<NodeId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(PastryIds.random(r));
        }
        return ids;
    }

    @Test
    void aNetworkNoLargerThanTheLeafSetIsOneHopFromEveryKey() {
        double[] d = new PrefixRoutingModel(ids(17, 1), 4, 16).distribution(2_000, new SplittableRandom(2));
        assertThat(d).hasSizeGreaterThanOrEqualTo(2);
        assertThat(d[0] + d[1]).isCloseTo(1.0, within(1e-12));
        assertThat(d[0]).as("the origin owns about 1 key in 17").isBetween(0.03, 0.09);
    }

    @Test
    void meanHopsFollowLog16NAndTheSharesSumToOne() {
        for (int n : new int[] {1_000, 10_000}) {
            double[] d = new PrefixRoutingModel(ids(n, n), 4, 16).distribution(20_000, new SplittableRandom(3));
            assertThat(Arrays.stream(d).sum()).isCloseTo(1.0, within(1e-9));
            double mean = PrefixRoutingModel.mean(d);
            System.out.printf("ideal prefix routing, N = %,d: mean %.3f (log16 N = %.3f) %s%n", n, mean,
                    Math.log(n) / Math.log(16), Arrays.toString(d));
            assertThat(mean).isCloseTo(Math.log(n) / Math.log(16), within(0.4));
        }
    }

    @Test
    void theSameSeedGivesTheSameDistribution() {
        List<NodeId> ids = ids(3_000, 5);
        double[] a = new PrefixRoutingModel(ids, 4, 16).distribution(5_000, new SplittableRandom(9));
        double[] b = new PrefixRoutingModel(ids, 4, 16).distribution(5_000, new SplittableRandom(9));
        assertThat(a).containsExactly(b);
    }
}
