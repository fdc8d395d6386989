package io.p2ptestbed.overlay.time;

/** The only source of time for protocol code. Milliseconds since an arbitrary epoch. */
public interface Clock {

    /** The lab epoch, 2026-01-01T00:00:00Z in Unix milliseconds: a virtual clock's zero. */
    long LAB_EPOCH_MILLIS = 1_767_225_600_000L;

    long nowMillis();

    /**
     * Unix time in milliseconds at {@code nowMillis() == 0}. A virtual clock starts at the lab epoch; a real-socket
     * clock starts when its process does, so it answers the host's wall clock at that moment (sampled once), and every
     * process on one host then agrees on absolute times, as hosts with synchronised clocks do. Protocols whose packets
     * carry absolute times (discovery v4's expirations) use {@link #unixSeconds()}.
     */
    default long unixMillisAtZero() {
        return LAB_EPOCH_MILLIS;
    }

    /** Unix seconds now on this clock: {@link #unixMillisAtZero()} plus {@link #nowMillis()}. */
    default long unixSeconds() {
        return (unixMillisAtZero() + nowMillis()) / 1000;
    }
}
