package io.p2ptestbed.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.chord.ChordDecodeResult.Decoded;
import io.p2ptestbed.overlay.chord.ChordDecodeResult.Malformed;
import io.p2ptestbed.overlay.chord.ChordDecodeResult.Reason;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Round trips of every message type, and hostile input in the style of the KRPC codec fuzz tests: random
 * bytes, valid datagrams truncated, bit-flipped, extended, and with list counts and lengths overwritten.
 * The decoder must never throw; what it accepts must re-encode byte for byte.
 */
class ChordCodecTest {

    @Provide
    Arbitrary<ChordMessage> messages() {
        return ChordArbitraries.messages();
    }

    @Property(tries = 3000)
    void everyMessage_shouldRoundTrip(@ForAll("messages") ChordMessage m) {
        byte[] bytes = ChordCodec.encode(m);
        assertThat(bytes).hasSize(ChordCodec.size(m));
        ChordDecodeResult r = ChordCodec.decode(bytes);
        assertThat(r).isInstanceOf(Decoded.class);
        assertThat(((Decoded) r).message()).isEqualTo(m);
        Statistics.collect(m.getClass().getSimpleName());
        Statistics.coverage(c -> c.check("TransferKeys").count(n -> n > 0));
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        Arbitrary<byte[]> valid = ChordArbitraries.messages().map(ChordCodec::encode);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(1600);
        Arbitrary<byte[]> headerThenRandom = Combinators.combine(Arbitraries.integers().between(1, 16),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as((type, tail) -> {
                    byte[] out = new byte[ChordCodec.HEADER + tail.length];
                    out[0] = (byte) ChordCodec.MAGIC;
                    out[1] = (byte) ChordCodec.VERSION;
                    out[2] = (byte) (int) type;
                    System.arraycopy(tail, 0, out, ChordCodec.HEADER, tail.length);
                    return out;
                });
        Arbitrary<byte[]> truncated = Combinators.combine(valid, Arbitraries.integers().greaterOrEqual(0))
                .as((d, k) -> Arrays.copyOf(d, k % d.length));
        Arbitrary<byte[]> flipped = Combinators.combine(valid, Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(0, 7))
                .as((d, pos, bit) -> {
                    byte[] out = d.clone();
                    out[pos % out.length] ^= (byte) (1 << bit);
                    return out;
                });
        Arbitrary<byte[]> overCount = Combinators.combine(valid, Arbitraries.integers().between(ChordCodec.HEADER, 40),
                Arbitraries.integers().between(0, 255)).as((d, pos, v) -> {
                    byte[] out = d.clone();
                    if (pos < out.length) {
                        out[pos] = (byte) (int) v;
                    }
                    return out;
                });
        Arbitrary<byte[]> extended = Combinators.combine(valid, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(30))
                .as((d, extra) -> {
                    byte[] out = Arrays.copyOf(d, d.length + extra.length);
                    System.arraycopy(extra, 0, out, d.length, extra.length);
                    return out;
                });
        return Arbitraries.oneOf(random, headerThenRandom, truncated, flipped, overCount, extended);
    }

    @Property(tries = 5000)
    void decode_shouldNeverThrowAndAcceptOnlyCanonicalInput(@ForAll("hostile") byte[] data) {
        ChordDecodeResult r = ChordCodec.decode(data);
        assertThat(r).isNotNull();
        Statistics.collect(r instanceof Malformed m ? m.reason() : "Decoded");
        if (r instanceof Decoded d) {
            assertThat(ChordCodec.encode(d.message())).as("accepted input re-encodes byte for byte").isEqualTo(data);
        } else {
            assertThat(((Malformed) r).detail()).isNotBlank();
        }
    }

    @Test
    void overLongCounts_shouldBeRefusedAsBadCount() {
        byte[] d = ChordCodec.encode(new ChordMessage.SuccessorListReply(7, new NodeId(1, 2, 3), List.of()));
        d[ChordCodec.HEADER] = (byte) (ChordConfig.MAX_SUCCESSORS + 1);
        assertThat(ChordCodec.decode(d)).isInstanceOfSatisfying(Malformed.class, m -> {
            assertThat(m.reason()).isEqualTo(Reason.BAD_COUNT);
            assertThat(m.headerOk()).isTrue();
            assertThat(m.tid()).isEqualTo(7);
        });
        d[ChordCodec.HEADER] = 3; // three contacts announced, none present
        assertThat(((Malformed) ChordCodec.decode(d)).reason()).isEqualTo(Reason.BAD_LENGTH);
    }

    @Test
    void headerFaults_shouldBeTyped() {
        byte[] ping = ChordCodec.encode(new ChordMessage.Ping(1, new NodeId(1, 2, 3)));
        assertThat(((Malformed) ChordCodec.decode(Arrays.copyOf(ping, 5))).reason()).isEqualTo(Reason.TOO_SHORT);
        assertThat(((Malformed) ChordCodec.decode(new byte[ChordCodec.MAX_DATAGRAM + 1])).reason()).isEqualTo(Reason.TOO_LONG);
        byte[] bad = ping.clone();
        bad[0] = 0;
        assertThat(((Malformed) ChordCodec.decode(bad)).reason()).isEqualTo(Reason.BAD_MAGIC);
        bad = ping.clone();
        bad[1] = 9;
        assertThat(((Malformed) ChordCodec.decode(bad)).reason()).isEqualTo(Reason.BAD_VERSION);
        bad = ping.clone();
        bad[2] = 99;
        assertThat(((Malformed) ChordCodec.decode(bad)).reason()).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(((Malformed) ChordCodec.decode(Arrays.copyOf(ping, ping.length + 1))).reason()).isEqualTo(Reason.TRAILING);
        byte[] reply = ChordCodec.encode(new ChordMessage.GetReply(1, new NodeId(1, 2, 3), null));
        reply[ChordCodec.HEADER] = 2;
        assertThat(((Malformed) ChordCodec.decode(reply)).reason()).isEqualTo(Reason.BAD_FLAG);
    }
}
