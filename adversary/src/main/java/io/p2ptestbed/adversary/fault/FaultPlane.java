package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import io.p2ptestbed.overlay.transport.sim.LinkFilter;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * Link faults for runtimes with real sockets: the set of {@link FaultyTransport}s it decorated and the
 * faults currently installed. A datagram between two decorated transports is judged once, at the
 * sender; a datagram from an undecorated sender is judged at the receiver. Thread-safe.
 */
public final class FaultPlane implements FaultTarget {

    private final List<LinkFilter> filters = new CopyOnWriteArrayList<>();
    private final Set<NodeAddress> decorated = ConcurrentHashMap.newKeySet();
    /** Decorated nodes by IP; {@link #AMBIGUOUS} where two listen on one IP. */
    private final Map<Integer, NodeAddress> byIp = new ConcurrentHashMap<>();
    private static final NodeAddress AMBIGUOUS = new NodeAddress(0, 0);

    /**
     * Wraps {@code inner}. Delayed datagrams are sent and delivered from {@code scheduler}, which should
     * be the owning node's scheduler; {@code rng} is this transport's own seeded stream.
     */
    public FaultyTransport decorate(Transport inner, Scheduler scheduler, RandomGenerator rng) {
        remember(inner.localAddress());
        return new FaultyTransport(inner, this, scheduler, rng);
    }

    /**
     * Wraps a node's stream transport: its frames and connects are judged like TCP segments (a drop is retransmitted,
     * a partition stalls the connection until the heal). {@code rng} is this transport's own seeded stream.
     */
    public FaultyStreamTransport decorateStreams(StreamTransport inner, Scheduler scheduler, RandomGenerator rng) {
        remember(inner.localAddress());
        return new FaultyStreamTransport(inner, this, scheduler, rng);
    }

    /**
     * The decorated node's listening address for the remote end of a connection: itself if decorated, else the one
     * decorated node at the same IP (an inbound connection's source port is ephemeral), else {@code remote}.
     */
    NodeAddress listeningAddress(NodeAddress remote) {
        if (decorated.contains(remote)) {
            return remote;
        }
        NodeAddress found = byIp.get(remote.ip());
        return found == null || found == AMBIGUOUS ? remote : found;
    }

    @Override
    public Runnable install(LinkFault fault) {
        LinkFilter filter = fault::apply;
        filters.add(filter);
        return () -> filters.remove(filter);
    }

    private void remember(NodeAddress a) {
        decorated.add(a);
        byIp.merge(a.ip(), a, (old, now) -> old.equals(now) ? old : AMBIGUOUS);
    }

    public int activeFaults() {
        return filters.size();
    }

    boolean isDecorated(NodeAddress a) {
        return decorated.contains(a);
    }

    void forget(NodeAddress a) {
        decorated.remove(a);
    }

    LinkEffect effect(NodeAddress from, NodeAddress to, RandomGenerator rng) {
        LinkEffect e = LinkEffect.NONE;
        for (LinkFilter f : filters) {
            e = e.combine(f.apply(from, to, rng));
        }
        return e;
    }
}
