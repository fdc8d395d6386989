package io.p2ptestbed.reports;

/**
 * The gate's verdict on one scenario/metric pair.
 *
 * @param baseline the expectation, {@code null} for {@link Outcome#NO_BASELINE}
 * @param current  the measured value, {@code null} when missing
 * @param message  human readable explanation (names metric, scenario, baseline, current, tolerance)
 */
public record GateCheck(String scenario, String metric, Outcome outcome, BaselineMetric baseline, Double current,
        String message) {

    public enum Outcome {
        /** Within tolerance (or better). */
        PASS,
        /** Worse than baseline beyond tolerance. */
        REGRESSION,
        /** Baseline exists but the run reported no usable value (missing, NaN, scenario not run). */
        UNKNOWN,
        /** Value reported but no baseline yet: informational, run an update to accept it. */
        NO_BASELINE
    }

    public Regression toRegression() {
        if (outcome != Outcome.REGRESSION) {
            throw new IllegalStateException(outcome + " is not a regression");
        }
        return new Regression(scenario, metric, baseline.value(), current, baseline.tolerance(), baseline.direction());
    }
}
