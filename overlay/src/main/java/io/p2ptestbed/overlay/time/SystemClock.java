package io.p2ptestbed.overlay.time;

/**
 * The wall clock, for real-socket runtimes only. This is the single class of protocol code allowed
 * to read system time (enforced by {@code DeterminismRulesTest}).
 */
public final class SystemClock implements Clock {

    public static final SystemClock INSTANCE = new SystemClock();
    private static final long ORIGIN = System.nanoTime();

    private SystemClock() {}

    @Override
    public long nowMillis() {
        return (System.nanoTime() - ORIGIN) / 1_000_000L;
    }
}
