package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.concurrent.CompletableFuture;

/** Key-based routing (the common API's {@code route}): find the node(s) responsible for a key. */
public interface KeyRouting {

    /** How a lookup travels: the querier drives every hop, or each hop forwards. */
    enum Style { ITERATIVE, RECURSIVE }

    Style style();

    /**
     * Routes to the key; completes with what was reached (never exceptionally: failures are in the result).
     * May be called from any thread: the implementation hops onto its node's scheduler (as Kademlia's does).
     */
    CompletableFuture<RouteResult> route(NodeId key);
}
