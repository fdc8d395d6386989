package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.spi.Broadcast;
import java.util.List;

/**
 * A runtime's door to its nodes' {@link Broadcast} capability: publish at a node, and observe every node's first
 * deliveries with their hop counts and times. In-JVM runtimes record deliveries through a listener on every node;
 * the container runtimes read them from each node's control interface. Times of one probe share one reference
 * (the simulator's virtual time, the JVM's clock, or the hosts' wall clock in containers), so differences between
 * them are latencies.
 */
public interface BroadcastProbe {

    /** Publishes {@code payload} at {@code origin}; returns the message id. */
    long publish(NodeHandle origin, byte[] payload);

    /** How far message {@code messageId} has spread, and the broadcast traffic so far, in one look. */
    Progress progress(long messageId);

    /**
     * Broadcast datagrams sent so far, summed over the live nodes (their {@code broadcast_sent} counters); -1 when no
     * node counts them.
     */
    long sent();

    /** Every node's first delivery of {@code messageId} seen so far. */
    List<Broadcast.Delivery> deliveries(long messageId);

    /**
     * The answers that came back to {@code origin} for message {@code messageId} it published (Gnutella's query hits
     * at the querier), in order of arrival, with times on the probe's reference.
     */
    List<Broadcast.Answer> answers(NodeHandle origin, long messageId);

    /** Forgets a measured message (long experiments publish thousands). */
    default void forget(long messageId) {}

    /** @param delivered nodes that delivered the message; @param sent as {@link #sent()} */
    record Progress(int delivered, long sent) {}
}
