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
 * window the threads take shards one at a time (those that ran the most events in the last window first) until none
 * is left and run each shard's events of the
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
    /** The next place in {@link #order} to take a shard from in this window. */
    private final AtomicInteger nextShard = new AtomicInteger();
    /**
     * The order the threads take shards in: by the events each ran in the last window, most first (session 17), so
     * that a window ends on small shards and the thread that finishes first waits less for the other (the longest
     * processing time first rule). Which thread runs which shard never changes what a shard computes.
     */
    private final int[] order;
    /** Per shard: the events it ran in the last window (written by the thread that ran it). */
    private final long[] lastEvents;
    /** Per worker: the last window it finished. */
    private final AtomicLongArray finished;
    private volatile boolean closed;
    private volatile Throwable failure;
    /**
     * Measurement only (the benchmark's balance figures; nothing simulated reads them): per thread (0 the caller, then
     * the workers) the wall nanoseconds it waited at the window barrier and ran shards, and the shards it took; per
     * shard the wall nanoseconds its windows took. Each slot is written by one thread and read between windows.
     */
    private final long[] waitNanos;
    private final long[] busyNanos;
    private final long[] taken;
    private final long[] shardNanos;
    private long windows;

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
        this.waitNanos = new long[workers.length + 1];
        this.busyNanos = new long[workers.length + 1];
        this.taken = new long[workers.length + 1];
        this.shardNanos = new long[shards.length];
        this.order = new int[shards.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.lastEvents = new long[shards.length];
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

    /** Takes shards until none is left in this window; {@code thread} 0 is the caller, then the workers. */
    private void runShards(int thread) {
        long until = windowEnd;
        long t0 = System.nanoTime();
        long t = t0;
        for (int k = nextShard.getAndIncrement(); k < shards.length; k = nextShard.getAndIncrement()) {
            int s = order[k];
            try {
                network.drainOutboxes(s);
                long e0 = shards[s].executedEvents();
                shards[s].runUntil(until);
                lastEvents[s] = shards[s].executedEvents() - e0;
                shardNext[s] = shards[s].nextEventTime(); // here, where the shard's state is in cache
            } catch (Throwable e) {
                failure = e;
            }
            long t1 = System.nanoTime();
            shardNanos[s] += t1 - t;
            taken[thread]++;
            t = t1;
        }
        busyNanos[thread] += t - t0;
    }

    /** {@link #await} with its wall time counted as thread {@code thread}'s wait at the barrier. */
    private void await(int thread, BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            return;
        }
        long t0 = System.nanoTime();
        await(ready);
        waitNanos[thread] += System.nanoTime() - t0;
    }

    /**
     * The balance of the windows so far (measurement only): windows run; per thread (the caller first) wall seconds
     * waiting at the barrier, running shards, shards taken; per shard wall seconds and events run. Call between windows.
     */
    public record Balance(long windows, double[] waitSeconds, double[] busySeconds, long[] shardsTaken,
                          double[] shardSeconds, long[] shardEvents) {
        /** What happened between {@code before} and this. */
        public Balance minus(Balance before) {
            return new Balance(windows - before.windows, diff(waitSeconds, before.waitSeconds),
                    diff(busySeconds, before.busySeconds), diff(shardsTaken, before.shardsTaken),
                    diff(shardSeconds, before.shardSeconds), diff(shardEvents, before.shardEvents));
        }

        private static double[] diff(double[] a, double[] b) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] - b[i];
            }
            return d;
        }

        private static long[] diff(long[] a, long[] b) {
            long[] d = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] - b[i];
            }
            return d;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(String.format("%,d windows;", windows));
            for (int i = 0; i < waitSeconds.length; i++) {
                b.append(String.format(" %s: %.2f s in shards (%,d taken), %.2f s waiting at the barrier;",
                        i == 0 ? "caller" : "worker " + i, busySeconds[i], shardsTaken[i], waitSeconds[i]));
            }
            double min = Double.MAX_VALUE;
            double max = 0;
            double sum = 0;
            for (double s : shardSeconds) {
                min = Math.min(min, s);
                max = Math.max(max, s);
                sum += s;
            }
            long fewest = Long.MAX_VALUE;
            long most = 0;
            for (long e : shardEvents) {
                fewest = Math.min(fewest, e);
                most = Math.max(most, e);
            }
            return b.append(String.format(" shards %.2f s in all, %.2f to %.2f s each, %,d to %,d events each", sum, min,
                    max, fewest, most)).toString();
        }
    }

    public Balance balance() {
        double[] wait = new double[waitNanos.length];
        double[] busy = new double[busyNanos.length];
        for (int i = 0; i < wait.length; i++) {
            wait[i] = waitNanos[i] / 1e9;
            busy[i] = busyNanos[i] / 1e9;
        }
        double[] shard = new double[shardNanos.length];
        for (int i = 0; i < shard.length; i++) {
            shard[i] = shardNanos[i] / 1e9;
        }
        long[] events = new long[shards.length];
        for (int i = 0; i < events.length; i++) {
            events[i] = shards[i].executedEvents();
        }
        return new Balance(windows, wait, busy, taken.clone(), shard, events);
    }

    private void work(int worker) {
        long window = 0;
        while (true) {
            long w = window;
            await(worker + 1, () -> started != w || closed);
            if (closed) {
                return;
            }
            window = started;
            runShards(worker + 1);
            finished.set(worker, window);
        }
    }

    /** Runs every shard to {@code until} (inclusive); returns when all are there. */
    private void window(long until) {
        windowEnd = until;
        nextShard.set(0);
        long window = started + 1;
        started = window;
        runShards(0);
        for (int i = 0; i < workers.length; i++) {
            int worker = i;
            await(0, () -> finished.get(worker) == window);
        }
        windows++;
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
        sortByLastEvents();
    }

    /** Orders the shards by the events they ran in the window just ended, most first (a stable insertion sort). */
    private void sortByLastEvents() {
        for (int i = 1; i < order.length; i++) {
            int s = order[i];
            long e = lastEvents[s];
            int j = i - 1;
            while (j >= 0 && lastEvents[order[j]] < e) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = s;
        }
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
