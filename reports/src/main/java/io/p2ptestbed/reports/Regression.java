package io.p2ptestbed.reports;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A metric that got worse than its baseline by more than the tolerance.
 *
 * @param current the measured value
 */
public record Regression(String scenario, String metric, double baseline, double current, double tolerance,
        MetricDirection direction) {

    /** E.g. {@code lookup_success in "Eclipse with IP limits": baseline 0.998, current 0.912, tolerance 0.01 (higher is better)}. */
    public String message() {
        return describe(scenario, metric, baseline, fmt(current), tolerance, direction);
    }

    static String describe(String scenario, String metric, double baseline, String current, double tolerance,
            MetricDirection direction) {
        return metric + " in \"" + scenario + "\": baseline " + fmt(baseline) + ", current " + current
                + ", tolerance " + fmt(tolerance) + " (" + direction.describe() + ")";
    }

    /** Up to 6 significant digits, no trailing zeros, no exponent. */
    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return message();
    }
}
