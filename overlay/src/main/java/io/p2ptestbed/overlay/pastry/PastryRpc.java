package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.function.Consumer;

/**
 * Requests waiting for their replies, by transaction id, each with a timeout on the node's scheduler. A
 * reply must come from the address the request went to; anything else is unmatched (counted, ignored).
 */
final class PastryRpc {

    private record Pending(int tid, NodeAddress to, long sentAt, Consumer<Reply> onReply, Runnable onTimeout, Cancellable timer) {}

    /** A matched reply and the round-trip time it took. */
    record Reply(PastryMessage message, long rttMillis) {}

    private final Transport transport;
    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final long[] counters;
    /**
     * The requests waiting, at slot {@code tid & (length - 1)}: tids are handed out in sequence, skipping those whose
     * slot is taken, so a look-up is one array read (a hash map's was a hot spot). Doubles when half full; never
     * shrinks.
     */
    private Pending[] pending = new Pending[16];
    private int waiting;
    private int nextTid;
    /**
     * Datagrams sent ({@code pastry.sent}), counted here rather than in the node's counter array: every datagram
     * touches this object anyway, and the array was one more cache miss each.
     */
    private long sent;

    PastryRpc(Transport transport, Scheduler scheduler, long timeoutMillis, long[] counters, int firstTid) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
        this.counters = counters;
        this.nextTid = firstTid;
    }

    int newTid() {
        if (2 * (waiting + 1) > pending.length) {
            grow();
        }
        int t = nextTid++;
        while (pending[t & (pending.length - 1)] != null) {
            t = nextTid++;
        }
        return t;
    }

    /** Twice the slots: tids in distinct slots stay in distinct slots. */
    private void grow() {
        Pending[] bigger = new Pending[pending.length * 2];
        for (Pending p : pending) {
            if (p != null) {
                bigger[p.tid() & (bigger.length - 1)] = p;
            }
        }
        pending = bigger;
    }

    /** The request waiting under {@code tid}, or null. */
    private Pending waitingFor(int tid) {
        Pending p = pending[tid & (pending.length - 1)];
        return p != null && p.tid() == tid ? p : null;
    }

    private void remove(Pending p) {
        pending[p.tid() & (pending.length - 1)] = null;
        waiting--;
    }

    /** Sends a message that expects no reply. */
    void send(NodeAddress to, PastryMessage m) {
        sent++;
        transport.sendOwned(to, PastryCodec.encode(m));
    }

    /** Sends a datagram already encoded (a pong with its cached leaf set). */
    void sendEncoded(NodeAddress to, byte[] datagram) {
        sent++;
        transport.sendOwned(to, datagram);
    }

    /** Sends a request (its tid from {@link #newTid}) and calls back with the reply or on timeout. */
    void request(NodeAddress to, PastryMessage m, Consumer<Reply> onReply, Runnable onTimeout) {
        await(to, m.tid(), onReply, onTimeout);
        send(to, m);
    }

    /** {@link #request} of a datagram already encoded, whose reply carries {@code tid} (from {@link #newTid}). */
    void requestEncoded(NodeAddress to, int tid, byte[] datagram, Consumer<Reply> onReply, Runnable onTimeout) {
        await(to, tid, onReply, onTimeout);
        sendEncoded(to, datagram);
    }

    private void await(NodeAddress to, int tid, Consumer<Reply> onReply, Runnable onTimeout) {
        Cancellable timer = scheduler.schedule(timeoutMillis, () -> {
            Pending p = waitingFor(tid);
            if (p != null) {
                remove(p);
                counters[PastryCounter.TIMEOUTS.ordinal()]++;
                onTimeout.run();
            }
        });
        Pending old;
        while ((old = pending[tid & (pending.length - 1)]) != null && old.tid() != tid) {
            grow(); // a tid not from newTid whose slot is taken
        }
        if (old == null) {
            waiting++;
        }
        pending[tid & (pending.length - 1)] = new Pending(tid, to, scheduler.nowMillis(), onReply, onTimeout, timer);
    }

    /** Delivers a reply to its request; false when no request of that tid waits for this address. */
    boolean complete(NodeAddress from, PastryMessage m) {
        Pending p = waitingFor(m.tid());
        if (p == null || !p.to().equals(from)) {
            counters[PastryCounter.UNMATCHED_REPLIES.ordinal()]++;
            return false;
        }
        remove(p);
        p.timer().cancel();
        p.onReply().accept(new Reply(m, scheduler.nowMillis() - p.sentAt()));
        return true;
    }

    long sent() {
        return sent;
    }

    void clear() {
        for (Pending p : pending) {
            if (p != null) {
                p.timer().cancel();
            }
        }
        java.util.Arrays.fill(pending, null);
        waiting = 0;
    }
}
