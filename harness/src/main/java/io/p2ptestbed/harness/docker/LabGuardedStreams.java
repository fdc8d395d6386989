package io.p2ptestbed.harness.docker;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.DelegatingStreams;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;

/**
 * An attacker's stream endpoint whose every connect passes the harness' {@link LabGuard} first: a target outside the
 * lab networks fails at once with {@link CloseReason#OUTSIDE_LAB} (counted as {@code refusedOutsideLab}) and nothing is
 * asked of the inner transport, so no request for it ever reaches an attacker container. (The container's own
 * transport refuses it too; this is the same rule on the harness' side, as the loopback TCP transport applies it.)
 * Everything else is the inner transport's.
 */
public final class LabGuardedStreams extends DelegatingStreams {

    private final LabGuard guard;

    public LabGuardedStreams(StreamTransport inner, LabGuard guard) {
        super(inner);
        this.guard = guard;
    }

    @Override
    public void connect(NodeAddress to, ConnectionHandler handler) {
        if (!guard.permits(to)) {
            inner.counters().refusedOutsideLab.incrementAndGet();
            handler.failed(to, CloseReason.OUTSIDE_LAB);
            return;
        }
        inner.connect(to, handler);
    }
}
