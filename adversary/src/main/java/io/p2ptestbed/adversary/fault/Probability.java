package io.p2ptestbed.adversary.fault;

final class Probability {

    private Probability() {}

    static void check(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " probability must be in [0, 1], got " + p);
        }
    }

    static void checkMillis(String what, long ms) {
        if (ms < 0 || ms > 3_600_000) {
            throw new IllegalArgumentException(what + " must be in [0, 3600000] ms, got " + ms);
        }
    }

    static String percent(double p) {
        double pct = 100 * p;
        return (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct)) + "%";
    }
}
