package io.p2ptestbed.overlay.time;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Deterministic discrete-event loop with virtual time. Events at the same instant run in the order
 * they were scheduled, so a run is a pure function of its seed. Single-threaded by design.
 *
 * <p>Time is whole milliseconds. Events due within the next {@value #WHEEL} ms sit in a timing wheel:
 * one FIFO (an intrusive linked list) per millisecond slot, so scheduling and running an event are O(1).
 * Later events (maintenance timers) wait in a binary heap ordered by (instant, scheduling order) and move
 * into the wheel, in that order, as soon as time comes within reach of their slot, before anything else
 * can be scheduled for that instant; so same-instant events still run in the order they were scheduled.
 * The heap is three parallel arrays (about 20 bytes per waiting event), because every node keeps one
 * maintenance timer there: a map of queues per instant cost about 190 bytes per node.
 */
public final class VirtualScheduler implements Scheduler {

    /** 65.5 s: Bitcoin's trickle timers (Poisson, mean 5 s) and 60 s getdata timers stay out of the heap (session 12). */
    private static final int WHEEL = 1 << 16;
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
    /** Far events: a min-heap on (farAt, farSeq), {@code farSize} of them. */
    private long[] farAt = new long[16];
    private long[] farSeq = new long[16];
    private Event[] far = new Event[16];
    private int farSize;
    private long farScheduled;
    /** The first instant of the far heap, or {@link Long#MAX_VALUE} when it is empty (checked on every step). */
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
            farPush(at, e);
            farFirst = farAt[0];
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
            long at = farFirst;
            append(at, farPop());
            farFirst = farSize == 0 ? Long.MAX_VALUE : farAt[0];
        }
    }

    private void farPush(long at, Event e) {
        if (farSize == far.length) {
            int n = far.length * 2;
            farAt = Arrays.copyOf(farAt, n);
            farSeq = Arrays.copyOf(farSeq, n);
            far = Arrays.copyOf(far, n);
        }
        long seq = farScheduled++;
        int i = farSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!farBefore(at, seq, parent)) {
                break;
            }
            farSet(i, farAt[parent], farSeq[parent], far[parent]);
            i = parent;
        }
        farSet(i, at, seq, e);
    }

    /** Removes and returns the earliest far event (the first scheduled of the earliest instant). */
    private Event farPop() {
        Event top = far[0];
        int n = --farSize;
        long at = farAt[n];
        long seq = farSeq[n];
        Event e = far[n];
        far[n] = null;
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && farBefore(farAt[c + 1], farSeq[c + 1], c)) {
                c++;
            }
            if (!farBefore(farAt[c], farSeq[c], at, seq)) {
                break;
            }
            farSet(i, farAt[c], farSeq[c], far[c]);
            i = c;
        }
        if (n > 0) {
            farSet(i, at, seq, e);
        }
        return top;
    }

    private boolean farBefore(long at, long seq, int j) {
        return farBefore(at, seq, farAt[j], farSeq[j]);
    }

    private static boolean farBefore(long at, long seq, long at2, long seq2) {
        return at < at2 || (at == at2 && seq < seq2);
    }

    private void farSet(int i, long at, long seq, Event e) {
        farAt[i] = at;
        farSeq[i] = seq;
        far[i] = e;
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
