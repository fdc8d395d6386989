package io.p2ptestbed.reports;

import java.util.Objects;

/**
 * Expected value of one metric.
 *
 * @param value     the accepted value
 * @param tolerance allowed absolute worsening before it counts as a regression (>= 0)
 * @param direction which way is better
 */
public record BaselineMetric(double value, double tolerance, MetricDirection direction) {
    public BaselineMetric {
        Objects.requireNonNull(direction, "direction");
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
    }

    /** Same tolerance and direction, new value. */
    public BaselineMetric withValue(double newValue) {
        return new BaselineMetric(newValue, tolerance, direction);
    }
}
