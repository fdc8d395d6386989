package io.p2ptestbed.overlay.time;

/** The only source of time for protocol code. Milliseconds since an arbitrary epoch. */
public interface Clock {
    long nowMillis();
}
