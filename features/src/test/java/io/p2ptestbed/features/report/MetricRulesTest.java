package io.p2ptestbed.features.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.reports.BaselineMetric;
import io.p2ptestbed.reports.MetricDirection;
import org.junit.jupiter.api.Test;

class MetricRulesTest {

    @Test
    void successIsHigherIsBetterWithinOnePoint_sharesLowerIsBetter() {
        assertThat(MetricRules.forNewMetric("lookup_success", 0.998, "simulated"))
                .contains(new BaselineMetric(0.998, 0.01, MetricDirection.HIGHER_IS_BETTER));
        assertThat(MetricRules.forNewMetric("victim_attacker_share", 0.1, "simulated"))
                .contains(new BaselineMetric(0.1, 0.02, MetricDirection.LOWER_IS_BETTER));
        assertThat(MetricRules.forNewMetric("eclipsed_fraction", 0.3, "simulated").orElseThrow().direction())
                .isEqualTo(MetricDirection.LOWER_IS_BETTER);
        assertThat(MetricRules.forNewMetric("victim_adversary_share_at_120s", 0.3, "simulated").orElseThrow().direction())
                .isEqualTo(MetricDirection.LOWER_IS_BETTER);
        assertThat(MetricRules.forNewMetric("honest_lookup_success_at_60s", 0.9, "simulated").orElseThrow().direction())
                .isEqualTo(MetricDirection.HIGHER_IS_BETTER);
        assertThat(MetricRules.forNewMetric("colluder_fraction", 0.2, "simulated")).isEmpty();
    }

    @Test
    void relativeTolerancesAreRoundedUpToTwoDigits() {
        assertThat(MetricRules.forNewMetric("hops_mean", 3.41, "simulated").orElseThrow().tolerance()).isEqualTo(0.35);
        assertThat(MetricRules.forNewMetric("latency_p95_ms", 6332, "simulated").orElseThrow().tolerance()).isEqualTo(1600);
    }

    @Test
    void timingsAreGatedOnTheSimulatedRuntimeOnly_inputsAndFingerprintsNever() {
        assertThat(MetricRules.forNewMetric("latency_p50_ms", 12, "loopback")).isEmpty();
        assertThat(MetricRules.forNewMetric("lookup_success", 1.0, "loopback"))
                .contains(new BaselineMetric(1.0, 0.05, MetricDirection.HIGHER_IS_BETTER));
        assertThat(MetricRules.forNewMetric("hops_mean", 3.0, "docker")).isEmpty();
        assertThat(MetricRules.forNewMetric("nodes", 1000, "simulated")).isEmpty();
        assertThat(MetricRules.forNewMetric("run1.routing_digest", 123, "simulated")).isEmpty();
        assertThat(MetricRules.forNewMetric("lookup_success", Double.NaN, "simulated")).isEmpty();
    }
}
