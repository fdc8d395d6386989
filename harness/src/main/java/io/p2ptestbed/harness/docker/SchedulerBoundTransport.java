package io.p2ptestbed.harness.docker;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;

/**
 * A transport whose datagrams are handed to its handler on {@code scheduler}'s thread. An attacker container's
 * sockets deliver on the socket host client's reader thread; an overlay node run by the harness on such a socket
 * (an index peer, say) must see them on its own scheduler, where all its state lives, as a node on loopback does.
 */
public final class SchedulerBoundTransport implements Transport {

    private final Transport inner;
    private final Scheduler scheduler;

    public SchedulerBoundTransport(Transport inner, Scheduler scheduler) {
        this.inner = inner;
        this.scheduler = scheduler;
    }

    @Override
    public NodeAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void send(NodeAddress to, byte[] datagram) {
        inner.send(to, datagram);
    }

    @Override
    public void setHandler(DatagramHandler handler) {
        inner.setHandler(handler == null ? null : (from, data) -> scheduler.execute(() -> handler.onDatagram(from, data)));
    }

    @Override
    public void close() {
        inner.close();
    }
}
