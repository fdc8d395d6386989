package io.p2ptestbed.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Garbage at a live node: every bad datagram is counted as chord.malformed, nothing escapes the handler. */
class ChordNodeFuzzTest {

    @Provide
    Arbitrary<List<byte[]>> garbage() {
        Arbitrary<byte[]> one = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                ChordArbitraries.messages().map(ChordCodec::encode).map(d -> {
                    byte[] out = d.clone();
                    out[out.length - 1] ^= 0x5A;
                    return java.util.Arrays.copyOf(out, out.length + 1);
                }));
        return one.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 60)
    void node_shouldCountMalformedInputAndKeepRunning(@ForAll("garbage") List<byte[]> datagrams) {
        ChordSim sim = new ChordSim(3, Map.of());
        OverlayNode node = sim.add();
        node.join(List.of());
        Transport raw = sim.network.open(NodeAddress.of(10, 99, 0, 1, 9));
        List<byte[]> replies = new ArrayList<>();
        raw.setHandler((from, d) -> replies.add(d));
        long malformed = 0;
        for (byte[] d : datagrams) {
            if (ChordCodec.decode(d) instanceof ChordDecodeResult.Malformed) {
                malformed++;
            }
            raw.send(node.address(), d);
        }
        sim.scheduler.advance(5_000);
        assertThat(node.isRunning()).isTrue();
        assertThat(node.counters().get("chord.malformed")).isEqualTo(malformed);
        for (byte[] r : replies) {
            assertThat(ChordCodec.decode(r)).isInstanceOf(ChordDecodeResult.Decoded.class);
        }
    }

    @Test
    void malformedRequestWithReadableHeader_shouldBeAnsweredWithATypedError() {
        ChordSim sim = new ChordSim(3, Map.of());
        OverlayNode node = sim.add();
        Transport raw = sim.network.open(NodeAddress.of(10, 99, 0, 1, 9));
        List<ChordMessage> replies = new ArrayList<>();
        raw.setHandler((from, d) -> replies.add(((ChordDecodeResult.Decoded) ChordCodec.decode(d)).message()));
        byte[] d = ChordCodec.encode(new ChordMessage.FindSuccessor(42, new NodeId(1, 1, 1), new NodeId(2, 2, 2)));
        raw.send(node.address(), java.util.Arrays.copyOf(d, d.length - 3));
        sim.scheduler.advance(1_000);
        assertThat(replies).singleElement().isInstanceOfSatisfying(ChordMessage.Error.class, e -> {
            assertThat(e.tid()).isEqualTo(42);
            assertThat(e.code()).isEqualTo(ChordCodec.ERR_MALFORMED);
            assertThat(e.text()).isEqualTo("BAD_LENGTH");
        });
        assertThat(node.counters()).containsEntry("chord.malformed", 1L).containsEntry("chord.malformed.bad_length", 1L);
    }
}
