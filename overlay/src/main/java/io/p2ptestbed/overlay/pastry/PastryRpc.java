package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.function.Consumer;

/**
 * Requests waiting for their replies, by transaction id, each with a timeout on the node's scheduler. A
 * reply must come from the address the request went to; anything else is unmatched (counted, ignored).
 *
 * <p>The timeout adapts to the round-trip times this node sees, as TCP's retransmission timer does (RFC 6298:
 * smoothed RTT plus four times its mean deviation), but never below the configured {@code queryTimeoutMillis}
 * nor above {@link #maxTimeoutMillis}. A reply that comes after its request timed out (a late reply: the request's
 * tid, from the address it went to) is a sample too, as in spurious-timeout detection (RFC 3522, RFC 5682): on a
 * loaded host the replies are queued behind other work, and a fixed timeout shorter than that queue took live
 * nodes for dead, whose repair traffic lengthened the queue further. Samples are scheduler time, so the same seed
 * gives the same timeouts in simulation; where every round trip stays well under the configured timeout (the
 * simulator's latencies), the timeout is the configured one.
 */
final class PastryRpc {

    private record Pending(int tid, NodeAddress to, long sentAt, Consumer<Reply> onReply, Runnable onTimeout, Cancellable timer) {}

    /** A request that timed out, kept so that its late reply still measures the round trip. */
    private record Expired(int tid, NodeAddress to, long sentAt) {}

    /** Requests that timed out recently, at slot {@code tid & (length - 1)} (a later one takes the slot). */
    private static final int EXPIRED_SLOTS = 256;

    /** A matched reply and the round-trip time it took. */
    record Reply(PastryMessage message, long rttMillis) {}

    private final Transport transport;
    private final Scheduler scheduler;
    /** The configured timeout: the adaptive one's floor. */
    private final long timeoutMillis;
    /** The adaptive timeout's ceiling. */
    private final long maxTimeoutMillis;
    /** RFC 6298's smoothed RTT and RTT variation, in ms (srtt -1: no sample yet). */
    private double srtt = -1;
    private double rttvar;
    /** The timeout a request sent now gets. */
    private long currentTimeout;
    private final Expired[] expired = new Expired[EXPIRED_SLOTS];
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
        this(transport, scheduler, timeoutMillis, timeoutMillis, counters, firstTid);
    }

    /** {@code maxTimeoutMillis}: how far the adaptive timeout may grow (at least {@code timeoutMillis}). */
    PastryRpc(Transport transport, Scheduler scheduler, long timeoutMillis, long maxTimeoutMillis, long[] counters,
              int firstTid) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
        this.maxTimeoutMillis = Math.max(timeoutMillis, maxTimeoutMillis);
        this.currentTimeout = timeoutMillis;
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
        Cancellable timer = scheduler.schedule(currentTimeout, () -> {
            Pending p = waitingFor(tid);
            if (p != null) {
                remove(p);
                counters[PastryCounter.TIMEOUTS.ordinal()]++;
                expired[tid & (EXPIRED_SLOTS - 1)] = new Expired(tid, p.to(), p.sentAt());
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
        // the same object first: an address taken from a datagram's sender is the one its reply comes from
        if (p == null || (p.to() != from && !p.to().equals(from))) {
            counters[PastryCounter.UNMATCHED_REPLIES.ordinal()]++;
            lateReply(from, m.tid());
            return false;
        }
        remove(p);
        p.timer().cancel();
        long rtt = scheduler.nowMillis() - p.sentAt();
        sample(rtt);
        p.onReply().accept(new Reply(m, rtt));
        return true;
    }

    /** A reply to a request that already timed out: its round trip is a sample (once). */
    private void lateReply(NodeAddress from, int tid) {
        int slot = tid & (EXPIRED_SLOTS - 1);
        Expired e = expired[slot];
        if (e != null && e.tid() == tid && e.to().equals(from)) {
            expired[slot] = null;
            counters[PastryCounter.LATE_REPLIES.ordinal()]++;
            sample(scheduler.nowMillis() - e.sentAt());
        }
    }

    /** RFC 6298, section 2: alpha 1/8, beta 1/4, timeout = SRTT + 4 RTTVAR, within [configured, ceiling]. */
    private void sample(long rttMillis) {
        double r = Math.max(0, rttMillis);
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
            srtt = 0.875 * srtt + 0.125 * r;
        }
        currentTimeout = Math.min(maxTimeoutMillis, Math.max(timeoutMillis, (long) Math.ceil(srtt + 4 * rttvar)));
    }

    /** The timeout a request sent now waits (ms). */
    long timeoutMillis() {
        return currentTimeout;
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
        java.util.Arrays.fill(expired, null);
        waiting = 0;
    }
}
