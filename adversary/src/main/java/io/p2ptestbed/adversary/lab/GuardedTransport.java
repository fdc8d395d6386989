package io.p2ptestbed.adversary.lab;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;

/**
 * A transport whose every send is checked by a {@link LabGuard}: the last line of defence, below all
 * attack logic, so that no behaviour (forged addresses included) can emit a datagram outside the lab.
 */
public final class GuardedTransport implements Transport {

    private final Transport inner;
    private final LabGuard guard;

    public GuardedTransport(Transport inner, LabGuard guard) {
        if (!guard.permits(inner.localAddress())) {
            inner.close();
            guard.check(inner.localAddress(), "bind address");
        }
        this.inner = inner;
        this.guard = guard;
    }

    @Override
    public NodeAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void send(NodeAddress to, byte[] datagram) {
        inner.send(guard.check(to, "destination"), datagram);
    }

    @Override
    public void setHandler(DatagramHandler handler) {
        inner.setHandler(handler);
    }

    @Override
    public void close() {
        inner.close();
    }
}
