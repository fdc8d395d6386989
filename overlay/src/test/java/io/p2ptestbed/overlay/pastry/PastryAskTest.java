package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult.Decoded;
import io.p2ptestbed.overlay.pastry.PastryMessage.Ping;
import io.p2ptestbed.overlay.pastry.PastryMessage.Pong;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node that wants a pinger's round-trip time answers the ping with a pong that asks back (PONG_ASK): the pinger's
 * pong to it measures the RTT, three datagrams in all, and the node sends the pinger no ping of its own. Driven on the
 * wire from a bare simulated endpoint, so every datagram is seen.
 */
class PastryAskTest {

    /** A lone node y (keep-alives and table repair out of the way) and a bare endpoint x that records what it gets. */
    private static final class World {
        final PastrySim sim;
        final OverlayNode y;
        final NodeAddress xAddress = NodeAddress.of(10, 9, 9, 9, 4000);
        final NodeId xId = new NodeId(0x1234_5678_9ABC_DEF0L, 42, 0);
        final Transport x;
        final List<PastryMessage> received = new ArrayList<>();

        World(long seed) {
            sim = new PastrySim(seed, Map.of("leafProbeMillis", "600000", "tableRepairMillis", "600000"));
            y = sim.add();
            y.join(List.of());
            x = sim.network.open(xAddress);
            x.setHandler((from, data) -> received.add(((Decoded) PastryCodec.decode(data)).message()));
        }
    }

    @Test
    void aNewcomersPing_shouldBeAnsweredByAPongThatAsks_andItsAnswerMeasuresTheRtt() {
        World w = new World(7);
        PastrySim sim = w.sim;
        OverlayNode y = w.y;
        NodeAddress xAddress = w.xAddress;
        NodeId xId = w.xId;
        Transport x = w.x;
        List<PastryMessage> received = w.received;
        Contact xContact = new Contact(xId, xAddress);
        PastryView view = PastrySim.view(y);
        long[] rttBeforeAnswer = {Long.MIN_VALUE};
        x.setHandler((from, data) -> {
            PastryMessage m = ((Decoded) PastryCodec.decode(data)).message();
            received.add(m);
            if (m instanceof Pong p && p.asks()) { // answered at once, as a node answers a ping
                rttBeforeAnswer[0] = view.rttMillis(xContact);
                x.send(from, PastryCodec.encode(new Pong(p.askTid(), xId, List.of())));
            }
        });

        x.send(y.address(), PastryCodec.encode(new Ping(77, xId)));
        sim.scheduler.advance(1_000);

        assertThat(received).as("one pong, and no ping of the node's own: three datagrams in all").hasSize(1);
        Pong ask = (Pong) received.get(0);
        assertThat(ask.tid()).isEqualTo(77);
        assertThat(ask.asks()).as("the node wants the newcomer's RTT (its neighbourhood set is open)").isTrue();
        assertThat(rttBeforeAnswer[0]).as("not measured before the answer").isEqualTo(-1);
        assertThat(view.rttMillis(xContact)).as("the answer measured the RTT (two one-way latencies of 10..100 ms)")
                .isBetween(20L, 200L);
        assertThat(view.neighbourhoodSet()).contains(xContact);
    }

    @Test
    void aPongThatAsks_shouldBeAnsweredByTheNodeThatPinged() {
        World w = new World(8);
        List<PastryMessage> received = w.received;

        w.x.send(w.y.address(), PastryCodec.encode(new Pong(5, w.xId, List.of(), true, 991))); // asks, though y never pinged
        w.sim.scheduler.advance(500);

        assertThat(received).as("the answer, and the node's own probe of a pinger it had not measured (latencies "
                + "are random: either may arrive first)").hasSize(2);
        assertThat(received).filteredOn(m -> m instanceof Pong).singleElement().satisfies(m -> {
            assertThat(m.tid()).as("answered under the ask tid").isEqualTo(991);
            assertThat(((Pong) m).asks()).isFalse();
        });
        assertThat(received).filteredOn(m -> m instanceof Ping).hasSize(1);
    }
}
