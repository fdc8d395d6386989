package io.p2ptestbed.overlay.transport;

import io.p2ptestbed.overlay.id.NodeAddress;

/** Receives raw datagrams from a transport, on the owning node's scheduler thread. */
@FunctionalInterface
public interface DatagramHandler {
    void onDatagram(NodeAddress from, byte[] data);
}
