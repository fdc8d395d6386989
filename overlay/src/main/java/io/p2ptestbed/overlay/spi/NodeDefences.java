package io.p2ptestbed.overlay.spi;

/**
 * A parsed defence spec, ready to install on nodes of one overlay: the neutral defences (rate limits and
 * IP-diversity limits through {@link Guards}) or an overlay's own syntax ({@link OverlayProtocol#ownDefences}).
 * Obtain one with {@code io.p2ptestbed.overlay.guard.Defences#parse}.
 */
public interface NodeDefences {

    /** The canonical spec, as it round-trips through {@code parse}. */
    String spec();

    /** Installs the defences on one node (before it starts, or on its scheduler thread). */
    void install(OverlayNode node);

    /** Whether nothing is installed ({@code "none"}). */
    default boolean isEmpty() {
        return "none".equals(spec()) || spec().isBlank();
    }

    /**
     * Whether these defences decide how honest ids are made (ids bound to the node's address, ids with a
     * solved puzzle): then a runtime makes every honest id with {@link #idFor}, and a runtime whose nodes
     * make their own ids in another process refuses the spec.
     */
    default boolean makesIds() {
        return false;
    }

    /** The id of an honest node at {@code address}, drawn from the seeded id stream; see {@link #makesIds}. */
    default io.p2ptestbed.overlay.id.NodeId idFor(io.p2ptestbed.overlay.id.NodeAddress address,
            java.util.random.RandomGenerator rng) {
        throw new UnsupportedOperationException("the defences " + spec() + " do not make ids");
    }
}
