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
        assertThatThrownBy(() -> h.turn("eclipsed", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no mode 'eclipsed'").hasMessageContaining("misroute").hasMessageContaining("eclipse");
        assertThatThrownBy(() -> NodeMalice.forProtocol("pastry").orElseThrow().check("sybil"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no mode 'sybil'");
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

    /**
     * Singh et al.'s attacker from the start ({@code node-host --malice} turns it before the node's first datagram): it
     * advertises itself on its scheduler, accepts every link, counts its honest in-degree, and cannot be turned back.
     */
    @Test
    void anEclipseAttackerAdvertisesAcceptsEveryLinkAndCannotBeTurnedBack() {
        NodeSettings s = new NodeSettings(SELF, List.of(), Protocols.get("pastry").params(Map.of("degreeBound", "16",
                "audit", "on")), 7, null, 0, "none", LAB);
        RecordingTransport wire = new RecordingTransport(SELF);
        VirtualScheduler clock = new VirtualScheduler();
        NodeMalice.Handle h = NodeMalice.forProtocol("pastry").orElseThrow().wrap(wire, clock, s);
        List<byte[]> delivered = new ArrayList<>();
        h.transport().setHandler((from, data) -> delivered.add(data));
        Contact fellow = new Contact(new NodeId(rng.nextLong(), rng.nextLong(), 0), NodeAddress.of(10, 131, 3, 10, 6881));
        h.turn("eclipse", List.of(fellow));
        assertThat(h.counters()).containsEntry("malice.colluders", 2L).containsEntry("malice.eclipse_in_degree", 0L);

        NodeAddress honest = NodeAddress.of(10, 131, 4, 10, 6881);
        NodeId honestId = new NodeId(rng.nextLong(), rng.nextLong(), 0);
        wire.handler.onDatagram(honest, PastryCodec.encode(new PastryMessage.Link(1, honestId, true)));
        assertThat(delivered).as("the node sees the link").hasSize(1);
        assertThat(h.counters()).containsEntry("malice.eclipse_in_degree", 1L);
        // the node refuses (its bound); the attacker's transport accepts
        h.transport().send(honest, PastryCodec.encode(new PastryMessage.Linked(1, s.nodeId(), false)));
        PastryMessage linked = ((PastryDecodeResult.Decoded) PastryCodec.decode(wire.sent.get(wire.sent.size() - 1))).message();
        assertThat(((PastryMessage.Linked) linked).accepted()).as("every link accepted").isTrue();

        int before = wire.sent.size();
        clock.advance(3_000);
        assertThat(wire.sent.size() - before).as("advertising pings to the honest node it heard from").isGreaterThanOrEqualTo(2);
        assertThat(PastryCodec.decode(wire.sent.get(wire.sent.size() - 1))).isInstanceOf(PastryDecodeResult.Decoded.class);

        assertThatThrownBy(() -> h.turn("none", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be turned to 'none'");
    }

    /**
     * Attackers in different processes: one that relays an audit of a fellow attacker tells it the auditor first (a
     * note of their own), and the audited one then names the auditor in its answer; a note from a stranger is not
     * believed, and no note ever reaches the node.
     */
    @Test
    void aRelayingAttackerTellsTheAuditedFellowWhoAudits() {
        NodeSettings s = new NodeSettings(SELF, List.of(), Protocols.get("pastry").params(Map.of("degreeBound", "2")), 7,
                null, 0, "none", LAB);
        NodeAddress fellowAt = NodeAddress.of(10, 131, 3, 10, 6881);
        Contact fellow = new Contact(new NodeId(rng.nextLong(), rng.nextLong(), 0), fellowAt);
        Contact auditor = new Contact(new NodeId(rng.nextLong(), rng.nextLong(), 0), NodeAddress.of(10, 131, 5, 10, 6881));

        // the anonymizer: asked to relay an audit of its fellow, it sends the note before the node relays the challenge
        RecordingTransport wire = new RecordingTransport(SELF);
        NodeMalice.Handle h = NodeMalice.forProtocol("pastry").orElseThrow().wrap(wire, new VirtualScheduler(), s);
        List<byte[]> delivered = new ArrayList<>();
        h.transport().setHandler((from, data) -> delivered.add(data));
        h.turn("eclipse", List.of(fellow));
        wire.handler.onDatagram(auditor.address(), PastryCodec.encode(new PastryMessage.AuditRelay(3, auditor.id(),
                PastryMessage.AuditKind.IN, fellow)));
        assertThat(delivered).as("the node relays the challenge itself").hasSize(1);
        assertThat(wire.sent).hasSize(1);
        assertThat(PastryColluderNotes.decode(wire.sent.get(0))).as("the note names the auditor").isEqualTo(auditor);

        // the audited fellow: believes a fellow's note, then answers the challenge naming the auditor
        NodeSettings fs = new NodeSettings(fellowAt, List.of(), s.params(), 8, fellow.id(), 0, "none", LAB);
        RecordingTransport fwire = new RecordingTransport(fellowAt);
        NodeMalice.Handle f = NodeMalice.forProtocol("pastry").orElseThrow().wrap(fwire, new VirtualScheduler(), fs);
        List<byte[]> fdelivered = new ArrayList<>();
        f.transport().setHandler((from, data) -> fdelivered.add(data));
        f.turn("eclipse", List.of(new Contact(s.nodeId(), SELF)));
        Contact stranger = new Contact(new NodeId(rng.nextLong(), rng.nextLong(), 0), NodeAddress.of(10, 131, 6, 10, 6881));
        fwire.handler.onDatagram(stranger.address(), PastryColluderNotes.encode(stranger));
        fwire.handler.onDatagram(SELF, wire.sent.get(0));
        assertThat(fdelivered).as("notes never reach the node").isEmpty();
        fwire.handler.onDatagram(SELF, PastryCodec.encode(new PastryMessage.Audit(4, s.nodeId(), PastryMessage.AuditKind.IN)));
        PastryMessage answer = ((PastryDecodeResult.Decoded) PastryCodec.decode(fwire.sent.get(fwire.sent.size() - 1))).message();
        assertThat(((PastryMessage.AuditSet) answer).contacts()).as("the answer names the auditor").contains(auditor);
        // through a stranger as anonymizer nobody told it: no honest back-pointers, so an empty answer
        fwire.handler.onDatagram(stranger.address(), PastryCodec.encode(new PastryMessage.Audit(5, stranger.id(),
                PastryMessage.AuditKind.IN)));
        PastryMessage other = ((PastryDecodeResult.Decoded) PastryCodec.decode(fwire.sent.get(fwire.sent.size() - 1))).message();
        assertThat(((PastryMessage.AuditSet) other).contacts()).doesNotContain(auditor, stranger);
    }
}
