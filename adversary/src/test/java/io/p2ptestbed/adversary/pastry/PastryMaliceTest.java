package io.p2ptestbed.adversary.pastry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.RecordingTransport;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.node.NodeSettings;
import io.p2ptestbed.overlay.node.control.NodeMalice;
import io.p2ptestbed.overlay.pastry.PastryCodec;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult;
import io.p2ptestbed.overlay.pastry.PastryMessage;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The node host's Pastry malice (POST /v1/malice): found by ServiceLoader, honest until turned, refuses bad requests. */
class PastryMaliceTest {

    private static final NodeAddress SELF = NodeAddress.of(10, 131, 0, 10, 6881);
    private static final String LAB = "10.131.0.0/16";


    private static NodeSettings settings(String lab) {
        return new NodeSettings(SELF, List.of(), Protocols.get("pastry").params(Map.of()), 7, null, 0, "none", lab);
    }

    private final SplittableRandom rng = new SplittableRandom(3);

    private byte[] route(NodeId key, Contact origin) {
        return PastryCodec.encode(new PastryMessage.Route(5, NodeId.random(rng), key, origin, 9, 1, false));
    }

    @Test
    void honestUntilTurnedThenMisroutesToTheColluders() {
        NodeMalice malice = NodeMalice.forProtocol("pastry").orElseThrow();
        assertThat(NodeMalice.forProtocol("chord")).isEmpty();
        RecordingTransport wire = new RecordingTransport(SELF);
        NodeMalice.Handle h = malice.wrap(wire, new VirtualScheduler(), settings(LAB));
        List<byte[]> delivered = new ArrayList<>();
        h.transport().setHandler((from, data) -> delivered.add(data));
        Contact origin = new Contact(NodeId.random(rng), NodeAddress.of(10, 131, 1, 10, 6881));
        NodeAddress hop = NodeAddress.of(10, 131, 2, 10, 6881);

        wire.handler.onDatagram(hop, route(NodeId.random(rng), origin));
        assertThat(delivered).as("an honest node gets the route").hasSize(1);
        assertThat(wire.sent).isEmpty();

        // a Pastry id: 128 bits, the SPI id's last 32 zero (what the codec carries)
        Contact fellow = new Contact(new NodeId(rng.nextLong(), rng.nextLong(), 0), NodeAddress.of(10, 131, 3, 10, 6881));
        h.turn("misroute", List.of(fellow));
        wire.handler.onDatagram(hop, route(NodeId.random(rng), origin));
        assertThat(delivered).as("a turned node keeps the route from its node").hasSize(1);
        assertThat(wire.sent).hasSize(2); // the ACK to the previous hop, the false answer to the origin
        PastryMessage answer = ((PastryDecodeResult.Decoded) PastryCodec.decode(wire.sent.get(1))).message();
        assertThat(answer).isInstanceOf(PastryMessage.Routed.class);
        assertThat(((PastryMessage.Routed) answer).reached()).containsExactly(fellow);
        assertThat(h.counters()).containsEntry("malice.lies", 1L).containsEntry("malice.turned", 1L)
                .containsEntry("malice.colluders", 1L);

        h.turn("none", List.of());
        wire.handler.onDatagram(hop, route(NodeId.random(rng), origin));
        assertThat(delivered).as("honest again").hasSize(2);
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        NodeMalice.Handle h = NodeMalice.forProtocol("pastry").orElseThrow().wrap(new RecordingTransport(SELF), new VirtualScheduler(), settings(LAB));
        assertThatThrownBy(() -> h.turn("eclipse", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no mode 'eclipse'").hasMessageContaining("misroute");
        assertThatThrownBy(() -> h.turn("misroute", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        Contact outside = new Contact(NodeId.random(rng), NodeAddress.of(192, 0, 2, 1, 6881));
        assertThatThrownBy(() -> h.turn("misroute", List.of(outside))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the lab");
    }

    @Test
    void aNodeOutsideItsLabNetworkStaysHonest() {
        RecordingTransport wire = new RecordingTransport(SELF);
        NodeMalice.Handle h = NodeMalice.forProtocol("pastry").orElseThrow().wrap(wire, new VirtualScheduler(),
                settings(NodeSettings.LOOPBACK_LAB));
        assertThat(h.transport()).isSameAs(wire);
        assertThatThrownBy(() -> h.turn("misroute", List.of(new Contact(NodeId.random(rng), SELF))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside its lab network");
    }
}
