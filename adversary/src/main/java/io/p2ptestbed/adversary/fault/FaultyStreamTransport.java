package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.ForwardingStreams;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The {@link FaultPlane}'s link faults applied to a node's stream transport (real TCP on loopback), as
 * {@link FaultyTransport} applies them to its datagrams, under the model of the simulated streams: every frame and
 * every connect is judged once, at the sending end, like a TCP segment.
 * <ul>
 *   <li>A dropped segment (a partition, random loss) is retransmitted after a timeout that doubles (200 ms, at most
 *       3 s) and the frames behind it wait (head-of-line blocking): under a partition the connection stalls, and it
 *       resumes at its next retransmission after the heal. A connection that delivers nothing for the stall timeout
 *       breaks ({@link CloseReason#TIMEOUT} here; the other end sees a reset, unlike a real partition where it
 *       would see nothing).</li>
 *   <li>A connect whose segments are dropped until the connect timeout fails with {@link CloseReason#TIMEOUT}.</li>
 *   <li>A delay holds a frame back, in order (a frame never overtakes an earlier one).</li>
 *   <li>Duplication does not apply: TCP drops duplicate segments.</li>
 * </ul>
 * A connection's remote end is judged by its listening address: for an inbound connection the plane maps the
 * source IP back to the decorated node at that IP. Every call runs on the node's scheduler thread, as the stream
 * contract says; retransmissions are scheduled there too (never a sleep).
 */
public final class FaultyStreamTransport extends ForwardingStreams<FaultyStreamTransport.Link> {

    static final long MIN_RTO = 200;
    static final long MAX_RTO = 3_000;

    private final FaultPlane plane;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final AtomicLong retransmitted = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();

    FaultyStreamTransport(StreamTransport inner, FaultPlane plane, Scheduler scheduler, RandomGenerator rng) {
        super(inner);
        this.plane = plane;
        this.scheduler = scheduler;
        this.rng = rng;
    }

    /** Frames and connects sent again after a dropped segment. */
    public long retransmissions() {
        return retransmitted.get();
    }

    public long delayedFrames() {
        return delayed.get();
    }

    /** Connections broken because nothing got through for the stall timeout. */
    public long stalledConnections() {
        return stalled.get();
    }

    private LinkEffect effect(NodeAddress to) {
        synchronized (rng) {
            return plane.effect(localAddress(), plane.listeningAddress(to), rng);
        }
    }

    private static long nextRto(long previous) {
        return previous == 0 ? MIN_RTO : Math.min(MAX_RTO, previous * 2);
    }

    @Override
    protected Link newLink(Connection c) {
        return new Link(c);
    }

    @Override
    public void connect(NodeAddress to, ConnectionHandler handler) {
        syn(to, wrap(handler), scheduler.nowMillis(), 0);
    }

    /** A connect attempt: its segments judged like frames, retried until the connect timeout. */
    private void syn(NodeAddress to, ConnectionHandler handler, long since, long lastRto) {
        LinkEffect e = effect(to);
        if (!e.drop()) {
            if (e.extraDelayMillis() > 0) {
                delayed.incrementAndGet();
                scheduler.schedule(e.extraDelayMillis(), () -> inner.connect(to, handler));
            } else {
                inner.connect(to, handler);
            }
            return;
        }
        long rto = nextRto(lastRto);
        long waited = scheduler.nowMillis() - since;
        if (waited + rto > limits().connectTimeoutMillis()) {
            scheduler.schedule(Math.max(0, limits().connectTimeoutMillis() - waited), () -> handler.failed(to, CloseReason.TIMEOUT));
            return;
        }
        retransmitted.incrementAndGet();
        scheduler.schedule(rto, () -> syn(to, handler, since, rto));
    }

    @Override
    public void close() {
        plane.forget(localAddress());
        inner.close();
    }

    /** One connection as the node sees it: its frames go out through the plane, in order. */
    final class Link extends ForwardingStreams.Link {
        private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
        /** When the frame at the head of the queue was first dropped (0: it was not). */
        private long stalledSince;
        private long rto;
        private boolean scheduled;
        private long lastDue;

        Link(Connection c) {
            super(c);
        }

        @Override
        public boolean send(byte[] frame) {
            inner.limits().checkFrame(frame);
            if (!c.isOpen()) {
                return false;
            }
            waiting.add(frame.clone());
            if (!scheduled) {
                pump();
            }
            return true;
        }

        /** Sends what it can from the head of the queue; on a drop, tries again after the retransmission timeout. */
        private void pump() {
            scheduled = false;
            while (!waiting.isEmpty() && c.isOpen()) {
                LinkEffect e = effect(c.remote());
                long now = scheduler.nowMillis();
                if (e.drop()) {
                    if (stalledSince == 0) {
                        stalledSince = Math.max(1, now);
                    } else if (now - stalledSince >= limits().stallTimeoutMillis()) {
                        stalled.incrementAndGet();
                        waiting.clear();
                        c.reset();
                        return;
                    }
                    rto = nextRto(rto);
                    retransmitted.incrementAndGet();
                    scheduled = true;
                    scheduler.schedule(rto, this::pump);
                    return;
                }
                stalledSince = 0;
                rto = 0;
                byte[] frame = waiting.poll();
                Runnable out = frame == CLOSE ? c::close : () -> c.send(frame);
                long due = Math.max(now + e.extraDelayMillis(), lastDue);
                if (due <= now) {
                    out.run();
                } else {
                    lastDue = due;
                    delayed.incrementAndGet();
                    scheduler.schedule(due - now, out);
                }
            }
        }

        @Override
        public void close() {
            if (waiting.isEmpty()) {
                c.close();
                return;
            }
            // a graceful close goes out behind the frames still queued
            waiting.add(CLOSE);
            if (!scheduled) {
                pump();
            }
        }

        @Override
        public void reset() {
            waiting.clear();
            c.reset();
        }
    }

    /** The close marker in a queue (a real frame is never empty). */
    private static final byte[] CLOSE = new byte[0];
}
