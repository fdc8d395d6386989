package io.p2ptestbed.features.steps;

import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.metrics.BinomialFloor;

/**
 * Floors on shares measured on real sockets, as one-sided binomial tests ({@link BinomialFloor}). A
 * share measured from n trials varies from run to run; a floor compared with the point estimate fails
 * whenever the run is a little unlucky. Here a floor of p% at c% confidence fails only when the count of
 * successes is below the count that a true share of p% reaches in c% of runs; the step's error names
 * that critical count, the measured one, and the Clopper-Pearson bounds.
 */
public final class Floors {

    private Floors() {}

    /** Fails unless {@code successes} of {@code n} is consistent with a true share of at least {@code percent}%. */
    public static void atLeast(TestbedWorld world, String what, String metric, long n, long successes, double percent,
                        double confidence, String detail) {
        long min = critical(world, metric, n, successes, percent, confidence);
        if (successes < min) {
            throw new AssertionError(String.format(
                    "%s: %d of %d (%.2f%%) is below the floor of %s%% at %s%% confidence: a true share of %s%% gives at "
                            + "least %d of %d in %s%% of runs (one-sided binomial test); %s",
                    what, successes, n, 100.0 * successes / n, fmt(percent), fmt(confidence), fmt(percent), min, n,
                    fmt(confidence), detail));
        }
    }

    /** Fails unless {@code successes} of {@code n} is significantly below {@code percent}%: the run fails that floor. */
    public static void below(TestbedWorld world, String what, String metric, long n, long successes, double percent,
                      double confidence, String detail) {
        long min = critical(world, metric, n, successes, percent, confidence);
        if (successes >= min) {
            throw new AssertionError(String.format(
                    "%s: %d of %d (%.2f%%) is not significantly below %s%% at %s%% confidence (it would pass that "
                            + "floor, which needs %d of %d); %s",
                    what, successes, n, 100.0 * successes / n, fmt(percent), fmt(confidence), min, n, detail));
        }
    }

    private static long critical(TestbedWorld world, String metric, long n, long successes, double percent, double confidence) {
        Steps.percent("floor", percent);
        if (!(confidence > 50 && confidence < 100)) {
            throw new IllegalArgumentException("confidence must be in (50, 100)%, got " + fmt(confidence) + "%");
        }
        if (n < 1) {
            throw new AssertionError("no trials were measured for " + metric + ", so no share can be checked");
        }
        long min = BinomialFloor.minimumPassing(n, percent / 100, 1 - confidence / 100);
        world.record(metric + "_floor_min_count", min);
        world.record(metric + "_trials", n);
        world.record(metric + "_lower_bound", BinomialFloor.lowerBound(n, successes, confidence / 100));
        world.record(metric + "_upper_bound", BinomialFloor.upperBound(n, successes, confidence / 100));
        return min;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
