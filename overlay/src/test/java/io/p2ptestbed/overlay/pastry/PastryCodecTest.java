package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult.Decoded;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult.Malformed;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult.Reason;
import io.p2ptestbed.overlay.pastry.PastryMessage.*;
import io.p2ptestbed.overlay.testing.Mutations;
import java.util.Arrays;
import java.util.Collections;
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
 * Round trips of every message type, and hostile input as for the Chord and KRPC codecs: random bytes,
 * a valid header then random bytes, and valid datagrams with one to four mutations (bit flips,
 * truncations, splices, insertions, deletions). The decoder never throws; what it accepts re-encodes
 * byte for byte; what it refuses has a reason and a detail.
 */
class PastryCodecTest {

    private static final NodeId ID = new NodeId(1, 2, 0);
    private static final Contact C = new Contact(ID, NodeAddress.of(127, 0, 0, 1, 9000));

    @Provide
    Arbitrary<PastryMessage> messages() {
        return PastryArbitraries.messages();
    }

    @Property(tries = 2000)
    void everyMessage_shouldRoundTrip(@ForAll("messages") PastryMessage m) {
        byte[] bytes = PastryCodec.encode(m);
        assertThat(bytes).hasSize(PastryCodec.size(m));
        PastryDecodeResult r = PastryCodec.decode(bytes);
        assertThat(r).isInstanceOf(Decoded.class);
        assertThat(((Decoded) r).message()).isEqualTo(m);
        Statistics.collect(m.getClass().getSimpleName());
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        Arbitrary<byte[]> valid = PastryArbitraries.messages().map(PastryCodec::encode);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(PastryCodec.MAX_DATAGRAM + 100);
        Arbitrary<byte[]> headerThenRandom = Combinators.combine(Arbitraries.integers().between(0, 14),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200)).as((type, tail) -> {
                    byte[] out = new byte[PastryCodec.HEADER + tail.length];
                    out[0] = (byte) PastryCodec.MAGIC;
                    out[1] = (byte) PastryCodec.VERSION;
                    out[2] = (byte) (int) type;
                    System.arraycopy(tail, 0, out, PastryCodec.HEADER, tail.length);
                    return out;
                });
        Arbitrary<byte[]> mutated = Combinators.combine(valid, Mutations.mutations(valid).list().ofMinSize(1).ofMaxSize(4))
                .as((base, ms) -> {
                    byte[] out = base;
                    for (Mutations.Mutation m : ms) {
                        out = m.apply(out);
                    }
                    return out;
                });
        return Arbitraries.oneOf(random, headerThenRandom, mutated, mutated);
    }

    @Property(tries = 5000)
    void decode_shouldNeverThrowAndAcceptOnlyCanonicalInput(@ForAll("hostile") byte[] data) {
        PastryDecodeResult r = PastryCodec.decode(data);
        assertThat(r).isNotNull();
        Statistics.collect(r instanceof Malformed m ? m.reason() : "Decoded");
        if (r instanceof Decoded d) {
            assertThat(PastryCodec.encode(d.message())).as("accepted input re-encodes byte for byte").isEqualTo(data);
        } else {
            assertThat(((Malformed) r).detail()).isNotBlank();
        }
    }

    private static Reason reason(byte[] d) {
        return ((Malformed) PastryCodec.decode(d)).reason();
    }

    @Test
    void headerFaults_shouldBeTyped() {
        byte[] ping = PastryCodec.encode(new Ping(1, ID));
        assertThat(reason(Arrays.copyOf(ping, 5))).isEqualTo(Reason.TOO_SHORT);
        assertThat(reason(new byte[PastryCodec.MAX_DATAGRAM + 1])).isEqualTo(Reason.TOO_LONG);
        byte[] bad = ping.clone();
        bad[0] = 0;
        assertThat(reason(bad)).isEqualTo(Reason.BAD_MAGIC);
        bad = ping.clone();
        bad[1] = 9;
        assertThat(reason(bad)).isEqualTo(Reason.BAD_VERSION);
        bad = ping.clone();
        bad[2] = 99;
        assertThat(reason(bad)).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(reason(Arrays.copyOf(ping, ping.length + 1))).isEqualTo(Reason.TRAILING);
    }

    @Test
    void fieldFaults_shouldBeTypedAndNamed() {
        byte[] pong = PastryCodec.encode(new Pong(7, ID, List.of()));
        pong[PastryCodec.HEADER] = (byte) (PastryConfig.MAX_SET + 1);
        assertThat(reason(pong)).isEqualTo(Reason.BAD_COUNT);
        pong[PastryCodec.HEADER] = 3; // three contacts announced, none present
        assertThat(((Malformed) PastryCodec.decode(pong)).detail()).contains("leaf set");
        assertThat(reason(pong)).isEqualTo(Reason.TOO_SHORT);
        byte[] route = PastryCodec.encode(new Route(1, ID, ID, C, 5, 1, false));
        route[route.length - 1] = 4;
        assertThat(reason(route)).isEqualTo(Reason.BAD_FLAG);
        route[route.length - 1] = 2;
        assertThat(((Decoded) PastryCodec.decode(route)).message()).isEqualTo(new Route(1, ID, ID, C, 5, 1, false, true));
        route[route.length - 1] = 6; // an anycast copy: secure, not a join
        assertThat(((Decoded) PastryCodec.decode(route)).message()).isEqualTo(new Route(1, ID, ID, C, 5, 1, false, true, true));
        assertThat(PastryCodec.encode(new Route(1, ID, ID, C, 5, 1, false, true, true))).isEqualTo(route);
        for (int bad : new int[] {5, 7, 8}) { // anycast without secure, or with join; unknown bits
            route[route.length - 1] = (byte) bad;
            assertThat(((Malformed) PastryCodec.decode(route)).detail()).as("flags %d", bad).contains("anycast");
        }
        assertThatThrownBy(() -> new Route(1, ID, ID, C, 5, 1, true, true, true)).hasMessageContaining("anycast");
        byte[] state = PastryCodec.encode(new State(1, ID, Kind.ROW, 0, List.of()));
        state[PastryCodec.HEADER] = 9;
        assertThat(reason(state)).isEqualTo(Reason.BAD_FLAG);
        byte[] rowRequest = PastryCodec.encode(new RowRequest(1, ID, 0));
        rowRequest[PastryCodec.HEADER] = (byte) 200;
        assertThat(reason(rowRequest)).isEqualTo(Reason.BAD_COUNT);
        byte[] portZero = PastryCodec.encode(new Routed(1, ID, 1, List.of(C)));
        portZero[portZero.length - 1] = 0;
        portZero[portZero.length - 2] = 0;
        assertThat(reason(portZero)).isEqualTo(Reason.BAD_ID);
    }

    @Test
    void auditFaults_shouldBeTypedAndNamed() {
        byte[] link = PastryCodec.encode(new Link(1, ID, true));
        link[PastryCodec.HEADER] = 2;
        assertThat(reason(link)).isEqualTo(Reason.BAD_FLAG);
        assertThat(((Malformed) PastryCodec.decode(link)).detail()).contains("link add flag");
        byte[] linked = PastryCodec.encode(new Linked(1, ID, false));
        assertThat(reason(Arrays.copyOf(linked, linked.length - 1))).isEqualTo(Reason.TOO_SHORT);
        byte[] audit = PastryCodec.encode(new Audit(1, ID, AuditKind.OUT));
        audit[PastryCodec.HEADER] = 2;
        assertThat(((Malformed) PastryCodec.decode(audit)).detail()).contains("audit kind");
        byte[] relay = PastryCodec.encode(new AuditRelay(1, ID, AuditKind.IN, C));
        relay[relay.length - 1] = 0;
        relay[relay.length - 2] = 0;
        assertThat(reason(relay)).isEqualTo(Reason.BAD_ID);
        byte[] set = PastryCodec.encode(new AuditSet(1, ID, AuditKind.IN, List.of(C)));
        set[PastryCodec.HEADER + 1] = (byte) (PastryConfig.MAX_SET + 1);
        assertThat(reason(set)).isEqualTo(Reason.BAD_COUNT);
        assertThat(reason(Arrays.copyOf(PastryCodec.encode(new AuditSet(1, ID, AuditKind.OUT, List.of())), PastryCodec.HEADER + 3)))
                .isEqualTo(Reason.TRAILING);
    }

    @Test
    void aPongThatAsks_shouldCarryItsAskTidAfterTheHeader() {
        byte[] ask = PastryCodec.encode(new Pong(7, ID, List.of(C), true, 0x01020304));
        assertThat(ask[2]).as("type PONG_ASK").isEqualTo((byte) 13);
        assertThat(Arrays.copyOfRange(ask, PastryCodec.HEADER, PastryCodec.HEADER + 4)).containsExactly(1, 2, 3, 4);
        assertThat(ask).hasSize(PastryCodec.HEADER + 4 + 1 + PastryCodec.CONTACT);
        assertThat(reason(Arrays.copyOf(ask, PastryCodec.HEADER + 3))).isEqualTo(Reason.TOO_SHORT);
        assertThatThrownBy(() -> new Pong(7, ID, List.of(), false, 5)).hasMessageContaining("ask tid 0");
    }

    @Test
    void encode_shouldRefuseMoreContactsThanTheCodecCarries() {
        List<Contact> many = Collections.nCopies(PastryConfig.MAX_SET + 1, C);
        assertThatThrownBy(() -> PastryCodec.encode(new Pong(1, ID, many))).hasMessageContaining("at most 64 contacts");
    }
}
