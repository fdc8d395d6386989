package io.p2ptestbed.overlay.krpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.testing.KrpcArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every message type survives encode then decode unchanged, and the encoding fits the KRPC limits. */
class KrpcCodecRoundTripTest {

    private final KrpcCodec codec = new KrpcCodec();

    @Provide
    Arbitrary<KrpcMessage> messages() {
        return KrpcArbitraries.messages();
    }

    @Property(tries = 1500)
    void decodeOfEncode_shouldGiveBackEveryMessageType(@ForAll("messages") KrpcMessage m) {
        KrpcDecodeResult r = codec.decode(codec.encode(m));
        assertThat(r).isInstanceOf(KrpcDecodeResult.Decoded.class);
        assertThat(((KrpcDecodeResult.Decoded) r).message()).usingRecursiveComparison().isEqualTo(m);
    }

    @Property(tries = 500)
    void encode_shouldBeDeterministic(@ForAll("messages") KrpcMessage m) {
        assertThat(codec.encode(m)).isEqualTo(codec.encode(m));
    }
}
