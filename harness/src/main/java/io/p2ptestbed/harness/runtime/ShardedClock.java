package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>The thread that finishes a window's last shard ends the window and starts the next (or ends the run), so no
 * thread waits for a particular other one to wake. The calling thread is one of the threads and, between runs
 * ({@link #runUntil(BooleanSupplier, long)}), runs the harness (which may call into any node). Only datagrams and
 * stream segments ({@code SimStreams}) cross shards: anything that needs several nodes' state at once has no place in a
 * sharded run.
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
    /** The end of the window being run (inclusive); written before {@link #nextShard} is reset to start a window. */
    private volatile long windowEnd;
    /**
     * The next place in {@link #order} to take a shard from in this window; {@code shards.length} or more when none is
     * left. Resetting it to 0 starts a window: a thread waiting at the barrier waits for it to fall below the count.
     */
    private final AtomicInteger nextShard = new AtomicInteger(Integer.MAX_VALUE / 2);
    /** Shards finished in this window: the thread that finishes the last one ends the window and starts the next. */
    private final AtomicInteger doneShards = new AtomicInteger();
    /**
     * The run under way ({@link #runUntil(BooleanSupplier, long)}), read by whichever thread ends a window: its
     * condition, its deadline, whether the shards' next event times are current, and, for a single window, its end.
     */
    private BooleanSupplier runDone;
    private long runDeadline;
    private boolean runNoted;
    private long runOnce = -1;
    /** Runs ended so far (the thread that ends one raises it after {@link #runResult}); the caller waits for it. */
    private volatile long runsEnded;
    private boolean runResult;
    /**
     * The order the threads take shards in: by the events each ran in the last window, most first (session 17), so
     * that a window ends on small shards and the thread that finishes first waits less for the other (the longest
     * processing time first rule). Which thread runs which shard never changes what a shard computes.
     */
    private final int[] order;
    /** Per shard: the events it ran in the last window (written by the thread that ran it). */
    private final long[] lastEvents;
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
    /** Per thread: the waits that went as far as parking (measurement only). */
    private final long[] parks;
    /** Wall nanoseconds between windows: from the end of a window's last shard to the next window's start. */
    private long betweenNanos;
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
        this.waitNanos = new long[workers.length + 1];
        this.busyNanos = new long[workers.length + 1];
        this.taken = new long[workers.length + 1];
        this.shardNanos = new long[shards.length];
        this.parks = new long[workers.length + 1];
        this.spinBudget = new long[workers.length + 1];
        java.util.Arrays.fill(spinBudget, SPIN_NANOS);
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

    /** Busy spins before {@link #await} yields the core, whatever the spin budget below. */
    static final int SPINS = Integer.getInteger("testbed.sim.spins", 2_000);
    /**
     * The most wall microseconds a wait spins (session 19). 2,000 spins are about 50 µs on the project machine, less
     * than a window's usual imbalance at N = 10,000 (a shard's window is about 0.5 ms), so a thread used to park at the
     * barrier, and a park of 20 µs wakes 90 µs or more later, on both sides of the barrier. 0: the 2,000 spins only.
     */
    static final long SPIN_NANOS = Long.getLong("testbed.sim.spinMicros", 1_000) * 1_000;
    /** Yields before it parks. */
    static final int YIELDS = Integer.getInteger("testbed.sim.yields", 50);
    /**
     * Per thread (the caller first): how long its next wait may spin, adapted as a lock's spinning is: doubled (up to
     * {@link #SPIN_NANOS}) when a wait ended while spinning, halved when it had to yield. On a quiet machine the
     * other thread is on a core and the waits end within the spin; when the machine is loaded the other thread is often
     * off its core for milliseconds, the waits outlast any spin and the budget falls to the 2,000 spins.
     */
    private final long[] spinBudget;

    /**
     * Waits for {@code ready} (thread {@code thread}, 0 the caller): a spin (a window takes a few milliseconds of wall
     * time), then yielding the core, then parking briefly, so that a simulation that stands still does not keep a core
     * busy. Long spins cost more than they save when the threads share the cores with other processes:
     * a profile of a 100,000-node build on a loaded 2-core machine found two thirds of the samples
     * spinning here (200,000 spins before parking), while the other thread waited for a core; hence the adaptive
     * budget. Returns whether it parked.
     */
    private boolean spinYieldPark(int thread, BooleanSupplier ready) {
        long t0 = System.nanoTime();
        long budget = spinBudget[thread];
        for (int spins = 0; !ready.getAsBoolean(); spins++) {
            if (spins >= SPINS && (spins & 63) == 0 && System.nanoTime() - t0 >= budget) {
                spinBudget[thread] = budget / 2;
                for (int yields = 0; yields < YIELDS; yields++) {
                    Thread.yield();
                    if (ready.getAsBoolean()) {
                        return false;
                    }
                }
                while (!ready.getAsBoolean()) {
                    LockSupport.parkNanos(20_000);
                }
                return true;
            }
            Thread.onSpinWait();
        }
        spinBudget[thread] = Math.min(SPIN_NANOS, Math.max(budget * 2, 16_000));
        return false;
    }

    /**
     * Takes shards until none is left in this window; {@code thread} 0 is the caller, then the workers. The thread that
     * finishes a window's last shard ends the window and plans the next ({@link #endWindow}), then goes on taking its
     * shards: no thread has to wake another between windows (session 19; before, the caller alone ended each window,
     * so when it finished last the worker waited for it to notice, and when the worker finished last the caller did).
     */
    private void runShards(int thread) {
        long t = System.nanoTime();
        for (int k = nextShard.getAndIncrement(); k < shards.length; k = nextShard.getAndIncrement()) {
            int s = order[k];
            try {
                network.drainOutboxes(s);
                long e0 = shards[s].executedEvents();
                shards[s].runUntil(windowEnd);
                lastEvents[s] = shards[s].executedEvents() - e0;
                shardNext[s] = shards[s].nextEventTime(); // here, where the shard's state is in cache
            } catch (Throwable e) {
                failure = e;
            }
            long t1 = System.nanoTime();
            shardNanos[s] += t1 - t;
            busyNanos[thread] += t1 - t;
            taken[thread]++;
            t = t1;
            if (doneShards.incrementAndGet() == shards.length) {
                try {
                    endWindow();
                } catch (Throwable e) { // the run's condition threw, say: the caller rethrows it
                    failure = e;
                    endRun(false);
                }
                long t2 = System.nanoTime();
                betweenNanos += t2 - t1;
                t = t2;
            }
        }
    }

    /** {@link #spinYieldPark} with its wall time counted as thread {@code thread}'s wait at the barrier. */
    private void await(int thread, BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            return;
        }
        long t0 = System.nanoTime();
        if (spinYieldPark(thread, ready)) {
            parks[thread]++;
        }
        waitNanos[thread] += System.nanoTime() - t0;
    }

    /**
     * The balance of the windows so far (measurement only): windows run; per thread (the caller first) wall seconds
     * waiting at the barrier, running shards, shards taken; per shard wall seconds and events run. Call between windows.
     */
    public record Balance(long windows, double[] waitSeconds, double[] busySeconds, long[] shardsTaken,
                          double[] shardSeconds, long[] shardEvents, long[] parks, double betweenSeconds) {
        /** What happened between {@code before} and this. */
        public Balance minus(Balance before) {
            return new Balance(windows - before.windows, diff(waitSeconds, before.waitSeconds),
                    diff(busySeconds, before.busySeconds), diff(shardsTaken, before.shardsTaken),
                    diff(shardSeconds, before.shardSeconds), diff(shardEvents, before.shardEvents),
                    diff(parks, before.parks), betweenSeconds - before.betweenSeconds);
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
                b.append(String.format(" %s: %.2f s in shards (%,d taken), %.2f s waiting at the barrier (%,d parked);",
                        i == 0 ? "caller" : "worker " + i, busySeconds[i], shardsTaken[i], waitSeconds[i], parks[i]));
            }
            b.append(String.format(" between windows %.2f s;", betweenSeconds));
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
        return new Balance(windows, wait, busy, taken.clone(), shard, events, parks.clone(), betweenNanos / 1e9);
    }

    private void work(int worker) {
        while (true) {
            await(worker + 1, () -> nextShard.get() < shards.length || closed);
            if (closed) {
                return;
            }
            runShards(worker + 1);
        }
    }

    /** Starts a window ending at {@code until} (inclusive): the threads waiting at the barrier take its shards. */
    private void startWindow(long until) {
        windowEnd = until;
        doneShards.set(0);
        nextShard.set(0);
    }

    /**
     * Ends the window whose last shard the calling thread just finished (every shard is done, no other thread runs
     * one), then starts the next window of the run or ends the run. Which thread calls it never changes what it does.
     */
    private void endWindow() {
        windows++;
        if (failure != null) {
            endRun(false);
            return;
        }
        outboxMin = network.swapOutboxes();
        now = windowEnd;
        sortByLastEvents();
        runNoted = true;
        if (runOnce >= 0) {
            endRun(false);
            return;
        }
        planWindow();
    }

    /** Ends the run: {@link #runUntil(BooleanSupplier, long)}'s caller returns {@code result}. */
    private void endRun(boolean result) {
        runResult = result;
        runsEnded++; // one writer at a time: the caller before any window, or the thread that ended the last
    }

    /**
     * Plans the run's next window and starts it, or ends the run when {@code done} holds or no event is left before
     * the deadline. Called by the caller to begin a run and by the thread that ended a window; nothing else runs then.
     */
    private void planWindow() {
        if (runDone.getAsBoolean()) {
            endRun(true);
            return;
        }
        long next = outboxMin;
        if (runNoted) {
            for (long t : shardNext) {
                next = Math.min(next, t);
            }
        } else {
            // the caller may have scheduled events since the last window; after a window of this run, the times the
            // threads noted are current ({@code done} only reads)
            for (VirtualScheduler s : shards) {
                next = Math.min(next, s.nextEventTime());
            }
        }
        long until = Math.min(runDeadline, next + lookahead - 1);
        if (network.fillingMin() < until) {
            // The harness sent something between windows (it called into a node, or closed one) that is due
            // before the next window ends, but the shards would take it in only at the start of the window after
            // (too late): an empty window, ending where the last one did, takes in what the last window sent and
            // makes what the harness sent due at the start of the next one; then plan again.
            startWindow(now);
            return;
        }
        if (next > runDeadline) {
            endRun(runDone.getAsBoolean());
            return;
        }
        startWindow(until);
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
     * Runs windows until {@code done} holds (checked between windows, on whichever thread ended the last one: it must
     * only read, must not schedule events, and must be safe to call from another thread) or no event is left before
     * {@code deadline}; returns whether done.
     */
    public boolean runUntil(BooleanSupplier done, long deadline) {
        return run(done, deadline, -1);
    }

    /** Runs every event up to {@code deadline} (inclusive) and moves all clocks there. */
    public void runUntil(long deadline) {
        runUntil(() -> false, deadline);
        if (now < deadline) {
            run(() -> false, deadline, deadline);
        }
    }

    /** A run: windows planned as {@link #planWindow} says, or, when {@code once} is 0 or more, one window to it. */
    private boolean run(BooleanSupplier done, long deadline, long once) {
        runDone = done;
        runDeadline = deadline;
        runNoted = false;
        runOnce = once;
        long ended = runsEnded;
        if (once >= 0) {
            startWindow(once);
        } else {
            planWindow();
        }
        while (runsEnded == ended) {
            runShards(0);
            await(0, () -> nextShard.get() < shards.length || runsEnded != ended);
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
        return runResult;
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
