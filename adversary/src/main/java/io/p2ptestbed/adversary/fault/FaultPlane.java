package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import io.p2ptestbed.overlay.transport.sim.LinkFilter;
import java.util.List;
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

    /**
     * Wraps {@code inner}. Delayed datagrams are sent and delivered from {@code scheduler}, which should
     * be the owning node's scheduler; {@code rng} is this transport's own seeded stream.
     */
    public FaultyTransport decorate(Transport inner, Scheduler scheduler, RandomGenerator rng) {
        decorated.add(inner.localAddress());
        return new FaultyTransport(inner, this, scheduler, rng);
    }

    @Override
    public Runnable install(LinkFault fault) {
        LinkFilter filter = fault::apply;
        filters.add(filter);
        return () -> filters.remove(filter);
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
