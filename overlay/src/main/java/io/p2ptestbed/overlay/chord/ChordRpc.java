package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
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
            if (pendingFor(tid) != this) {
                return;
            }
            counters[ChordCounter.TIMEOUTS.ordinal()]++;
            if (retriesLeft > 0 && running) {
                retriesLeft--;
                transmit(this);
                return;
            }
            remove(this);
            callback.onFailure();
        }
    }

    private final Transport transport;
    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final long[] counters;
    /**
     * Outstanding requests: request {@code tid} sits in slot {@code tid & (length - 1)}. Transaction ids count
     * up, so the outstanding ones are a short run of numbers and rarely share a slot; when they would, the array
     * doubles. A reply finds its request with one array read, without boxing the id or walking a hash chain.
     */
    private Pending[] slots = new Pending[8];
    private int outstanding;
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
        while (pendingFor(tid) != null) {
            tid = nextTid++;
        }
        Pending p = new Pending(tid, to, ChordCodec.encode(build.apply(tid)), callback, retries);
        put(p);
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
        Pending p = pendingFor(reply.tid());
        if (p == null || !p.to.equals(from)) {
            return false;
        }
        remove(p);
        p.timer.cancel();
        p.callback.onReply(reply);
        return true;
    }

    int outstanding() {
        return outstanding;
    }

    private Pending pendingFor(int tid) {
        Pending p = slots[tid & (slots.length - 1)];
        return p != null && p.tid == tid ? p : null;
    }

    private void put(Pending p) {
        while (slots[p.tid & (slots.length - 1)] != null) {
            slots = grown(slots, slots.length * 2);
        }
        slots[p.tid & (slots.length - 1)] = p;
        outstanding++;
    }

    /** The requests of {@code old} in an array of at least {@code length} slots where no two share one. */
    private static Pending[] grown(Pending[] old, int length) {
        Pending[] s = new Pending[length];
        for (Pending p : old) {
            if (p == null) {
                continue;
            }
            int i = p.tid & (length - 1);
            if (s[i] != null) {
                return grown(old, length * 2);
            }
            s[i] = p;
        }
        return s;
    }

    private void remove(Pending p) {
        slots[p.tid & (slots.length - 1)] = null;
        outstanding--;
    }

    /** Fails nothing and forgets everything: after a crash no callback runs again. */
    void clear() {
        for (Pending p : slots) {
            if (p != null) {
                p.timer.cancel();
            }
        }
        java.util.Arrays.fill(slots, null);
        outstanding = 0;
    }
}
