package io.p2ptestbed.adversary.collusion;

/**
 * When colluders start lying. {@link #fromStart()}: from the first message they send, so the honest
 * nodes build their routing tables (join, bucket refresh) through colluders' lies. {@link #turnAt}: they
 * run the honest protocol until runtime time {@code millis}, then lie; in a scenario, "turn after the
 * network has converged" is a turn at the time the network converged.
 *
 * @param turnAtMillis runtime time from which colluders lie; 0 for from the start
 */
public record ColluderPresence(long turnAtMillis) {

    public ColluderPresence {
        if (turnAtMillis < 0) {
            throw new IllegalArgumentException("colluders turn at a runtime time >= 0 ms, got " + turnAtMillis);
        }
    }

    public static ColluderPresence fromStart() {
        return new ColluderPresence(0);
    }

    public static ColluderPresence turnAt(long millis) {
        return new ColluderPresence(millis);
    }

    public boolean isFromStart() {
        return turnAtMillis == 0;
    }

    /** Whether a colluder lies at runtime time {@code now}. */
    public boolean lyingAt(long now) {
        return now >= turnAtMillis;
    }

    @Override
    public String toString() {
        return isFromStart() ? "present from the start" : "turn at " + turnAtMillis + " ms";
    }
}
