package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.Set;

/**
 * One transport-level fault on a node's outgoing datagrams, switched through the control interface
 * ({@code POST /v1/faults}). It touches every datagram when {@code peers} is empty, else only those
 * sent to one of {@code peers}. Several rules combine: delays add up, any loss drops, duplicates add copies.
 *
 * @param delayMillis   fixed extra delay
 * @param jitterMillis  plus a uniform extra delay in [0, jitter]
 * @param duplicate     probability that a datagram is sent twice
 * @param reorder       probability that a datagram is held back a uniform [0, reorderMillis] so later ones overtake it
 * @param reorderMillis the reordering window
 * @param loss          probability that a datagram is dropped
 * @param peers         destinations the rule applies to; empty means all
 */
public record FaultRule(long delayMillis, long jitterMillis, double duplicate, double reorder, long reorderMillis,
                        double loss, Set<NodeAddress> peers) {

    /** Longest delay, jitter or reordering window accepted (one minute). */
    public static final long MAX_MILLIS = 60_000;

    public FaultRule {
        millis("delayMs", delayMillis);
        millis("jitterMs", jitterMillis);
        millis("reorderMs", reorderMillis);
        probability("duplicate", duplicate);
        probability("reorder", reorder);
        probability("loss", loss);
        peers = Set.copyOf(peers);
    }

    public static FaultRule delay(long millis, long jitter) {
        return new FaultRule(millis, jitter, 0, 0, 0, 0, Set.of());
    }

    public boolean appliesTo(NodeAddress to) {
        return peers.isEmpty() || peers.contains(to);
    }

    public boolean isNoop() {
        return delayMillis == 0 && jitterMillis == 0 && duplicate == 0 && reorder == 0 && loss == 0;
    }

    private static void millis(String name, long v) {
        if (v < 0 || v > MAX_MILLIS) {
            throw new IllegalArgumentException("'" + name + "' must be in [0, " + MAX_MILLIS + "] ms, got " + v);
        }
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("'" + name + "' must be a probability in [0, 1], got " + p);
        }
    }
}
