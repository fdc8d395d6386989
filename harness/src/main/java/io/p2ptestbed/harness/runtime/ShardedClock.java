package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for a simulation split into shards, run by a few threads (a conservative parallel
 * discrete-event simulation). Time advances in windows: each window starts at the earliest pending event
 * and is at most the minimum link latency long, so nothing sent inside a window can arrive inside it. In a
 * window the threads take shards one at a time until none is left and run each shard's events of the
 * window, after taking in the datagrams sent to it from other shards in the previous window, in a fixed
 * order ({@link SimNetwork#drainOutboxes(int)}); so the threads move datagrams in parallel, and between
 * windows only the outbox sets swap. What a shard computes depends only on its own events and on
 * that order, never on which thread ran it or when, so a run is a pure function of the seed and the number
 * of shards, whatever the number of threads.
 *
 * <p>The calling thread is one of the threads and, between windows, runs the harness (which may call into
 * any node). Only datagrams and stream segments ({@code SimStreams}) cross shards: anything that needs several
 * nodes' state at once has no place in a sharded run.
 */
public final class ShardedClock implements AutoCloseable {

    private final VirtualScheduler[] shards;
    private final SimNetwork network;
    private final long lookahead;
    /** The instant all shards have reached (the end of the last window). */
    private long now;
    /** The earliest delivery time of the datagrams in outboxes, which shards take in at the next window. */
    private long outboxMin = Long.MAX_VALUE;
    /** Per shard: its next event's time, as the thread that ran it saw it at the end of the last window. */
    private final long[] shardNext;
    private final Thread[] workers;
    /** Window number: the calling thread raises it to start a window (after setting windowEnd and the counter). */
    private volatile long started;
    private volatile long windowEnd;
    /** The next shard to take in this window. */
    private final AtomicInteger nextShard = new AtomicInteger();
    /** Per worker: the last window it finished. */
    private final AtomicLongArray finished;
    private volatile boolean closed;
    private volatile Throwable failure;

    public ShardedClock(VirtualScheduler[] shards, int threads, SimNetwork network, long lookaheadMillis) {
        if (lookaheadMillis < 1) {
            throw new IllegalArgumentException("a sharded simulation needs a minimum latency of at least 1 ms, got "
                    + lookaheadMillis);
        }
        this.shards = shards;
        this.network = network;
        this.lookahead = lookaheadMillis;
        network.setLookahead(lookaheadMillis); // the floor of a stream segment that crosses shards
        this.shardNext = new long[shards.length];
        this.workers = new Thread[Math.max(0, threads - 1)];
        this.finished = new AtomicLongArray(workers.length);
        for (int i = 0; i < workers.length; i++) {
            int worker = i;
            workers[i] = new Thread(() -> work(worker), "sim-worker-" + (i + 1));
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    public long nowMillis() {
        return now;
    }

    /** Busy spins before {@link #await} yields the core (a window's imbalance is usually shorter). */
    static final int SPINS = Integer.getInteger("testbed.sim.spins", 2_000);
    /** Yields before it parks. */
    static final int YIELDS = Integer.getInteger("testbed.sim.yields", 50);

    /**
     * Waits for {@code ready}: a short spin (a window takes well under a millisecond of wall time), then
     * yielding the core, then parking briefly, so that a simulation that stands still does not keep a core
     * busy. Long spins cost more than they save when the threads share the cores with other processes:
     * a profile of a 100,000-node build on a loaded 2-core machine found two thirds of the samples
     * spinning here (200,000 spins before parking), while the other thread waited for a core.
     */
    private static void await(BooleanSupplier ready) {
        for (int spins = 0; !ready.getAsBoolean(); spins++) {
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /** Takes shards until none is left in this window. */
    private void runShards() {
        long until = windowEnd;
        for (int s = nextShard.getAndIncrement(); s < shards.length; s = nextShard.getAndIncrement()) {
            try {
                network.drainOutboxes(s);
                shards[s].runUntil(until);
                shardNext[s] = shards[s].nextEventTime(); // here, where the shard's state is in cache
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private void work(int worker) {
        long window = 0;
        while (true) {
            long w = window;
            await(() -> started != w || closed);
            if (closed) {
                return;
            }
            window = started;
            runShards();
            finished.set(worker, window);
        }
    }

    /** Runs every shard to {@code until} (inclusive); returns when all are there. */
    private void window(long until) {
        windowEnd = until;
        nextShard.set(0);
        long window = started + 1;
        started = window;
        runShards();
        for (int i = 0; i < workers.length; i++) {
            int worker = i;
            await(() -> finished.get(worker) == window);
        }
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
        outboxMin = network.swapOutboxes();
        now = until;
    }

    /**
     * Runs windows until {@code done} holds (checked between windows) or no event is left before
     * {@code deadline}; returns whether done. {@code done} must only read: it must not schedule events.
     */
    public boolean runUntil(BooleanSupplier done, long deadline) {
        // The caller may have scheduled events since the last window; after a window of this call, the
        // times its threads noted are current ({@code done} only reads).
        boolean noted = false;
        while (!done.getAsBoolean()) {
            long next = outboxMin;
            if (noted) {
                for (long t : shardNext) {
                    next = Math.min(next, t);
                }
            } else {
                for (VirtualScheduler s : shards) {
                    next = Math.min(next, s.nextEventTime());
                }
            }
            long until = Math.min(deadline, next + lookahead - 1);
            if (network.fillingMin() < until) {
                // The harness sent something between windows (it called into a node, or closed one) that is due
                // before the next window ends, but the shards would take it in only at the start of the window after
                // (too late): an empty window, ending where the last one did, takes in what the last window sent and
                // makes what the harness sent due at the start of the next one; then plan again.
                window(now);
                noted = true;
                continue;
            }
            if (next > deadline) {
                return done.getAsBoolean();
            }
            window(until);
            noted = true;
        }
        return true;
    }

    /** Runs every event up to {@code deadline} (inclusive) and moves all clocks there. */
    public void runUntil(long deadline) {
        runUntil(() -> false, deadline);
        if (now < deadline) {
            window(deadline);
        }
    }

    /** CPU seconds its worker threads (the threads besides the caller's) have used so far. */
    public double workerCpuSeconds() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long ns = 0;
        for (Thread w : workers) {
            ns += Math.max(0, mx.getThreadCpuTime(w.getId()));
        }
        return ns / 1e9;
    }

    @Override
    public void close() {
        closed = true;
    }
}
