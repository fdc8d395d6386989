package io.p2ptestbed.reports;

/** Which way a metric improves. */
public enum MetricDirection {
    HIGHER_IS_BETTER("higher is better"),
    LOWER_IS_BETTER("lower is better");

    private final String text;

    MetricDirection(String text) {
        this.text = text;
    }

    public String describe() {
        return text;
    }

    /**
     * True if {@code current} is worse than {@code baseline} by more than {@code tolerance}
     * (absolute). A relative slack of 1e-12 absorbs floating-point noise at the boundary.
     */
    boolean regressed(double baseline, double current, double tolerance) {
        double slack = tolerance + 1e-12 * Math.max(1.0, Math.abs(baseline));
        return this == HIGHER_IS_BETTER ? current < baseline - slack : current > baseline + slack;
    }
}
