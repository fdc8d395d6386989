package io.p2ptestbed.overlay.krpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.bencode.BencodeLimits;
import io.p2ptestbed.overlay.id.CompactContacts;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.testing.KrpcArbitraries;
import io.p2ptestbed.overlay.testing.Mutations;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The codec's fast paths against its general ones: the direct encoder must write the bytes the
 * {@code BencodeWriter} encoder writes, and the in-place decoder must give exactly the general strict
 * decoder's verdict (same message, same error, same reason) on valid, mutated and random input, also
 * under tight limits.
 */
class KrpcCodecFastPathTest {

    private final KrpcCodec codec = new KrpcCodec();
    /** Limits a valid datagram can hit: short strings, few items, shallow nesting. */
    private final KrpcCodec tight = new KrpcCodec(new BencodeLimits(400, 3, 30, 8));

    @Provide
    Arbitrary<byte[]> inputs() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, KrpcArbitraries.validDatagrams()),
                Tuple.of(1, Mutations.randomBytes()),
                Tuple.of(2, Mutations.bencodeSoup()),
                Tuple.of(5, Mutations.mutatedDatagrams()),
                Tuple.of(1, KrpcArbitraries.unknownMethodQueries()),
                Tuple.of(1, KrpcArbitraries.invalidQueries()));
    }

    @Property(tries = 3000)
    void encode_shouldWriteTheSameBytesAsTheGeneralEncoder(@ForAll("messages") KrpcMessage m) {
        assertThat(codec.encode(m)).isEqualTo(codec.encodeReference(m));
    }

    @Provide
    Arbitrary<KrpcMessage> messages() {
        // Responses also with their nodes in compact form, as the routing table hands them over.
        return Arbitraries.oneOf(KrpcArbitraries.messages(), KrpcArbitraries.responses().map(r -> new KrpcResponse(
                r.tid(), r.sender(), compact(r.nodes()), r.values(), r.token(), r.requesterIp())));
    }

    private static List<Contact> compact(List<Contact> nodes) {
        byte[] b = new byte[nodes.size() * Contact.COMPACT_BYTES];
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).writeCompact(b, i * Contact.COMPACT_BYTES);
        }
        CompactContacts cc = new CompactContacts(b);
        assertThat(cc).isEqualTo(nodes);
        return cc;
    }

    @Property(tries = 5000)
    void decode_shouldGiveTheGeneralDecodersVerdict(@ForAll("inputs") byte[] data) {
        KrpcDecodeResult fast = codec.decode(data);
        Statistics.collect(fast.getClass().getSimpleName());
        assertSame(fast, codec.decodeReference(data));
        assertSame(tight.decode(data), tight.decodeReference(data));
    }

    private static void assertSame(KrpcDecodeResult actual, KrpcDecodeResult expected) {
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        if (actual instanceof KrpcDecodeResult.Decoded d) {
            KrpcMessage e = ((KrpcDecodeResult.Decoded) expected).message();
            assertThat(d.message().getClass()).isEqualTo(e.getClass());
            assertThat(normalise(d.message())).usingRecursiveComparison().isEqualTo(normalise(e));
        } else {
            assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    /** Compares node lists by their contacts, whatever list class holds them. */
    private static Object normalise(KrpcMessage m) {
        if (m instanceof KrpcResponse r) {
            return new KrpcResponse(r.tid(), r.sender(), new ArrayList<>(r.nodes()), new ArrayList<>(r.values()), r.token(),
                    r.requesterIp());
        }
        return m;
    }
}
