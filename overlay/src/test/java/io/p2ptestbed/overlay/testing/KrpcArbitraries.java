package io.p2ptestbed.overlay.testing;

import io.p2ptestbed.overlay.bencode.BencodeWriter;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for ids, addresses and every KRPC message type, shared by codec and node properties. */
public final class KrpcArbitraries {

    private KrpcArbitraries() {}

    public static Arbitrary<NodeId> nodeIds() {
        return Arbitraries.bytes().array(byte[].class).ofSize(NodeId.BYTES).map(NodeId::fromBytes);
    }

    public static Arbitrary<byte[]> tids() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(KrpcCodec.MAX_TID_BYTES);
    }

    public static Arbitrary<NodeAddress> addresses() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 0xFFFF)).as(NodeAddress::new);
    }

    public static Arbitrary<Contact> contacts() {
        return Combinators.combine(nodeIds(), addresses()).as(Contact::new);
    }

    public static Arbitrary<KrpcQuery> queries() {
        Arbitrary<KrpcQuery> ping = Combinators.combine(tids(), nodeIds()).as(KrpcQuery.Ping::new);
        Arbitrary<KrpcQuery> findNode = Combinators.combine(tids(), nodeIds(), nodeIds()).as(KrpcQuery.FindNode::new);
        Arbitrary<KrpcQuery> getPeers = Combinators.combine(tids(), nodeIds(), nodeIds()).as(KrpcQuery.GetPeers::new);
        Arbitrary<KrpcQuery> announce = Combinators.combine(tids(), nodeIds(), nodeIds(),
                        Arbitraries.integers().between(1, 0xFFFF),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(40), Arbitraries.of(true, false))
                .as(KrpcQuery.AnnouncePeer::new);
        return Arbitraries.oneOf(ping, findNode, getPeers, announce);
    }

    public static Arbitrary<KrpcResponse> responses() {
        return Combinators.combine(tids(), nodeIds(), contacts().list().ofMaxSize(16), addresses().list().ofMaxSize(50),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).injectNull(0.3),
                        addresses().injectNull(0.3))
                .as(KrpcResponse::new);
    }

    public static Arbitrary<KrpcError> errors() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff')
                .withCharRange('\u4e00', '\u4e20').ofMaxLength(200);
        return Combinators.combine(tids(), Arbitraries.integers().between(-1_000, 100_000), text).as(KrpcError::new);
    }

    public static Arbitrary<KrpcMessage> messages() {
        return Arbitraries.oneOf(queries(), responses(), errors());
    }

    /** Encoded valid messages, the raw material of the mutation fuzzers. */
    public static Arbitrary<byte[]> validDatagrams() {
        KrpcCodec codec = new KrpcCodec();
        return Arbitraries.oneOf(messages().map(codec::encode), Arbitraries.of(Bep5.EXAMPLES)
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1)), unknownMethodQueries());
    }

    /** Well-formed queries for methods BEP 5 does not define (BEP 44's get/put, BEP 51, made-up names). */
    public static Arbitrary<byte[]> unknownMethodQueries() {
        Arbitrary<String> methods = Arbitraries.oneOf(Arbitraries.of("get", "put", "sample_infohashes", "vote", "PING"),
                Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(16))
                .filter(m -> !List.of("ping", "find_node", "get_peers", "announce_peer").contains(m));
        return Combinators.combine(tids(), nodeIds(), methods).as((tid, id, method) -> new BencodeWriter().dict()
                .key("a").dict().key("id").string(id.toBytes()).end()
                .key("q").string(method).key("t").string(tid).key("y").string("q").end().toByteArray());
    }

    /**
     * Queries with a readable transaction id and a broken argument: a wrong-length id, target or
     * info_hash, a missing or non-dictionary "a", an announce port out of range or a missing token.
     * A node must answer each with error 203.
     */
    public static Arbitrary<byte[]> invalidQueries() {
        Arbitrary<byte[]> badIds = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).filter(b -> b.length != NodeId.BYTES);
        Arbitrary<byte[]> goodIds = nodeIds().map(NodeId::toBytes);
        Arbitrary<byte[]> badSender = Combinators.combine(tids(), badIds, Arbitraries.of("ping", "find_node", "get_peers"))
                .as((tid, id, method) -> query(tid, method, new BencodeWriter().key("id").string(id)));
        Arbitrary<byte[]> badTarget = Combinators.combine(tids(), goodIds, badIds).as((tid, id, target) ->
                query(tid, "find_node", new BencodeWriter().key("id").string(id).key("target").string(target)));
        Arbitrary<byte[]> badPort = Combinators.combine(tids(), goodIds, goodIds,
                        Arbitraries.longs().filter(p -> p <= 0 || p > 0xFFFF))
                .as((tid, id, hash, port) -> query(tid, "announce_peer", new BencodeWriter().key("id").string(id)
                        .key("info_hash").string(hash).key("port").integer(port).key("token").string("tok")));
        Arbitrary<byte[]> noToken = Combinators.combine(tids(), goodIds, goodIds).as((tid, id, hash) ->
                query(tid, "announce_peer", new BencodeWriter().key("id").string(id).key("info_hash").string(hash)
                        .key("port").integer(6881)));
        Arbitrary<byte[]> noArgs = Combinators.combine(tids(), Arbitraries.of("ping", "get_peers", "vote"))
                .as((tid, method) -> new BencodeWriter().dict().key("q").string(method).key("t").string(tid)
                        .key("y").string("q").end().toByteArray());
        return Arbitraries.oneOf(badSender, badTarget, badPort, noToken, noArgs);
    }

    /** {@code d1:a d <args> e 1:q <method> 1:t <tid> 1:y 1:q e}; {@code args} holds the sorted argument entries. */
    private static byte[] query(byte[] tid, String method, BencodeWriter argEntries) {
        byte[] args = argEntries.toByteArray();
        byte[] head = new BencodeWriter().dict().key("a").toByteArray();
        byte[] tail = new BencodeWriter().key("q").string(method).key("t").string(tid).key("y").string("q").end()
                .toByteArray();
        byte[] out = new byte[head.length + 1 + args.length + 1 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = 'd';
        System.arraycopy(args, 0, out, head.length + 1, args.length);
        out[head.length + 1 + args.length] = 'e';
        System.arraycopy(tail, 0, out, head.length + 2 + args.length, tail.length);
        return out;
    }

    /** The BEP 5 example datagrams, verbatim. */
    public static final class Bep5 {
        public static final List<String> EXAMPLES = List.of(
                "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
                "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re",
                "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee",
                "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe",
                "d1:rd2:id20:0123456789abcdefghij5:nodes9:def456...e1:t2:aa1:y1:re",
                "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe",
                "d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re",
                "d1:rd2:id20:abcdefghij01234567895:nodes9:def456...5:token8:aoeusnthe1:t2:aa1:y1:re",
                "d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz1234564:porti6881e"
                        + "5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
                "d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:aa1:y1:qe");

        private Bep5() {}
    }
}
