package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A liveness probe in the overlay's own wire protocol (KRPC {@code ping}, Chord's and Pastry's ping
 * messages, ...): what the neutral partition sentences ("no ping crosses the partition") and the latency
 * measurements send. May be called from any thread; the implementation hops onto its node's scheduler.
 */
public interface Ping {

    /**
     * Pings {@code to}, with the protocol's own retries; completes with {@code true} when it answered and
     * {@code false} when it stayed silent (never exceptionally).
     */
    CompletableFuture<Boolean> ping(NodeAddress to);
}
