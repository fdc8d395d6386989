package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link KademliaNode} seen through the overlay SPI. It only converts at the edge: the node keeps its
 * packed ids and primitive tables, and the hot paths never see this class.
 */
public final class KademliaOverlayNode implements OverlayNode, KeyRouting {

    /** Join attempts when every seed stays silent (real clients keep trying). */
    public static final int JOIN_ATTEMPTS = 5;

    private final KademliaNode node;

    public KademliaOverlayNode(KademliaNode node) {
        this.node = node;
    }

    /** The Kademlia node itself, for Kademlia-only steps and attacks. */
    public KademliaNode kademlia() {
        return node;
    }

    @Override
    public String protocol() {
        return KademliaProtocol.NAME;
    }

    @Override
    public NodeId id() {
        return node.id();
    }

    @Override
    public NodeAddress address() {
        return node.address();
    }

    @Override
    public void start() {
        node.start();
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        return node.bootstrap(seeds, JOIN_ATTEMPTS);
    }

    @Override
    public void stop() {
        node.stop();
    }

    @Override
    public boolean isRunning() {
        return node.isRunning();
    }

    @Override
    public List<Contact> neighbours() {
        return node.table().contacts();
    }

    @Override
    public Map<String, Long> counters() {
        return node.stats().snapshot();
    }

    @Override
    public Scheduler scheduler() {
        return node.scheduler();
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type.isInstance(this)) {
            return Optional.of(type.cast(this));
        }
        if (type.isInstance(node)) {
            return Optional.of(type.cast(node));
        }
        return Optional.empty();
    }

    @Override
    public Style style() {
        return Style.ITERATIVE;
    }

    @Override
    public CompletableFuture<RouteResult> route(NodeId key) {
        return node.lookup(key, LookupKind.FIND_NODE, node.config().alpha()).thenApply(KademliaOverlayNode::toRoute);
    }

    /** A lookup's result in the SPI's terms. */
    public static RouteResult toRoute(LookupResult r) {
        return new RouteResult(r.target(), r.closest(), r.hops(), r.queries(), r.failures(), r.startMillis(), r.endMillis());
    }

    @Override
    public String toString() {
        return "kademlia " + node.id().shortHex() + "@" + node.address();
    }
}
