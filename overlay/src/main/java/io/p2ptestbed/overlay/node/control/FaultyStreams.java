package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ForwardingStreams;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayDeque;
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
final class FaultyStreams extends ForwardingStreams<FaultyStreams.Link> {

    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private volatile List<FaultRule> rules = List.of();
    private long delayed;
    private long held;

    FaultyStreams(StreamTransport inner, Scheduler scheduler, RandomGenerator rng) {
        super(inner);
        this.scheduler = scheduler;
        this.rng = rng;
    }

    /** Replaces the rules (from any thread); frames held by a healed partition go out, in order, on the node's loop. */
    void setRules(List<FaultRule> newRules) {
        rules = newRules.stream().filter(r -> !r.isNoop()).toList();
        scheduler.execute(() -> links().forEach(Link::release));
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

    @Override
    protected Link newLink(Connection c) {
        return new Link(c);
    }

    /** One connection as the node sees it: frames go out through the rules, in order. */
    final class Link extends ForwardingStreams.Link {
        private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
        private long lastDue;
        private int inFlight;

        Link(Connection c) {
            super(c);
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
        public void close() {
            waiting.clear();
            c.close();
        }

        @Override
        public void reset() {
            waiting.clear();
            c.reset();
        }
    }
}
