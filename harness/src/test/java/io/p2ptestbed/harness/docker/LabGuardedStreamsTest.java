package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamCounters;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An attacker's stream endpoint refuses a connect outside the lab before the container is asked for anything. */
class LabGuardedStreamsTest {

    /** The inner endpoint: records the connects it was asked for. */
    private static final class Recording implements StreamTransport {
        final List<NodeAddress> connects = new ArrayList<>();
        final List<ConnectionHandler> acceptors = new ArrayList<>();
        final List<Connection> open = List.of();
        final StreamCounters counters = new StreamCounters();
        int closes;

        public NodeAddress localAddress() {
            return NodeAddress.of(10, 200, 240, 1, 6881);
        }

        public void listen(ConnectionHandler acceptor) {
            acceptors.add(acceptor);
        }

        public void connect(NodeAddress to, ConnectionHandler handler) {
            connects.add(to);
        }

        public List<Connection> connections() {
            return open;
        }

        public StreamLimits limits() {
            return StreamLimits.DEFAULT;
        }

        public StreamCounters counters() {
            return counters;
        }

        public void close() {
            closes++;
        }
    }

    private static final class Failures implements ConnectionHandler {
        final List<CloseReason> reasons = new ArrayList<>();

        public void opened(Connection c) {}

        public void frame(Connection c, byte[] frame) {}

        public void closed(Connection c, CloseReason reason) {}

        @Override
        public void failed(NodeAddress to, CloseReason reason) {
            reasons.add(reason);
        }
    }

    private final LabGuard guard = LabGuard.loopbackOnly().allowing(Cidr.parse("10.200.0.0/16"));

    @Test
    void aConnectOutsideTheLabFailsAtOnceAndNeverReachesTheContainer() {
        Recording inner = new Recording();
        LabGuardedStreams s = new LabGuardedStreams(inner, guard);
        Failures h = new Failures();
        s.connect(NodeAddress.of(8, 8, 8, 8, 6346), h);
        s.connect(NodeAddress.of(10, 201, 0, 10, 6881), h); // the next /16: another network, not this lab's
        assertThat(h.reasons).containsExactly(CloseReason.OUTSIDE_LAB, CloseReason.OUTSIDE_LAB);
        assertThat(inner.connects).isEmpty();
        assertThat(s.counters().refusedOutsideLab.get()).isEqualTo(2);
    }

    @Test
    void aConnectInsideTheLabGoesToTheContainer() {
        Recording inner = new Recording();
        LabGuardedStreams s = new LabGuardedStreams(inner, guard);
        Failures h = new Failures();
        NodeAddress honest = NodeAddress.of(10, 200, 22, 10, 6883);
        s.connect(honest, h);
        assertThat(inner.connects).containsExactly(honest);
        assertThat(h.reasons).isEmpty();
        assertThat(s.localAddress()).isEqualTo(inner.localAddress());
    }

    @Test
    void everythingButTheConnectIsTheContainersEndpoints() {
        Recording inner = new Recording();
        LabGuardedStreams s = new LabGuardedStreams(inner, guard);
        Failures acceptor = new Failures();
        s.listen(acceptor);
        assertThat(inner.acceptors).containsExactly(acceptor); // the Sybil's own handler: inbound connections reach it
        assertThat(s.connections()).isSameAs(inner.open);
        assertThat(s.limits()).isSameAs(inner.limits());
        assertThat(s.counters()).isSameAs(inner.counters);
        s.close();
        assertThat(inner.closes).isEqualTo(1); // the close reaches the endpoint in the container
    }
}
