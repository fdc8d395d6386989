package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Requests waiting for their replies, by transaction id, each with a timeout on the node's scheduler. A
 * reply must come from the address the request went to; anything else is unmatched (counted, ignored).
 */
final class PastryRpc {

    private record Pending(NodeAddress to, long sentAt, Consumer<Reply> onReply, Runnable onTimeout, Cancellable timer) {}

    /** A matched reply and the round-trip time it took. */
    record Reply(PastryMessage message, long rttMillis) {}

    private final Transport transport;
    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final long[] counters;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private int nextTid;

    PastryRpc(Transport transport, Scheduler scheduler, long timeoutMillis, long[] counters, int firstTid) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
        this.counters = counters;
        this.nextTid = firstTid;
    }

    int newTid() {
        int t = nextTid++;
        while (pending.containsKey(t)) {
            t = nextTid++;
        }
        return t;
    }

    /** Sends a message that expects no reply. */
    void send(NodeAddress to, PastryMessage m) {
        counters[PastryCounter.SENT.ordinal()]++;
        transport.sendOwned(to, PastryCodec.encode(m));
    }

    /** Sends a request (its tid from {@link #newTid}) and calls back with the reply or on timeout. */
    void request(NodeAddress to, PastryMessage m, Consumer<Reply> onReply, Runnable onTimeout) {
        int tid = m.tid();
        Cancellable timer = scheduler.schedule(timeoutMillis, () -> {
            if (pending.remove(tid) != null) {
                counters[PastryCounter.TIMEOUTS.ordinal()]++;
                onTimeout.run();
            }
        });
        pending.put(tid, new Pending(to, scheduler.nowMillis(), onReply, onTimeout, timer));
        send(to, m);
    }

    /** Delivers a reply to its request; false when no request of that tid waits for this address. */
    boolean complete(NodeAddress from, PastryMessage m) {
        Pending p = pending.get(m.tid());
        if (p == null || !p.to().equals(from)) {
            counters[PastryCounter.UNMATCHED_REPLIES.ordinal()]++;
            return false;
        }
        pending.remove(m.tid());
        p.timer().cancel();
        p.onReply().accept(new Reply(m, scheduler.nowMillis() - p.sentAt()));
        return true;
    }

    void clear() {
        for (Pending p : pending.values()) {
            p.timer().cancel();
        }
        pending.clear();
    }
}
