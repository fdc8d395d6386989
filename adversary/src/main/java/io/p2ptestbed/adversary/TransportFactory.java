package io.p2ptestbed.adversary;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.Transport;

/**
 * Opens a transport bound to an address: {@code simNetwork::open} in simulation, a Netty UDP bind on
 * loopback, a container's socket under docker. Attackers get one of these instead of sockets, which is
 * what makes them run unchanged on every runtime.
 */
@FunctionalInterface
public interface TransportFactory {

    Transport open(NodeAddress bind);
}
