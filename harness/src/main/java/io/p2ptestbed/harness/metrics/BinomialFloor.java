package io.p2ptestbed.harness.metrics;

/**
 * A floor on a success share measured from a finite sample, as a one-sided binomial test, for outcomes
 * on real sockets that vary from run to run (timeouts under load, a datagram lost, a scheduling hiccup).
 *
 * <p>The claim "the true share is at least {@code p}" is rejected only when the observed count of
 * successes {@code k} of {@code n} is so low that, had the share truly been {@code p}, a count that low
 * would come up with probability below {@code alpha}: {@code P(Bin(n, p) <= k) < alpha}. So a system that
 * meets the floor fails the check in at most a fraction {@code alpha} of runs (if its trials are
 * independent), while a regression far below {@code p} fails it clearly once {@code n} is large enough:
 * {@link #minimumPassing} is the count below which a run fails, e.g. 382 of 400 for 98% at alpha 0.001.
 *
 * <p>Exact binomial tails in log space (no normal approximation, which is poor near 0% and 100%),
 * for {@code n} up to a million.
 */
public final class BinomialFloor {

    private BinomialFloor() {}

    /** {@code P(Bin(n, p) <= k)}. */
    public static double cdf(long n, long k, double p) {
        check(n, p);
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        if (p == 0) {
            return 1;
        }
        if (p == 1) {
            return 0;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        // sum the terms j = 0..k in log space, from the largest term down
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[(int) k + 1];
        for (int j = 0; j <= k; j++) {
            terms[j] = logChoose(n, j) + j * logP + (n - j) * logQ;
            max = Math.max(max, terms[j]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return Math.min(1, Math.exp(max) * sum);
    }

    /**
     * The smallest count of successes out of {@code n} that passes a floor of {@code p} at significance
     * {@code alpha}: the least {@code k} with {@code P(Bin(n, p) <= k) >= alpha}.
     */
    public static long minimumPassing(long n, double p, double alpha) {
        checkAlpha(alpha);
        check(n, p);
        long lo = 0;
        long hi = n;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (cdf(n, mid, p) >= alpha) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Whether {@code successes} of {@code n} is consistent with a true share of at least {@code p} at significance {@code alpha}. */
    public static boolean consistentWithAtLeast(long n, long successes, double p, double alpha) {
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must be in [0, " + n + "], got " + successes);
        }
        return successes >= minimumPassing(n, p, alpha);
    }

    /**
     * The one-sided Clopper-Pearson upper confidence bound on the true share after {@code k} successes
     * of {@code n}, at {@code confidence} (e.g. 0.999): the largest {@code p} with {@code P(Bin(n, p) <= k) >= 1 - confidence}.
     */
    public static double upperBound(long n, long k, double confidence) {
        checkAlpha(1 - confidence);
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n >= 1, got k=" + k + ", n=" + n);
        }
        if (k == n) {
            return 1;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(n, k, mid) >= 1 - confidence) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The one-sided Clopper-Pearson lower confidence bound: the smallest {@code p} with {@code P(Bin(n, p) >= k) >= 1 - confidence}. */
    public static double lowerBound(long n, long k, double confidence) {
        return 1 - upperBound(n, n - k, confidence);
    }

    private static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double logFactorial(long n) {
        if (n < 2) {
            return 0;
        }
        if (n < 64) {
            double s = 0;
            for (int i = 2; i <= n; i++) {
                s += Math.log(i);
            }
            return s;
        }
        // Stirling's series, exact to double precision for n >= 64
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    private static void check(long n, double p) {
        if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException("sample size must be in [1, 1000000], got " + n);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1], got " + p);
        }
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("significance must be in (0, 0.5) (confidence in (50%, 100%)), got " + alpha);
        }
    }
}
