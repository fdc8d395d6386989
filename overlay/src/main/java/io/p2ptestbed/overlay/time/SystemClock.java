package io.p2ptestbed.overlay.time;

/**
 * The wall clock, for real-socket runtimes only. This is the single class of protocol code allowed
 * to read system time (enforced by {@code DeterminismRulesTest}).
 */
public final class SystemClock implements Clock {

    public static final SystemClock INSTANCE = new SystemClock();
    private static final long ORIGIN = System.nanoTime();
    /** The host's wall clock at {@link #ORIGIN}, sampled once: every process on the host shares that clock. */
    private static final long UNIX_AT_ORIGIN = System.currentTimeMillis();

    private SystemClock() {}

    @Override
    public long nowMillis() {
        return (System.nanoTime() - ORIGIN) / 1_000_000L;
    }

    /** The host's wall-clock time at this clock's zero, sampled once when the clock was loaded. */
    @Override
    public long unixMillisAtZero() {
        return UNIX_AT_ORIGIN;
    }

    /**
     * The host's wall-clock time (Unix epoch milliseconds) at this clock's zero, sampled now: adding it to a
     * {@link #nowMillis()} reading gives that moment in epoch milliseconds, within 1 ms. For reports that compare
     * times across processes (node containers share their host's clock); never for protocol logic.
     */
    public long epochMillisAtZero() {
        return System.currentTimeMillis() - nowMillis();
    }

    /**
     * Lets {@code millis} of wall-clock time pass (a real-socket runtime's {@code advance}); an interrupt ends the wait
     * early and stays set on the thread.
     */
    public void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
