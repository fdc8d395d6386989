package io.p2ptestbed.overlay.krpc;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KRPC codec against the BEP 5 examples, byte for byte, plus every rejection path. */
class KrpcCodecTest {

    private final KrpcCodec codec = new KrpcCodec();

    private static final byte[] AA = b("aa");
    private static final NodeId ABC = id("abcdefghij0123456789");
    private static final NodeId MNO = id("mnopqrstuvwxyz123456");
    private static final NodeId NUM = id("0123456789abcdefghij");
    /** The "v" entry our encoder adds (BEP 20 client version); the BEP 5 examples have none. */
    private static final String VERSION_ENTRY = "1:v4:TB\u0000\u0001";

    static byte[] b(String latin1) {
        return latin1.getBytes(ISO_8859_1);
    }

    static NodeId id(String twentyChars) {
        return NodeId.fromBytes(b(twentyChars));
    }

    private static String withoutVersion(byte[] encoded) {
        String s = new String(encoded, ISO_8859_1);
        assertThat(s).contains(VERSION_ENTRY);
        return s.replace(VERSION_ENTRY, "");
    }

    private KrpcMessage decoded(String bep5) {
        KrpcDecodeResult r = codec.decode(b(bep5));
        assertThat(r).as("decode of %s", bep5).isInstanceOf(KrpcDecodeResult.Decoded.class);
        return ((KrpcDecodeResult.Decoded) r).message();
    }

    private KrpcDecodeResult.Invalid invalid(String datagram) {
        KrpcDecodeResult r = codec.decode(b(datagram));
        assertThat(r).as("decode of %s", datagram).isInstanceOf(KrpcDecodeResult.Invalid.class);
        return (KrpcDecodeResult.Invalid) r;
    }

    // ------------------------------------------------------------------ BEP 5 examples: decode

    @Test
    void decode_shouldReadTheBep5PingQuery() {
        KrpcMessage m = decoded("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe");
        assertThat(m).isInstanceOf(KrpcQuery.Ping.class);
        KrpcQuery.Ping p = (KrpcQuery.Ping) m;
        assertThat(p.tid()).isEqualTo(AA);
        assertThat(p.sender()).isEqualTo(ABC);
        assertThat(p.method()).isEqualTo("ping");
    }

    @Test
    void decode_shouldReadTheBep5PingResponse() {
        KrpcResponse r = (KrpcResponse) decoded("d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re");
        assertThat(r.tid()).isEqualTo(AA);
        assertThat(r.sender()).isEqualTo(MNO);
        assertThat(r.nodes()).isEmpty();
        assertThat(r.values()).isEmpty();
        assertThat(r.token()).isNull();
        assertThat(r.requesterIp()).isNull();
    }

    @Test
    void decode_shouldReadTheBep5GenericError() {
        KrpcError e = (KrpcError) decoded("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee");
        assertThat(e.tid()).isEqualTo(AA);
        assertThat(e.code()).isEqualTo(KrpcError.GENERIC);
        assertThat(e.message()).isEqualTo("A Generic Error Ocurred");
    }

    @Test
    void decode_shouldReadTheBep5FindNodeQuery() {
        KrpcQuery.FindNode f = (KrpcQuery.FindNode) decoded(
                "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe");
        assertThat(f.sender()).isEqualTo(ABC);
        assertThat(f.target()).isEqualTo(MNO);
        assertThat(f.tid()).isEqualTo(AA);
    }

    @Test
    void decode_shouldRejectTheBep5FindNodeResponseBecauseItsNodesFieldIsAPlaceholder() {
        // BEP 5 prints "def456..." (9 bytes) where 26-byte compact node infos belong.
        KrpcDecodeResult.Invalid inv = invalid("d1:rd2:id20:0123456789abcdefghij5:nodes9:def456...e1:t2:aa1:y1:re");
        assertThat(inv.reason()).contains("multiple of 26");
        assertThat(inv.tid()).isEqualTo(AA);
        assertThat(inv.wasQuery()).isFalse();
    }

    @Test
    void decode_shouldReadAFindNodeResponseWithRealCompactNodeInfo() {
        String node1 = "mnopqrstuvwxyz123456" + "\u007f\u0000\u0000\u0002\u001a\u00e1"; // 127.0.0.2:6881
        String node2 = "abcdefghij0123456789" + "\u00c0\u00a8\u0001\u0001\u0000\u0050"; // 192.168.1.1:80
        KrpcResponse r = (KrpcResponse) decoded(
                "d1:rd2:id20:0123456789abcdefghij5:nodes52:" + node1 + node2 + "e1:t2:aa1:y1:re");
        assertThat(r.sender()).isEqualTo(NUM);
        assertThat(r.nodes()).containsExactly(new Contact(MNO, NodeAddress.of(127, 0, 0, 2, 6881)),
                new Contact(ABC, NodeAddress.of(192, 168, 1, 1, 80)));
    }

    @Test
    void decode_shouldReadTheBep5GetPeersQuery() {
        KrpcQuery.GetPeers g = (KrpcQuery.GetPeers) decoded(
                "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe");
        assertThat(g.sender()).isEqualTo(ABC);
        assertThat(g.infoHash()).isEqualTo(MNO);
    }

    @Test
    void decode_shouldReadTheBep5GetPeersResponseWithValues() {
        KrpcResponse r = (KrpcResponse) decoded(
                "d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re");
        assertThat(r.sender()).isEqualTo(ABC);
        assertThat(r.token()).isEqualTo(b("aoeusnth"));
        // "axje.u" is 97.120.106.101 port 0x2e75; "idhtnm" is 105.100.104.116 port 0x6e6d.
        assertThat(r.values()).containsExactly(NodeAddress.of('a', 'x', 'j', 'e', 0x2e75),
                NodeAddress.of('i', 'd', 'h', 't', 0x6e6d));
        assertThat(r.nodes()).isEmpty();
    }

    @Test
    void decode_shouldRejectTheBep5GetPeersResponseWithThePlaceholderNodes() {
        invalid("d1:rd2:id20:abcdefghij01234567895:nodes9:def456...5:token8:aoeusnthe1:t2:aa1:y1:re");
    }

    @Test
    void decode_shouldReadTheBep5AnnouncePeerQueryWithImpliedPort() {
        KrpcQuery.AnnouncePeer a = (KrpcQuery.AnnouncePeer) decoded("d1:ad2:id20:abcdefghij012345678912:implied_porti1e"
                + "9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe");
        assertThat(a.sender()).isEqualTo(ABC);
        assertThat(a.infoHash()).isEqualTo(MNO);
        assertThat(a.port()).isEqualTo(6881);
        assertThat(a.token()).isEqualTo(b("aoeusnth"));
        assertThat(a.impliedPort()).isTrue();
        assertThat(a.method()).isEqualTo("announce_peer");
    }

    @Test
    void decode_shouldReadAnAnnouncePeerQueryWithoutImpliedPort() {
        KrpcQuery.AnnouncePeer a = (KrpcQuery.AnnouncePeer) decoded("d1:ad2:id20:abcdefghij0123456789"
                + "9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe");
        assertThat(a.impliedPort()).isFalse();
        assertThat(a.port()).isEqualTo(6881);
    }

    @ParameterizedTest
    @CsvSource({"0, false", "1, true", "2, true"})
    void decode_shouldTreatAnyNonZeroImpliedPortAsImplied(int value, boolean implied) {
        KrpcQuery.AnnouncePeer a = (KrpcQuery.AnnouncePeer) decoded("d1:ad2:id20:abcdefghij012345678912:implied_porti"
                + value + "e9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe");
        assertThat(a.impliedPort()).isEqualTo(implied);
    }

    @Test
    void decode_shouldAcceptImpliedPortWithoutAPortKey() {
        KrpcQuery.AnnouncePeer a = (KrpcQuery.AnnouncePeer) decoded("d1:ad2:id20:abcdefghij012345678912:implied_porti1e"
                + "9:info_hash20:mnopqrstuvwxyz1234565:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe");
        assertThat(a.impliedPort()).isTrue();
        assertThat(a.port()).isZero();
    }

    @Test
    void decode_shouldReadTheBep5AnnouncePeerResponse() {
        KrpcResponse r = (KrpcResponse) decoded("d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re");
        assertThat(r.sender()).isEqualTo(MNO);
    }

    @Test
    void decode_shouldReadTheBep42IpField() {
        KrpcResponse r = (KrpcResponse) decoded(
                "d2:ip6:\u007f\u0000\u0000\u0007\u001a\u00e11:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re");
        assertThat(r.requesterIp()).isEqualTo(NodeAddress.of(127, 0, 0, 7, 6881));
    }

    // ------------------------------------------------------------------ BEP 5 examples: encode byte for byte

    @Test
    void encode_shouldProduceTheBep5QueriesByteForByteApartFromTheVersionKey() {
        assertThat(withoutVersion(codec.encode(new KrpcQuery.Ping(AA, ABC))))
                .isEqualTo("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe");
        assertThat(withoutVersion(codec.encode(new KrpcQuery.FindNode(AA, ABC, MNO))))
                .isEqualTo("d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe");
        assertThat(withoutVersion(codec.encode(new KrpcQuery.GetPeers(AA, ABC, MNO))))
                .isEqualTo("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe");
        assertThat(withoutVersion(codec.encode(new KrpcQuery.AnnouncePeer(AA, ABC, MNO, 6881, b("aoeusnth"), true))))
                .isEqualTo("d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz1234564:"
                        + "porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe");
    }

    @Test
    void encode_shouldProduceTheBep5ResponsesAndErrorByteForByteApartFromTheVersionKey() {
        assertThat(withoutVersion(codec.encode(KrpcResponse.pong(AA, MNO, null))))
                .isEqualTo("d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re");
        List<NodeAddress> values = List.of(NodeAddress.of('a', 'x', 'j', 'e', 0x2e75), NodeAddress.of('i', 'd', 'h', 't', 0x6e6d));
        assertThat(withoutVersion(codec.encode(new KrpcResponse(AA, ABC, List.of(), values, b("aoeusnth"), null))))
                .isEqualTo("d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re");
        assertThat(withoutVersion(codec.encode(new KrpcError(AA, 201, "A Generic Error Ocurred"))))
                .isEqualTo("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee");
    }

    @Test
    void encode_shouldWriteCompactNodeInfoAs26BytesPerNode() {
        Contact c1 = new Contact(MNO, NodeAddress.of(127, 0, 0, 2, 6881));
        Contact c2 = new Contact(ABC, NodeAddress.of(192, 168, 1, 1, 80));
        String enc = withoutVersion(codec.encode(new KrpcResponse(AA, NUM, List.of(c1, c2), List.of(), b("tok"), null)));
        assertThat(enc).isEqualTo("d1:rd2:id20:0123456789abcdefghij5:nodes52:"
                + "mnopqrstuvwxyz123456\u007f\u0000\u0000\u0002\u001a\u00e1"
                + "abcdefghij0123456789\u00c0\u00a8\u0001\u0001\u0000\u0050"
                + "5:token3:toke1:t2:aa1:y1:re");
    }

    @Test
    void encode_shouldPutTheRequesterIpAtTopLevelBeforeR() {
        String enc = withoutVersion(codec.encode(KrpcResponse.pong(AA, MNO, NodeAddress.of(127, 0, 0, 7, 6881))));
        assertThat(enc).isEqualTo("d2:ip6:\u007f\u0000\u0000\u0007\u001a\u00e11:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re");
    }

    // ------------------------------------------------------------------ rejections

    @Test
    void decode_shouldRejectDatagramsThatAreNotBencodedDictionaries() {
        assertThat(invalid("not bencode").tid()).isNull();
        assertThat(invalid("li1ee").reason()).contains("not a dictionary");
        assertThat(invalid("").wasQuery()).isFalse();
    }

    @Test
    void decode_shouldRejectAMissingOrOversizedTransactionIdWithoutATidToAnswer() {
        KrpcDecodeResult.Invalid noTid = invalid("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:y1:qe");
        assertThat(noTid.tid()).isNull();
        assertThat(noTid.wasQuery()).isTrue();
        KrpcDecodeResult.Invalid longTid = invalid("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t17:"
                + "x".repeat(17) + "1:y1:qe");
        assertThat(longTid.tid()).isNull();
        assertThat(longTid.reason()).contains("transaction id");
        KrpcDecodeResult.Invalid intTid = invalid("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:ti1e1:y1:qe");
        assertThat(intTid.tid()).isNull();
    }

    @Test
    void decode_shouldAcceptTheLongestAllowedTransactionId() {
        KrpcMessage m = decoded("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t16:" + "x".repeat(16) + "1:y1:qe");
        assertThat(m.tid()).hasSize(KrpcCodec.MAX_TID_BYTES);
    }

    @Test
    void decode_shouldRejectAMissingOrUnknownMessageType() {
        KrpcDecodeResult.Invalid noY = invalid("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aae");
        assertThat(noY.tid()).isEqualTo(AA);
        assertThat(noY.wasQuery()).isFalse();
        assertThat(invalid("d1:t2:aa1:y1:xe").reason()).contains("unknown message type");
        assertThat(invalid("d1:t2:aa1:y2:qqe").reason()).contains("'y'");
    }

    @Test
    void decode_shouldRejectQueriesWithBadArgumentsAsQueriesSoThatA203IsDue() {
        String[] bad = {
            "d1:ad2:id20:abcdefghij0123456789e1:t2:aa1:y1:qe",                                   // no method
            "d1:q4:ping1:t2:aa1:y1:qe",                                                        // no arguments
            "d1:a4:spam1:q4:ping1:t2:aa1:y1:qe",                                               // arguments not a dict
            "d1:ad2:id19:abcdefghij012345678e1:q4:ping1:t2:aa1:y1:qe",                         // 19-byte id
            "d1:ad2:idi5ee1:q4:ping1:t2:aa1:y1:qe",                                            // integer id
            "d1:ade1:q4:ping1:t2:aa1:y1:qe",                                                   // no id
            "d1:ad2:id20:abcdefghij0123456789e1:q9:find_node1:t2:aa1:y1:qe",                   // no target
            "d1:ad2:id20:abcdefghij0123456789e1:q9:get_peers1:t2:aa1:y1:qe",                   // no info_hash
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti0e5:token1:xe"
                    + "1:q13:announce_peer1:t2:aa1:y1:qe",                                          // port 0, not implied
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti65536e5:token1:xe"
                    + "1:q13:announce_peer1:t2:aa1:y1:qe",                                          // port too big
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234565:token1:xe"
                    + "1:q13:announce_peer1:t2:aa1:y1:qe",                                          // no port
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti6881ee"
                    + "1:q13:announce_peer1:t2:aa1:y1:qe",                                          // no token
        };
        for (String datagram : bad) {
            KrpcDecodeResult.Invalid inv = invalid(datagram);
            assertThat(inv.wasQuery()).as(datagram).isTrue();
            assertThat(inv.tid()).as(datagram).isEqualTo(AA);
        }
    }

    @Test
    void decode_shouldReportAnUnknownMethodWithItsTransactionId() {
        KrpcDecodeResult r = codec.decode(b("d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:aa1:y1:qe"));
        assertThat(r).isInstanceOf(KrpcDecodeResult.UnknownMethod.class);
        KrpcDecodeResult.UnknownMethod um = (KrpcDecodeResult.UnknownMethod) r;
        assertThat(um.method()).isEqualTo("vote");
        assertThat(um.tid()).isEqualTo(AA);
    }

    @Test
    void decode_shouldRejectResponsesAndErrorsWithoutTheirBody() {
        assertThat(invalid("d1:t2:aa1:y1:re").wasQuery()).isFalse();
        invalid("d1:rd2:id3:abce1:t2:aa1:y1:re");
        invalid("d1:t2:aa1:y1:ee");
        invalid("d1:eli201ee1:t2:aa1:y1:ee");
        invalid("d1:el3:abci201ee1:t2:aa1:y1:ee");
    }

    @Test
    void decode_shouldSkipValuesEntriesThatAreNotSixBytes() {
        KrpcResponse r = (KrpcResponse) decoded(
                "d1:rd2:id20:abcdefghij01234567896:valuesl6:axje.u3:abci7e6:idhtnmee1:t2:aa1:y1:re");
        assertThat(r.values()).hasSize(2);
    }

    @Test
    void decode_shouldClampHugeErrorCodesIntoTheIntRange() {
        KrpcError e = (KrpcError) decoded("d1:eli99999999999e1:xe1:t2:aa1:y1:ee");
        assertThat(e.code()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void decode_shouldRespectCustomLimits() {
        KrpcCodec tight = new KrpcCodec(new io.p2ptestbed.overlay.bencode.BencodeLimits(40, 8, 100, 10));
        assertThat(tight.decode(b("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe")))
                .isInstanceOf(KrpcDecodeResult.Invalid.class);
    }
}
