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
}
