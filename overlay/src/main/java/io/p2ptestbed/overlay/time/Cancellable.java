package io.p2ptestbed.overlay.time;

/** A handle to a scheduled task. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
