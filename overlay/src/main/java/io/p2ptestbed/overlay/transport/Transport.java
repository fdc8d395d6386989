package io.p2ptestbed.overlay.transport;

import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * The node's only door to the network: send bytes, receive bytes. Implementations: {@code SimNetwork}
 * endpoints (in-memory, virtual time) and {@code NettyUdpTransport} (real UDP sockets).
 */
public interface Transport extends AutoCloseable {

    NodeAddress localAddress();

    void send(NodeAddress to, byte[] datagram);

    /**
     * Like {@link #send}, for a datagram the caller hands over: it never touches the array again, so an
     * in-memory transport may deliver this very array instead of a copy. Defaults to {@link #send}.
     */
    default void sendOwned(NodeAddress to, byte[] datagram) {
        send(to, datagram);
    }

    void setHandler(DatagramHandler handler);

    @Override
    void close();
}
