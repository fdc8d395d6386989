package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import com.carrotsearch.hppc.IntObjectHashMap;
import com.carrotsearch.hppc.cursors.ObjectCursor;
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
    /** By tid, unboxed (the boxed map's look-ups were a hot spot); never iterated where order matters. */
    private final IntObjectHashMap<Pending> pending = new IntObjectHashMap<>();
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

    /** Sends a datagram already encoded (a pong with its cached leaf set). */
    void sendEncoded(NodeAddress to, byte[] datagram) {
        counters[PastryCounter.SENT.ordinal()]++;
        transport.sendOwned(to, datagram);
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
        int slot = pending.indexOf(m.tid());
        Pending p = slot >= 0 ? pending.indexGet(slot) : null;
        if (p == null || !p.to().equals(from)) {
            counters[PastryCounter.UNMATCHED_REPLIES.ordinal()]++;
            return false;
        }
        pending.indexRemove(slot);
        p.timer().cancel();
        p.onReply().accept(new Reply(m, scheduler.nowMillis() - p.sentAt()));
        return true;
    }

    void clear() {
        for (ObjectCursor<Pending> p : pending.values()) {
            p.value.timer().cancel(); // the order does not matter: every timer is cancelled
        }
        pending.clear();
    }
}
