package io.p2ptestbed.overlay.transport.stream;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;

/**
 * A node's connection-oriented door to the network, next to the datagram {@code Transport}: long-lived,
 * ordered, reliable links with slots (Gnutella connections, Bitcoin's 8 outbound and 117 inbound peers,
 * super-peer leaf links). Frames are whole messages: the transport delimits them (a 4-byte big-endian length
 * prefix on real TCP) and refuses any larger than {@link StreamLimits#maxFrameBytes()}.
 *
 * <p>Implementations: {@code SimStreams} (in memory, on virtual time, under the simulated network's latency,
 * loss, partitions and kills) and {@code NettyTcpStreams} (real TCP on the node's own address). Every
 * callback runs on the owning node's scheduler thread; so must every call.
 */
public interface StreamTransport extends AutoCloseable {

    /** The address the node listens on (the same ip and port as its datagram transport). */
    NodeAddress localAddress();

    /**
     * Accepts inbound connections from now on and hands each to {@code acceptor}: {@code opened} when it is
     * established, then its frames and its close. Inbound connections beyond {@link StreamLimits#maxInbound()}
     * are refused (counted as {@code refusedSlots}).
     */
    void listen(ConnectionHandler acceptor);

    /**
     * Opens a connection to {@code to}. The handler sees {@code opened} once the remote accepted, or
     * {@code failed} (refused, unreachable within the connect timeout, no outbound slot, outside the lab).
     */
    void connect(NodeAddress to, ConnectionHandler handler);

    /** The connections open now. */
    List<Connection> connections();

    StreamLimits limits();

    /** The transport's counters (frames, bytes, refusals, malformed, oversized, half-open, resets...). */
    StreamCounters counters();

    /** Resets every connection and stops listening. Idempotent. */
    @Override
    void close();
}
