package io.p2ptestbed.overlay.time;

/**
 * Time and timers for one node. All callbacks of one node run on one logical thread: the virtual-time
 * loop in simulation, the node's Netty event loop on real sockets. Protocol code must never read the
 * wall clock or sleep; it asks its scheduler.
 */
public interface Scheduler extends Clock {

    Cancellable schedule(long delayMillis, Runnable task);

    /** Runs {@code task} on this scheduler's thread as soon as possible. */
    void execute(Runnable task);
}
