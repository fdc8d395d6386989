package io.p2ptestbed.adversary.kademlia.dos;

/**
 * The three mandatory limits of every flood; the flood stops by itself at whichever comes first.
 *
 * @param ratePerSecond  datagrams per second, 1..100,000
 * @param maxDatagrams   total datagrams, 1..10,000,000
 * @param durationMillis how long, 1 ms..10 minutes
 */
public record FloodBounds(int ratePerSecond, long maxDatagrams, long durationMillis) {

    public static final int MAX_RATE = 100_000;
    public static final long MAX_DATAGRAMS = 10_000_000;
    public static final long MAX_DURATION_MILLIS = 600_000;

    public FloodBounds {
        require("ratePerSecond", ratePerSecond, MAX_RATE);
        require("maxDatagrams", maxDatagrams, MAX_DATAGRAMS);
        require("durationMillis", durationMillis, MAX_DURATION_MILLIS);
    }

    /** {@code rate} per second for {@code seconds}, the count bound set to exactly what that sends. */
    public static FloodBounds of(int ratePerSecond, long durationMillis) {
        return new FloodBounds(ratePerSecond, Math.max(1, Math.min(MAX_DATAGRAMS, ratePerSecond * durationMillis / 1_000)),
                durationMillis);
    }

    /** How many datagrams these bounds allow in total. */
    public long budget() {
        return Math.min(maxDatagrams, ratePerSecond * durationMillis / 1_000);
    }

    private static void require(String name, long v, long max) {
        if (v < 1 || v > max) {
            throw new IllegalArgumentException("flood bound '" + name + "' must be in [1, " + max + "], got " + v);
        }
    }
}
