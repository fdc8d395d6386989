package io.p2ptestbed.overlay.transport;

import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * The node's only door to the network: send bytes, receive bytes. Implementations: {@code SimNetwork}
 * endpoints (in-memory, virtual time) and {@code NettyUdpTransport} (real UDP sockets).
 */
public interface Transport extends AutoCloseable {

    NodeAddress localAddress();

    void send(NodeAddress to, byte[] datagram);

    void setHandler(DatagramHandler handler);

    @Override
    void close();
}
