package io.p2ptestbed.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinomialFloorTest {

    @Test
    void cdf_matchesExactSmallCases() {
        assertThat(BinomialFloor.cdf(10, 5, 0.5)).isCloseTo(638.0 / 1024, within(1e-12));
        assertThat(BinomialFloor.cdf(10, 0, 0.5)).isCloseTo(1.0 / 1024, within(1e-15));
        // P(Bin(160, 0.99) <= 158) = 1 - P(160) - P(159)
        double p160 = Math.pow(0.99, 160);
        double p159 = 160 * Math.pow(0.99, 159) * 0.01;
        assertThat(BinomialFloor.cdf(160, 158, 0.99)).isCloseTo(1 - p160 - p159, within(1e-12));
        assertThat(BinomialFloor.cdf(100, 100, 0.3)).isEqualTo(1);
        assertThat(BinomialFloor.cdf(100, -1, 0.3)).isZero();
    }

    @Test
    void cdf_largeSampleAgreesWithNormalApproximation() {
        // Bin(100000, 0.5): P(X <= mean) ~ 0.5 + half the point mass
        assertThat(BinomialFloor.cdf(100_000, 50_000, 0.5)).isCloseTo(0.5013, within(1e-3));
    }

    @Test
    void minimumPassing_isTheCriticalCount() {
        long c = BinomialFloor.minimumPassing(400, 0.98, 0.001);
        assertThat(BinomialFloor.cdf(400, c, 0.98)).isGreaterThanOrEqualTo(0.001);
        assertThat(BinomialFloor.cdf(400, c - 1, 0.98)).isLessThan(0.001);
        assertThat(c).isBetween(378L, 386L);
    }

    @Test
    void aSystemAtTheFloorFailsAboutAlphaOfRuns_andAFarRegressionAlways() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 400;
        long min = BinomialFloor.minimumPassing(n, 0.98, 0.01);
        int failedAtFloor = 0;
        int passedAtHalf = 0;
        for (int run = 0; run < 20_000; run++) {
            if (successes(rng, n, 0.98) < min) {
                failedAtFloor++;
            }
            if (successes(rng, n, 0.5) >= min) {
                passedAtHalf++;
            }
        }
        assertThat(failedAtFloor / 20_000.0).as("false failures at the floor itself").isLessThan(0.01);
        assertThat(passedAtHalf).as("runs at 50% that pass a 98% floor").isZero();
    }

    @Test
    void clopperPearsonBounds() {
        // all n succeed: the lower bound is alpha^(1/n)
        assertThat(BinomialFloor.lowerBound(160, 160, 0.999)).isCloseTo(Math.pow(0.001, 1.0 / 160), within(1e-9));
        assertThat(BinomialFloor.upperBound(160, 160, 0.999)).isEqualTo(1);
        double up = BinomialFloor.upperBound(400, 380, 0.999);
        assertThat(BinomialFloor.cdf(400, 380, up)).isCloseTo(0.001, within(1e-6));
        assertThat(BinomialFloor.lowerBound(400, 380, 0.999)).isLessThan(0.95).isGreaterThan(0.9);
    }

    @Test
    void badInput_isNamed() {
        assertThatThrownBy(() -> BinomialFloor.minimumPassing(0, 0.9, 0.01)).hasMessageContaining("sample size");
        assertThatThrownBy(() -> BinomialFloor.minimumPassing(10, 1.5, 0.01)).hasMessageContaining("share must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> BinomialFloor.minimumPassing(10, 0.9, 0.7)).hasMessageContaining("significance");
        assertThatThrownBy(() -> BinomialFloor.consistentWithAtLeast(10, 11, 0.9, 0.01)).hasMessageContaining("[0, 10], got 11");
    }

    private static int successes(SplittableRandom rng, int n, double p) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < p) {
                s++;
            }
        }
        return s;
    }
}
