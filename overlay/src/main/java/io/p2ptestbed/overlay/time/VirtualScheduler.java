package io.p2ptestbed.overlay.time;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Deterministic discrete-event loop with virtual time. Events at the same instant run in the order
 * they were scheduled, so a run is a pure function of its seed. Single-threaded by design.
 *
 * <p>Time is whole milliseconds, so the agenda is a sorted map from instant to a FIFO of events: at
 * any moment only a few hundred distinct instants are pending (latencies and timeouts), which makes
 * scheduling and running an event cheaper than a binary heap over every pending event.
 */
public final class VirtualScheduler implements Scheduler {

    private static final class Event implements Cancellable {
        Runnable task;

        Event(Runnable task) {
            this.task = task;
        }

        @Override
        public void cancel() {
            task = null;
        }
    }

    private final TreeMap<Long, ArrayDeque<Event>> agenda = new TreeMap<>();
    private long now;
    private long executed;
    private int pending;
    private long lastTime = -1;
    private ArrayDeque<Event> lastQueue;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        long at = now + Math.max(0, delayMillis);
        ArrayDeque<Event> q = at == lastTime ? lastQueue : null;
        if (q == null) {
            q = agenda.computeIfAbsent(at, t -> new ArrayDeque<>());
            lastTime = at;
            lastQueue = q;
        }
        Event e = new Event(task);
        q.addLast(e);
        pending++;
        return e;
    }

    @Override
    public void execute(Runnable task) {
        schedule(0, task);
    }

    /** Runs events until virtual time reaches {@code deadline} (events at exactly the deadline run). */
    public void runUntil(long deadline) {
        while (pending > 0 && agenda.firstKey() <= deadline) {
            step();
        }
        now = Math.max(now, deadline);
    }

    public void advance(long millis) {
        runUntil(now + millis);
    }

    /** Runs until {@code done} holds or no event is left before {@code deadline}; returns whether done. */
    public boolean runUntil(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            if (pending == 0 || agenda.firstKey() > deadline) {
                return done.getAsBoolean();
            }
            step();
        }
        return true;
    }

    private void step() {
        Map.Entry<Long, ArrayDeque<Event>> first = agenda.firstEntry();
        ArrayDeque<Event> q = first.getValue();
        Event e = q.pollFirst();
        if (q.isEmpty()) {
            agenda.pollFirstEntry();
            if (q == lastQueue) {
                lastTime = -1;
                lastQueue = null;
            }
        }
        pending--;
        now = first.getKey();
        Runnable t = e.task;
        if (t != null) {
            executed++;
            t.run();
        }
    }

    public int pendingEvents() {
        return pending;
    }

    public long executedEvents() {
        return executed;
    }
}
