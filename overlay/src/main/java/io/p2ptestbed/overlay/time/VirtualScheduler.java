package io.p2ptestbed.overlay.time;

import java.util.PriorityQueue;

/**
 * Deterministic discrete-event loop with virtual time. Events at the same instant run in the order
 * they were scheduled, so a run is a pure function of its seed. Single-threaded by design.
 */
public final class VirtualScheduler implements Scheduler {

    private static final class Event implements Comparable<Event>, Cancellable {
        final long time;
        final long seq;
        Runnable task;

        Event(long time, long seq, Runnable task) {
            this.time = time;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            task = null;
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>(1 << 16);
    private long now;
    private long seq;
    private long executed;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Event e = new Event(now + Math.max(0, delayMillis), seq++, task);
        queue.add(e);
        return e;
    }

    @Override
    public void execute(Runnable task) {
        schedule(0, task);
    }

    /** Runs events until virtual time reaches {@code deadline} (events at exactly the deadline run). */
    public void runUntil(long deadline) {
        while (!queue.isEmpty() && queue.peek().time <= deadline) {
            step();
        }
        now = Math.max(now, deadline);
    }

    public void advance(long millis) {
        runUntil(now + millis);
    }

    /** Runs until {@code done} holds or no event is left before {@code deadline}; returns whether done. */
    public boolean runUntil(java.util.function.BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().time > deadline) {
                return done.getAsBoolean();
            }
            step();
        }
        return true;
    }

    private void step() {
        Event e = queue.poll();
        now = e.time;
        Runnable t = e.task;
        if (t != null) {
            executed++;
            t.run();
        }
    }

    public int pendingEvents() {
        return queue.size();
    }

    public long executedEvents() {
        return executed;
    }
}
