package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Outstanding requests of one node, by transaction id. A reply is taken only from the address the request
 * went to; a request that gets none is resent up to its retries, then fails. Transaction ids count up from a
 * start drawn from the node's generator, so they are hard to guess off-path yet the same for the same seed.
 */
final class ChordRpc {

    /** What waits for a reply. */
    interface Callback {
        void onReply(ChordMessage reply);

        void onFailure();
    }

    private final class Pending implements Runnable {
        final int tid;
        final NodeAddress to;
        final byte[] datagram;
        final Callback callback;
        int retriesLeft;
        Cancellable timer;

        Pending(int tid, NodeAddress to, byte[] datagram, Callback callback, int retries) {
            this.tid = tid;
            this.to = to;
            this.datagram = datagram;
            this.callback = callback;
            this.retriesLeft = retries;
        }

        /** The timeout. */
        @Override
        public void run() {
            if (pending.get(tid) != this) {
                return;
            }
            counters[ChordCounter.TIMEOUTS.ordinal()]++;
            if (retriesLeft > 0 && running) {
                retriesLeft--;
                transmit(this);
                return;
            }
            pending.remove(tid);
            callback.onFailure();
        }
    }

    private final Transport transport;
    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final long[] counters;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private int nextTid;
    boolean running;

    ChordRpc(Transport transport, Scheduler scheduler, long timeoutMillis, long[] counters, int firstTid) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
        this.counters = counters;
        this.nextTid = firstTid;
    }

    /** Sends the request built for a fresh transaction id; the callback runs once, on reply or failure. */
    void request(NodeAddress to, IntFunction<ChordMessage> build, int retries, Callback callback) {
        if (!running) {
            callback.onFailure();
            return;
        }
        int tid = nextTid++;
        while (pending.containsKey(tid)) {
            tid = nextTid++;
        }
        Pending p = new Pending(tid, to, ChordCodec.encode(build.apply(tid)), callback, retries);
        pending.put(tid, p);
        transmit(p);
    }

    /** A request with plain lambdas for reply and failure. */
    void request(NodeAddress to, IntFunction<ChordMessage> build, int retries, Consumer<ChordMessage> onReply,
                 Runnable onFailure) {
        request(to, build, retries, new Callback() {
            @Override
            public void onReply(ChordMessage reply) {
                onReply.accept(reply);
            }

            @Override
            public void onFailure() {
                onFailure.run();
            }
        });
    }

    private void transmit(Pending p) {
        counters[ChordCounter.SENT.ordinal()]++;
        transport.send(p.to, p.datagram);
        p.timer = scheduler.schedule(timeoutMillis, p);
    }

    /** Sends a one-way message or a reply. */
    void send(NodeAddress to, ChordMessage m) {
        if (running) {
            counters[ChordCounter.SENT.ordinal()]++;
            transport.sendOwned(to, ChordCodec.encode(m));
        }
    }

    /** Hands a reply to its request; returns false when none waits for it from that address. */
    boolean complete(NodeAddress from, ChordMessage reply) {
        Pending p = pending.get(reply.tid());
        if (p == null || !p.to.equals(from)) {
            return false;
        }
        pending.remove(p.tid);
        p.timer.cancel();
        p.callback.onReply(reply);
        return true;
    }

    int outstanding() {
        return pending.size();
    }

    /** Fails nothing and forgets everything: after a crash no callback runs again. */
    void clear() {
        for (Pending p : pending.values()) {
            p.timer.cancel();
        }
        pending.clear();
    }
}
