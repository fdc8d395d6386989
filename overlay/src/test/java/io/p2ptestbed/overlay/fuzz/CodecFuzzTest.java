package io.p2ptestbed.overlay.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.bencode.Bencode;
import io.p2ptestbed.overlay.bencode.BencodeLimits;
import io.p2ptestbed.overlay.bencode.BencodeResult;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.testing.KrpcArbitraries;
import io.p2ptestbed.overlay.testing.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile input for the decoders: uniformly random bytes, bencode-alphabet soup, and valid KRPC
 * datagrams with bit flips, truncations, splices, corrupted length/integer fields, insertions and
 * deletions. The decoders must never throw, and whatever they accept must be canonical and stable.
 */
class CodecFuzzTest {

    private final KrpcCodec codec = new KrpcCodec();

    @Provide
    Arbitrary<byte[]> hostile() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Mutations.randomBytes()),
                net.jqwik.api.Tuple.of(3, Mutations.bencodeSoup()),
                net.jqwik.api.Tuple.of(5, Mutations.mutatedDatagrams()),
                net.jqwik.api.Tuple.of(1, KrpcArbitraries.unknownMethodQueries()),
                net.jqwik.api.Tuple.of(1, KrpcArbitraries.invalidQueries()));
    }

    @Property(tries = 2000)
    void bencodeDecode_shouldNeverThrowAndAcceptOnlyCanonicalInput(@ForAll("hostile") byte[] data) {
        BencodeResult r = Bencode.decode(data, BencodeLimits.KRPC);
        assertThat(r).isNotNull();
        if (r instanceof BencodeResult.Ok ok) {
            assertThat(Bencode.encode(ok.value())).as("accepted input re-encodes byte for byte").isEqualTo(data);
        } else {
            BencodeResult.Malformed m = (BencodeResult.Malformed) r;
            assertThat(m.offset()).isBetween(0, data.length);
            assertThat(m.reason()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void krpcDecode_shouldNeverThrowAndDecodedMessagesShouldBeStable(@ForAll("hostile") byte[] data) {
        KrpcDecodeResult r = codec.decode(data);
        assertThat(r).isNotNull();
        Statistics.collect(r.getClass().getSimpleName());
        Statistics.coverage(c -> {
            c.check("Decoded").count(n -> n > 0);
            c.check("Invalid").count(n -> n > 0);
            c.check("UnknownMethod").count(n -> n > 0);
        });
        if (r instanceof KrpcDecodeResult.Decoded d) {
            KrpcMessage m = d.message();
            assertThat(m.tid()).isNotNull().hasSizeLessThanOrEqualTo(KrpcCodec.MAX_TID_BYTES);
            KrpcDecodeResult again = codec.decode(codec.encode(m));
            assertThat(again).isInstanceOf(KrpcDecodeResult.Decoded.class);
            assertThat(((KrpcDecodeResult.Decoded) again).message()).usingRecursiveComparison().isEqualTo(m);
        } else if (r instanceof KrpcDecodeResult.Invalid inv) {
            assertThat(inv.reason()).isNotBlank();
            if (inv.tid() != null) {
                assertThat(inv.tid()).hasSizeLessThanOrEqualTo(KrpcCodec.MAX_TID_BYTES);
            }
        } else {
            KrpcDecodeResult.UnknownMethod um = (KrpcDecodeResult.UnknownMethod) r;
            assertThat(um.tid()).isNotNull();
            assertThat(um.method()).isNotIn("ping", "find_node", "get_peers", "announce_peer");
        }
    }
}
