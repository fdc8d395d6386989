package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionFault;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamCounters;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory streams on a {@link SimNetwork}'s virtual time, under the same model as its datagrams: every
 * segment (connect, frame, close, reset) is delayed by the latency model and judged by the loss rate and the
 * installed link filters (partitions, delay). Unlike a datagram, a frame is never lost: a dropped segment is
 * retransmitted after a timeout that doubles (200 ms at least, twice the sampled latency, at most 3 s) and the
 * frames behind it wait (head-of-line blocking, as in TCP). When nothing gets through for the stall timeout
 * (a lasting partition) the sending end closes the connection as {@link CloseReason#TIMEOUT}; the other end
 * sees nothing (a half-open connection) until its idle timeout, if any. Closing a transport (a killed node)
 * resets all its connections: the peers see {@link CloseReason#RESET} one latency later, unless the reset is
 * dropped too. A connect that nothing answers within the connect timeout fails; one to an address nobody
 * listens on, or with no free inbound slot, is refused.
 *
 * <p><b>Shards.</b> On a sharded {@link SimNetwork} each end belongs to its node's shard and runs on that shard's
 * scheduler, drawing loss and latency from that shard's generator. Whatever one end does to the other (a connect
 * reaching the listener, its answer, a frame, a close, a reset) crosses shards only through
 * {@link SimNetwork#post}: the outbox from one shard to the other, taken in at the next window in a fixed order, and
 * never sooner than the window (the minimum latency). A connection's one-tick steps that cross shards (a reset for
 * an accepted connection whose connecting end closed meanwhile) take that window instead of no time, and a sender
 * sees its peer's receive queue (filled only by the stall and slow-reader faults) as the peer last announced it,
 * one window old, as TCP's window advertisements. Connection ids are drawn per shard (id × shards + shard), so a
 * run is a pure function of the seed and the number of shards, whatever the number of threads. On one shard
 * everything happens exactly as it did before shards (the same events in the same order, the same draws).
 */
public final class SimStreams {

    private static final long MIN_RTO = 200;
    private static final long MAX_RTO = 3_000;
    /** The close marker in a direction's pipeline (a real frame is never empty). */
    private static final byte[] FIN = new byte[0];

    /** Spacing of the per-shard id counters in {@link #nextIds}: one cache line each. */
    private static final int PAD = 8;

    private final SimNetwork network;
    /** Written only between windows (nodes are opened by the harness), read by every shard. */
    private final Map<NodeAddress, End> ends = new HashMap<>();
    /** Per shard, at {@code shard * PAD}: the next connection number it hands out. */
    private final long[] nextIds;

    public SimStreams(SimNetwork network) {
        this.network = network;
        this.nextIds = new long[network.shards() * PAD];
    }

    /** Opens the stream transport of the node at {@code address} (on shard 0). */
    public StreamTransport open(NodeAddress address, StreamLimits limits) {
        return open(address, 0, limits);
    }

    /**
     * Opens the stream transport of the node at {@code address} on shard {@code shard} (its node's shard: its events
     * run on that shard's scheduler). Call between windows.
     */
    public StreamTransport open(NodeAddress address, int shard, StreamLimits limits) {
        if (shard < 0 || shard >= network.shards()) {
            throw new IllegalArgumentException("shard " + shard + " out of range [0, " + network.shards() + ")");
        }
        End old = ends.get(address);
        if (old != null && old.open) {
            throw new IllegalStateException("stream address already in use: " + address);
        }
        End e = new End(address, shard, limits);
        ends.put(address, e);
        return e;
    }

    /** A new connection id, drawn on shard {@code shard}: unique over all shards, and the same on one shard as before. */
    private long newId(int shard) {
        return nextIds[shard * PAD]++ * network.shards() + shard;
    }

    /** Connections open at all ends (both ends of a connection count). */
    public int openConnections() {
        int n = 0;
        for (End e : ends.values()) {
            n += e.conns.size();
        }
        return n;
    }

    private long rto(int shard, NodeAddress a, NodeAddress b, long previous) {
        return previous == 0 ? Math.min(MAX_RTO, Math.max(MIN_RTO, 2 * network.sampleLatency(shard, a, b)))
                : Math.min(MAX_RTO, previous * 2);
    }

    final class End implements StreamTransport {
        final NodeAddress address;
        final int shard;
        final VirtualScheduler scheduler;
        final StreamLimits limits;
        final StreamCounters counters = new StreamCounters();
        /**
         * The per-frame counters, as plain fields: an end is only ever run by its shard's thread, and a locked
         * increment per frame (four per message) fenced the relay's memory accesses; {@link #counters()} copies them
         * into {@link #counters} (read between windows, or on the single loop).
         */
        long framesSent;
        long bytesSent;
        long framesReceived;
        long bytesReceived;
        final Map<Long, Conn> conns = new LinkedHashMap<>();
        ConnectionHandler acceptor;
        boolean open = true;
        int inbound;
        int outbound;

        End(NodeAddress address, int shard, StreamLimits limits) {
            this.address = address;
            this.shard = shard;
            this.scheduler = network.scheduler(shard);
            this.limits = limits;
        }

        @Override
        public NodeAddress localAddress() {
            return address;
        }

        @Override
        public void listen(ConnectionHandler acceptor) {
            this.acceptor = acceptor;
        }

        @Override
        public void connect(NodeAddress to, ConnectionHandler handler) {
            if (!open) {
                throw new IllegalStateException("stream transport of " + address + " is closed");
            }
            if (outbound >= limits.maxOutbound()) {
                counters.connectFailures.incrementAndGet();
                scheduler.schedule(0, () -> handler.failed(to, CloseReason.NO_SLOT));
                return;
            }
            outbound++;
            syn(to, handler, scheduler.nowMillis(), 0);
        }

        private void syn(NodeAddress to, ConnectionHandler handler, long since, long lastRto) {
            if (!open) {
                return;
            }
            LinkEffect fx = network.segmentEffect(shard, address, to);
            if (fx.drop()) {
                long rto = rto(shard, address, to, lastRto);
                if (scheduler.nowMillis() + rto - since > limits.connectTimeoutMillis()) {
                    scheduler.schedule(limits.connectTimeoutMillis() - (scheduler.nowMillis() - since), () -> fail(to, handler,
                            CloseReason.TIMEOUT));
                } else {
                    counters.retransmissions.incrementAndGet();
                    scheduler.schedule(rto, () -> syn(to, handler, since, rto));
                }
                return;
            }
            long lat = network.sampleLatency(shard, address, to) + fx.extraDelayMillis();
            End server = ends.get(to);
            int at = server != null ? server.shard : shard;
            network.post(shard, at, lat, () -> arriveSyn(to, handler, at));
        }

        private void fail(NodeAddress to, ConnectionHandler handler, CloseReason reason) {
            if (!open) {
                return;
            }
            outbound--;
            counters.connectFailures.incrementAndGet();
            handler.failed(to, reason);
        }

        /** The connect reaches {@code to}; runs on shard {@code at} (the listener's when it was sent). */
        private void arriveSyn(NodeAddress to, ConnectionHandler handler, int at) {
            End server = ends.get(to);
            if (server != null && server.shard != at) {
                server = null; // re-opened on another shard since: nobody listens on this one
            }
            long back = network.sampleLatency(at, to, address);
            if (server == null || !server.open || server.acceptor == null || server.inbound >= server.limits.maxInbound()) {
                if (server != null && server.open && server.acceptor != null) {
                    server.counters.refusedSlots.incrementAndGet();
                }
                network.post(at, shard, back, () -> fail(to, handler, CloseReason.REFUSED));
                return;
            }
            Conn c = new Conn(newId(at), this, to, false, handler);
            Conn s = new Conn(newId(at), server, address, true, server.acceptor);
            c.peer = s;
            s.peer = c;
            server.inbound++;
            s.open = true;
            server.conns.put(s.id, s);
            server.counters.accepted.incrementAndGet();
            s.startIdleWatch();
            s.lastArrival = server.scheduler.nowMillis() + back;
            End srv = server;
            network.post(at, shard, back, () -> {
                if (!open) {
                    if (at == shard) {
                        s.arriveReset();
                    } else {
                        network.post(shard, at, 0, s::arriveReset);
                    }
                    return;
                }
                if (c.peerGone) {
                    fail(to, handler, CloseReason.RESET);
                    return;
                }
                c.open = true;
                conns.put(c.id, c);
                counters.opened.incrementAndGet();
                c.startIdleWatch();
                c.safely(() -> handler.opened(c));
            });
            s.safely(() -> srv.acceptor.opened(s));
        }

        void removed(Conn c) {
            if (conns.remove(c.id) != null) {
                if (c.inbound) {
                    inbound--;
                } else {
                    outbound--;
                }
            }
        }

        @Override
        public List<Connection> connections() {
            return List.copyOf(conns.values());
        }

        @Override
        public StreamLimits limits() {
            return limits;
        }

        @Override
        public StreamCounters counters() {
            counters.framesSent.set(framesSent);
            counters.bytesSent.set(bytesSent);
            counters.framesReceived.set(framesReceived);
            counters.bytesReceived.set(bytesReceived);
            return counters;
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            for (Conn c : new ArrayList<>(conns.values())) {
                c.abort(CloseReason.LOCAL, true);
            }
            open = false;
            acceptor = null;
        }
    }

    final class Conn implements Connection {
        final long id;
        final End owner;
        final NodeAddress remote;
        final boolean inbound;
        final ConnectionHandler handler;
        Conn peer;
        boolean open;
        /** The remote end reset or timed out before this end was notified of opening. */
        boolean peerGone;
        Object attachment;
        // the direction from this end to the peer
        long lastArrival;
        final ArrayDeque<byte[]> blocked = new ArrayDeque<>();
        long blockedBytes;
        long blockedSince;
        boolean finSent;
        // this end's reading side
        final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
        long inboxBytes;
        /** The peer's {@link #inboxBytes} as it last announced it, when the peer is on another shard. */
        long peerInboxSeen;
        long stalledUntil;
        long slowBytesPerSecond;
        long readerFreeAt;
        boolean drainScheduled;
        long lastHeard;

        Conn(long id, End owner, NodeAddress remote, boolean inbound, ConnectionHandler handler) {
            this.id = id;
            this.owner = owner;
            this.remote = remote;
            this.inbound = inbound;
            this.handler = handler;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public NodeAddress remote() {
            return remote;
        }

        @Override
        public boolean inbound() {
            return inbound;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public Object attachment() {
            return attachment;
        }

        @Override
        public void attach(Object attachment) {
            this.attachment = attachment;
        }

        @Override
        public boolean send(byte[] frame) {
            owner.limits.checkFrame(frame);
            if (!open) {
                return false;
            }
            long peerInbox = peer.owner.shard == owner.shard ? peer.inboxBytes : peerInboxSeen;
            if (blockedBytes + peerInbox + frame.length > owner.limits.maxQueuedBytes()) {
                abort(CloseReason.OVERLOADED, true);
                return false;
            }
            owner.framesSent++;
            owner.bytesSent += frame.length;
            push(frame);
            return true;
        }

        private void push(byte[] frame) {
            if (!blocked.isEmpty()) {
                blocked.addLast(frame);
                blockedBytes += frame.length;
                return;
            }
            LinkEffect fx = network.segmentEffect(owner.shard, owner.address, remote);
            if (fx.drop()) {
                blocked.addLast(frame);
                blockedBytes += frame.length;
                blockedSince = owner.scheduler.nowMillis();
                retransmitLater(0);
                return;
            }
            transmit(frame, fx.extraDelayMillis());
        }

        private void transmit(byte[] frame, long extraDelay) {
            long now = owner.scheduler.nowMillis();
            long at = Math.max(now + network.sampleLatency(owner.shard, owner.address, remote) + extraDelay, lastArrival);
            Conn to = peer;
            lastArrival = network.post(owner.shard, to.owner.shard, at - now, () -> to.arrive(frame));
        }

        private void retransmitLater(long lastRto) {
            long rto = rto(owner.shard, owner.address, remote, lastRto);
            owner.counters.retransmissions.incrementAndGet();
            owner.scheduler.schedule(rto, () -> retransmit(rto));
        }

        private void retransmit(long lastRto) {
            if (blocked.isEmpty() || (!open && !finSent) || !owner.open) {
                return;
            }
            LinkEffect fx = network.segmentEffect(owner.shard, owner.address, remote);
            if (fx.drop()) {
                if (owner.scheduler.nowMillis() - blockedSince >= owner.limits.stallTimeoutMillis()) {
                    blocked.clear();
                    blockedBytes = 0;
                    if (open) {
                        abort(CloseReason.TIMEOUT, false);
                    }
                    return;
                }
                retransmitLater(lastRto);
                return;
            }
            while (!blocked.isEmpty()) {
                byte[] f = blocked.pollFirst();
                blockedBytes -= f.length;
                transmit(f, fx.extraDelayMillis());
            }
        }

        /** A segment reached this end (in order). */
        void arrive(byte[] frame) {
            if (!open) {
                return;
            }
            lastHeard = owner.scheduler.nowMillis();
            if (frame == FIN) {
                finish(CloseReason.REMOTE);
                return;
            }
            if (inbox.isEmpty() && stalledUntil <= lastHeard && slowBytesPerSecond == 0) {
                read(frame);
                return;
            }
            inbox.addLast(frame);
            inboxBytes += frame.length;
            announceInbox();
            drain();
        }

        /**
         * Tells a peer on another shard how full this end's receive queue is now (it arrives one window later); a
         * peer on this shard reads the queue itself.
         */
        private void announceInbox() {
            Conn p = peer;
            if (p.owner.shard != owner.shard) {
                long bytes = inboxBytes;
                network.post(owner.shard, p.owner.shard, 0, () -> p.peerInboxSeen = bytes);
            }
        }

        private void drain() {
            while (open && !inbox.isEmpty()) {
                long now = owner.scheduler.nowMillis();
                long ready = Math.max(stalledUntil, readerFreeAt);
                if (ready > now) {
                    if (!drainScheduled) {
                        drainScheduled = true;
                        owner.scheduler.schedule(ready - now, () -> {
                            drainScheduled = false;
                            drain();
                        });
                    }
                    return;
                }
                byte[] f = inbox.pollFirst();
                inboxBytes -= f.length;
                announceInbox();
                read(f);
            }
        }

        private void read(byte[] frame) {
            if (slowBytesPerSecond > 0) {
                long now = owner.scheduler.nowMillis();
                readerFreeAt = Math.max(now, readerFreeAt) + Math.max(1, frame.length * 1000L / slowBytesPerSecond);
            }
            owner.framesReceived++;
            owner.bytesReceived += frame.length;
            try {
                handler.frame(this, frame);
            } catch (RuntimeException e) {
                owner.counters.handlerErrors.incrementAndGet();
            }
        }

        void safely(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                owner.counters.handlerErrors.incrementAndGet();
            }
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            finSent = true;
            push(FIN);
            finish(CloseReason.LOCAL);
        }

        @Override
        public void reset() {
            abort(CloseReason.LOCAL, true);
        }

        @Override
        public void inject(ConnectionFault fault) {
            if (!open) {
                return;
            }
            if (fault instanceof ConnectionFault.Reset) {
                abort(CloseReason.RESET, true);
            } else if (fault instanceof ConnectionFault.Stall st) {
                stalledUntil = Math.max(stalledUntil, owner.scheduler.nowMillis() + st.millis());
            } else if (fault instanceof ConnectionFault.SlowReader sr) {
                slowBytesPerSecond = sr.bytesPerSecond();
            }
        }

        /** Ends this end now and, if {@code sendReset}, sends a reset to the peer (which the network may drop). */
        void abort(CloseReason reason, boolean sendReset) {
            if (!open) {
                return;
            }
            blocked.clear();
            blockedBytes = 0;
            if (sendReset) {
                LinkEffect fx = network.segmentEffect(owner.shard, owner.address, remote);
                if (!fx.drop()) {
                    Conn to = peer;
                    network.post(owner.shard, to.owner.shard,
                            network.sampleLatency(owner.shard, owner.address, remote) + fx.extraDelayMillis(), to::arriveReset);
                }
            }
            finish(reason);
        }

        void arriveReset() {
            if (open) {
                finish(CloseReason.RESET);
            } else {
                peerGone = true;
            }
        }

        private void finish(CloseReason reason) {
            open = false;
            inbox.clear();
            if (inboxBytes != 0) {
                inboxBytes = 0;
                announceInbox();
            }
            owner.removed(this);
            owner.counters.closedBy(reason);
            safely(() -> handler.closed(this, reason));
        }

        void startIdleWatch() {
            lastHeard = owner.scheduler.nowMillis();
            long idle = owner.limits.idleTimeoutMillis();
            if (idle > 0) {
                owner.scheduler.schedule(idle, this::checkIdle);
            }
        }

        private void checkIdle() {
            if (!open) {
                return;
            }
            long idle = owner.limits.idleTimeoutMillis();
            long silent = owner.scheduler.nowMillis() - lastHeard;
            if (silent >= idle) {
                abort(CloseReason.HALF_OPEN, true);
            } else {
                owner.scheduler.schedule(idle - silent, this::checkIdle);
            }
        }

        @Override
        public String toString() {
            return (inbound ? "in " : "out ") + owner.address + (inbound ? " <- " : " -> ") + remote + " #" + id;
        }
    }
}
