package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionFault;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamCounters;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The {@link FaultRule}s of a node applied to its outgoing stream frames, next to {@link FaultyLink} for its
 * datagrams, so that the control interface's transport faults cover connection-oriented overlays too:
 * <ul>
 *   <li>delay and jitter hold each frame back, in order per connection (a frame never overtakes an earlier one,
 *       as on TCP);</li>
 *   <li>a rule that drops everything ({@code loss} 1, a partition set through the control interface, as the swarm
 *       runtime does) holds the connection's frames, as a TCP connection stalls under a partition, and sends them
 *       in order once no such rule applies any more (the heal).</li>
 * </ul>
 * Partial loss, duplication and reordering do not apply: the stream is reliable and ordered (loss of TCP
 * segments belongs to the network, iptables on the docker runtime). A rule scoped to peers applies to a
 * connection whose remote IP is a peer's: an inbound connection's remote port is the peer's ephemeral one.
 *
 * <p>Threading: every call but {@link #setRules} runs on the node's scheduler thread, as the stream contract says.
 */
final class FaultyStreams implements StreamTransport {

    private final StreamTransport inner;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final Map<Connection, Link> links = new IdentityHashMap<>();
    private volatile List<FaultRule> rules = List.of();
    private long delayed;
    private long held;

    FaultyStreams(StreamTransport inner, Scheduler scheduler, RandomGenerator rng) {
        this.inner = inner;
        this.scheduler = scheduler;
        this.rng = rng;
    }

    /** Replaces the rules (from any thread); frames held by a healed partition go out, in order, on the node's loop. */
    void setRules(List<FaultRule> newRules) {
        rules = newRules.stream().filter(r -> !r.isNoop()).toList();
        scheduler.execute(() -> new ArrayList<>(links.values()).forEach(Link::release));
    }

    /** {@code fault.streamDelayed} (frames held back by a delay) and {@code fault.streamHeld} (frames a partition held). */
    Map<String, Long> faultCounters() {
        Map<String, Long> m = new TreeMap<>();
        m.put("fault.streamDelayed", delayed);
        m.put("fault.streamHeld", held);
        return m;
    }

    private static boolean applies(FaultRule r, NodeAddress remote) {
        return r.peers().isEmpty() || r.peers().stream().anyMatch(p -> p.ip() == remote.ip());
    }

    private boolean blocked(NodeAddress remote) {
        return rules.stream().anyMatch(r -> r.loss() >= 1.0 && applies(r, remote));
    }

    private long delayFor(NodeAddress remote) {
        long d = 0;
        for (FaultRule r : rules) {
            if (applies(r, remote)) {
                d += r.delayMillis() + (r.jitterMillis() == 0 ? 0 : rng.nextLong(r.jitterMillis() + 1));
            }
        }
        return d;
    }

    private Link link(Connection c) {
        return links.computeIfAbsent(c, Link::new);
    }

    private ConnectionHandler wrap(ConnectionHandler h) {
        return new ConnectionHandler() {
            @Override
            public void opened(Connection c) {
                h.opened(link(c));
            }

            @Override
            public void frame(Connection c, byte[] frame) {
                h.frame(link(c), frame);
            }

            @Override
            public void closed(Connection c, CloseReason reason) {
                Link l = links.remove(c);
                h.closed(l != null ? l : new Link(c), reason);
            }

            @Override
            public void failed(NodeAddress to, CloseReason reason) {
                h.failed(to, reason);
            }
        };
    }

    @Override
    public NodeAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void listen(ConnectionHandler acceptor) {
        inner.listen(wrap(acceptor));
    }

    @Override
    public void connect(NodeAddress to, ConnectionHandler handler) {
        inner.connect(to, wrap(handler));
    }

    @Override
    public List<Connection> connections() {
        return inner.connections().stream().map(c -> (Connection) link(c)).toList();
    }

    @Override
    public StreamLimits limits() {
        return inner.limits();
    }

    @Override
    public StreamCounters counters() {
        return inner.counters();
    }

    @Override
    public void close() {
        inner.close();
    }

    /** One connection as the node sees it: frames go out through the rules, in order. */
    private final class Link implements Connection {
        private final Connection c;
        private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
        private long lastDue;
        private int inFlight;

        Link(Connection c) {
            this.c = c;
        }

        @Override
        public boolean send(byte[] frame) {
            inner.limits().checkFrame(frame);
            if (!c.isOpen()) {
                return false;
            }
            if (!waiting.isEmpty() || blocked(c.remote())) {
                held++;
                waiting.add(frame.clone());
                return true;
            }
            return forward(frame);
        }

        private boolean forward(byte[] frame) {
            long delay = delayFor(c.remote());
            if (delay == 0 && inFlight == 0) {
                return c.send(frame);
            }
            long now = scheduler.nowMillis();
            long due = Math.max(now + delay, lastDue);
            lastDue = due;
            inFlight++;
            delayed++;
            byte[] copy = frame.clone();
            scheduler.schedule(due - now, () -> {
                inFlight--;
                c.send(copy);
            });
            return true;
        }

        /** Sends what a partition held, once it no longer applies. */
        void release() {
            while (!waiting.isEmpty() && c.isOpen() && !blocked(c.remote())) {
                forward(waiting.poll());
            }
        }

        @Override
        public long id() {
            return c.id();
        }

        @Override
        public NodeAddress remote() {
            return c.remote();
        }

        @Override
        public boolean inbound() {
            return c.inbound();
        }

        @Override
        public boolean isOpen() {
            return c.isOpen();
        }

        @Override
        public void close() {
            waiting.clear();
            c.close();
        }

        @Override
        public void reset() {
            waiting.clear();
            c.reset();
        }

        @Override
        public void inject(ConnectionFault fault) {
            c.inject(fault);
        }

        @Override
        public Object attachment() {
            return c.attachment(); // the protocol's state lives on the connection itself
        }

        @Override
        public void attach(Object state) {
            c.attach(state);
        }

        @Override
        public String toString() {
            return c.toString();
        }
    }
}
