package io.p2ptestbed.overlay.time;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Deterministic discrete-event loop with virtual time. Events at the same instant run in the order
 * they were scheduled, so a run is a pure function of its seed. Single-threaded by design.
 *
 * <p>Time is whole milliseconds. Events due within the next {@value #WHEEL} ms sit in a timing wheel:
 * one FIFO (an intrusive linked list) per millisecond slot, so scheduling and running an event are O(1).
 * Later events (maintenance timers) wait in a sorted map and move into the wheel, in scheduling order,
 * as soon as time comes within reach of their slot, before anything else can be scheduled for that
 * instant; so same-instant events still run in the order they were scheduled.
 */
public final class VirtualScheduler implements Scheduler {

    private static final int WHEEL = 1 << 12;
    private static final int MASK = WHEEL - 1;

    private static final class Event implements Cancellable {
        Runnable task;
        Event next;

        Event(Runnable task) {
            this.task = task;
        }

        @Override
        public void cancel() {
            task = null;
        }
    }

    // Padding around the fields written on every event: in a sharded simulation several schedulers run on
    // different threads, and two of them sharing a cache line would move it between cores on each event.
    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6, p7;
    /** Slot {@code t & MASK} holds the events due at t, for now <= t < now + WHEEL. */
    private final Event[] head = new Event[WHEEL];
    private final Event[] tail = new Event[WHEEL];
    private long inWheel;
    /** Every wheel slot for an instant in [now, scan) is empty. */
    private long scan;
    private final TreeMap<Long, ArrayDeque<Event>> far = new TreeMap<>();
    /** The first key of {@link #far}, or {@link Long#MAX_VALUE} when it is empty (checked on every step). */
    private long farFirst = Long.MAX_VALUE;
    private long now;
    private long executed;
    private long pending;
    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        long at = now + Math.max(0, delayMillis);
        Event e = new Event(task);
        if (at - now < WHEEL) {
            append(at, e);
        } else {
            far.computeIfAbsent(at, t -> new ArrayDeque<>()).addLast(e);
            farFirst = Math.min(farFirst, at);
        }
        pending++;
        return e;
    }

    private void append(long at, Event e) {
        int slot = (int) (at & MASK);
        Event last = tail[slot];
        if (last == null) {
            head[slot] = e;
        } else {
            last.next = e;
        }
        tail[slot] = e;
        inWheel++;
        if (at < scan) {
            scan = at;
        }
    }

    /** Schedules {@code task} at the absolute instant {@code at} (not before now). */
    public Cancellable scheduleAt(long at, Runnable task) {
        if (at < now) {
            throw new IllegalArgumentException("instant " + at + " is in the past (now " + now + ")");
        }
        return schedule(at - now, task);
    }

    /** The instant of the next pending event, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextEventTime() {
        return pending == 0 ? Long.MAX_VALUE : nextTime();
    }

    @Override
    public void execute(Runnable task) {
        schedule(0, task);
    }

    /** The instant of the next event; only when {@code pending > 0}. */
    private long nextTime() {
        if (inWheel == 0) {
            return farFirst;
        }
        long t = Math.max(scan, now);
        while (head[(int) (t & MASK)] == null) {
            t++;
        }
        scan = t;
        return t;
    }

    /** Moves time forward to {@code t} and pulls far events that came within the wheel's reach. */
    private void advanceTo(long t) {
        if (t <= now) {
            return;
        }
        now = t;
        while (farFirst - now < WHEEL) {
            Map.Entry<Long, ArrayDeque<Event>> first = far.pollFirstEntry();
            long at = first.getKey();
            for (Event e : first.getValue()) {
                append(at, e);
            }
            farFirst = far.isEmpty() ? Long.MAX_VALUE : far.firstKey();
        }
    }

    /** Runs events until virtual time reaches {@code deadline} (events at exactly the deadline run). */
    public void runUntil(long deadline) {
        while (pending > 0 && nextTime() <= deadline) {
            step();
        }
        advanceTo(Math.max(now, deadline));
    }

    public void advance(long millis) {
        runUntil(now + millis);
    }

    /** Runs until {@code done} holds or no event is left before {@code deadline}; returns whether done. */
    public boolean runUntil(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            if (pending == 0 || nextTime() > deadline) {
                return done.getAsBoolean();
            }
            step();
        }
        return true;
    }

    private void step() {
        advanceTo(nextTime());
        int slot = (int) (now & MASK);
        Event e = head[slot];
        Event next = e.next;
        head[slot] = next;
        if (next == null) {
            tail[slot] = null;
        }
        e.next = null;
        inWheel--;
        pending--;
        Runnable t = e.task;
        if (t != null) {
            executed++;
            t.run();
        }
    }

    public int pendingEvents() {
        return (int) Math.min(Integer.MAX_VALUE, pending);
    }

    public long executedEvents() {
        return executed;
    }
}
