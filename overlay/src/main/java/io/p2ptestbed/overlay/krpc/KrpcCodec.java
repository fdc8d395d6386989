package io.p2ptestbed.overlay.krpc;

import io.p2ptestbed.overlay.bencode.Bencode;
import io.p2ptestbed.overlay.bencode.BencodeLimits;
import io.p2ptestbed.overlay.bencode.BencodeResult;
import io.p2ptestbed.overlay.bencode.BencodeWriter;
import io.p2ptestbed.overlay.id.CompactContacts;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * BEP 5 KRPC codec: typed messages to bencoded datagrams and back. Every runtime, the in-memory one
 * included, sends each message through this codec. {@link #decode} never throws.
 */
public final class KrpcCodec {

    /** Client version ("v"): two letters and two version bytes, as BEP 20 suggests. */
    public static final byte[] VERSION = {'T', 'B', 0, 1};
    public static final int MAX_TID_BYTES = 16;

    private final BencodeLimits limits;
    private final boolean fastPath;

    public KrpcCodec() {
        this(BencodeLimits.KRPC);
    }

    public KrpcCodec(BencodeLimits limits) {
        this.limits = limits;
        // The fast decoder handles messages nested three deep (values list in "r") with at most 8 keys a level.
        this.fastPath = limits.maxDepth() >= 3 && limits.maxItems() >= 8;
    }

    /** The straightforward encoder, kept as the reference the fast one is tested against. */
    byte[] encodeReference(KrpcMessage m) {
        BencodeWriter w = new BencodeWriter().dict();
        if (m instanceof KrpcQuery q) {
            w.key("a").dict().key("id").string(q.sender().toBytes());
            if (q instanceof KrpcQuery.FindNode f) {
                w.key("target").string(f.target().toBytes());
            } else if (q instanceof KrpcQuery.GetPeers g) {
                w.key("info_hash").string(g.infoHash().toBytes());
            } else if (q instanceof KrpcQuery.AnnouncePeer a) {
                if (a.impliedPort()) {
                    w.key("implied_port").integer(1);
                }
                w.key("info_hash").string(a.infoHash().toBytes()).key("port").integer(a.port())
                        .key("token").string(a.token());
            }
            w.end().key("q").string(q.method()).key("t").string(q.tid()).key("v").string(VERSION).key("y").string("q");
        } else if (m instanceof KrpcResponse r) {
            if (r.requesterIp() != null) {
                w.key("ip").string(r.requesterIp().toCompact());
            }
            w.key("r").dict().key("id").string(r.sender().toBytes());
            if (!r.nodes().isEmpty()) {
                byte[] nodes = new byte[r.nodes().size() * Contact.COMPACT_BYTES];
                for (int i = 0; i < r.nodes().size(); i++) {
                    r.nodes().get(i).writeCompact(nodes, i * Contact.COMPACT_BYTES);
                }
                w.key("nodes").string(nodes);
            }
            if (r.token() != null) {
                w.key("token").string(r.token());
            }
            if (!r.values().isEmpty()) {
                w.key("values").list();
                for (NodeAddress a : r.values()) {
                    w.string(a.toCompact());
                }
                w.end();
            }
            w.end().key("t").string(r.tid()).key("v").string(VERSION).key("y").string("r");
        } else if (m instanceof KrpcError e) {
            w.key("e").list().integer(e.code()).string(e.message()).end()
                    .key("t").string(e.tid()).key("v").string(VERSION).key("y").string("e");
        }
        return w.end().toByteArray();
    }

    /**
     * Encodes a message. Writes the bencoding straight into an array of the exact size (a first pass
     * measures it); the bytes equal those of the general {@link BencodeWriter} path.
     */
    public byte[] encode(KrpcMessage m) {
        Out measure = new Out(null);
        write(m, measure);
        Out out = new Out(new byte[measure.p]);
        write(m, out);
        return out.b;
    }

    /**
     * Decodes a datagram. Well-formed messages made only of the keys this codec knows take a fast path
     * that reads the bytes in place; anything else (unknown keys, odd types, any error, any limit reached)
     * goes through the general strict decoder, so both paths give the same result for every input.
     */
    public KrpcDecodeResult decode(byte[] datagram) {
        if (fastPath && datagram != null && datagram.length <= limits.maxInputBytes()) {
            KrpcMessage m = new FastDecoder(datagram, limits.maxStringBytes(), limits.maxItems()).message();
            if (m != null) {
                return new KrpcDecodeResult.Decoded(m);
            }
        }
        return decodeReference(datagram);
    }

    /** The general decoder: strict bencode into maps, then KRPC semantics. */
    KrpcDecodeResult decodeReference(byte[] datagram) {
        BencodeResult br = Bencode.decode(datagram, limits);
        if (br instanceof BencodeResult.Malformed mal) {
            return new KrpcDecodeResult.Invalid(null, false, mal.toString());
        }
        Object root = ((BencodeResult.Ok) br).value();
        if (!(root instanceof Map<?, ?> dict)) {
            return new KrpcDecodeResult.Invalid(null, false, "top level is not a dictionary");
        }
        byte[] tid = bytes(dict.get("t"));
        byte[] y = bytes(dict.get("y"));
        boolean isQuery = y != null && y.length == 1 && y[0] == 'q';
        if (tid == null || tid.length > MAX_TID_BYTES) {
            return new KrpcDecodeResult.Invalid(null, isQuery, "missing or oversized transaction id 't'");
        }
        if (y == null || y.length != 1) {
            return new KrpcDecodeResult.Invalid(tid, false, "missing message type 'y'");
        }
        try {
            return switch (y[0]) {
                case 'q' -> decodeQuery(tid, dict);
                case 'r' -> new KrpcDecodeResult.Decoded(decodeResponse(tid, dict));
                case 'e' -> new KrpcDecodeResult.Decoded(decodeError(tid, dict));
                default -> new KrpcDecodeResult.Invalid(tid, false, "unknown message type '" + (char) y[0] + "'");
            };
        } catch (BadField e) {
            return new KrpcDecodeResult.Invalid(tid, y[0] == 'q', e.getMessage());
        }
    }

    private KrpcDecodeResult decodeQuery(byte[] tid, Map<?, ?> dict) throws BadField {
        byte[] q = bytes(dict.get("q"));
        if (q == null) {
            throw new BadField("query without method 'q'");
        }
        if (!(dict.get("a") instanceof Map<?, ?> args)) {
            throw new BadField("query without argument dictionary 'a'");
        }
        String method = new String(q, StandardCharsets.ISO_8859_1);
        NodeId sender = id(args, "id");
        KrpcQuery query = switch (method) {
            case "ping" -> new KrpcQuery.Ping(tid, sender);
            case "find_node" -> new KrpcQuery.FindNode(tid, sender, id(args, "target"));
            case "get_peers" -> new KrpcQuery.GetPeers(tid, sender, id(args, "info_hash"));
            case "announce_peer" -> {
                // BEP 5: "If it is present and non-zero, the port argument should be ignored".
                boolean implied = args.get("implied_port") instanceof Long l && l != 0L;
                long port = args.get("port") instanceof Long l ? l : (implied ? 0 : -1);
                if (port < 0 || port > 0xFFFF || (port == 0 && !implied)) {
                    throw new BadField("announce_peer 'port' missing or out of range");
                }
                byte[] token = bytes(args.get("token"));
                if (token == null) {
                    throw new BadField("announce_peer without 'token'");
                }
                yield new KrpcQuery.AnnouncePeer(tid, sender, id(args, "info_hash"), (int) port, token, implied);
            }
            default -> null;
        };
        return query == null ? new KrpcDecodeResult.UnknownMethod(tid, method) : new KrpcDecodeResult.Decoded(query);
    }

    private KrpcResponse decodeResponse(byte[] tid, Map<?, ?> dict) throws BadField {
        if (!(dict.get("r") instanceof Map<?, ?> r)) {
            throw new BadField("response without dictionary 'r'");
        }
        NodeId sender = id(r, "id");
        List<Contact> nodes = List.of();
        byte[] compact = bytes(r.get("nodes"));
        if (compact != null) {
            if (compact.length % Contact.COMPACT_BYTES != 0) {
                throw new BadField("'nodes' length " + compact.length + " is not a multiple of 26");
            }
            nodes = new ArrayList<>(compact.length / Contact.COMPACT_BYTES);
            for (int off = 0; off < compact.length; off += Contact.COMPACT_BYTES) {
                nodes.add(Contact.fromCompact(compact, off));
            }
        }
        List<NodeAddress> values = List.of();
        if (r.get("values") instanceof List<?> list) {
            values = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o instanceof byte[] b && b.length == NodeAddress.COMPACT_BYTES) {
                    values.add(NodeAddress.fromCompact(b, 0));
                }
            }
        }
        byte[] ip = bytes(dict.get("ip"));
        NodeAddress requester = ip != null && ip.length == NodeAddress.COMPACT_BYTES ? NodeAddress.fromCompact(ip, 0) : null;
        return new KrpcResponse(tid, sender, nodes, values, bytes(r.get("token")), requester);
    }

    private KrpcError decodeError(byte[] tid, Map<?, ?> dict) throws BadField {
        if (!(dict.get("e") instanceof List<?> e) || e.size() < 2 || !(e.get(0) instanceof Long code)
                || !(e.get(1) instanceof byte[] msg)) {
            throw new BadField("error without [code, message] list 'e'");
        }
        return new KrpcError(tid, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code)),
                new String(msg, StandardCharsets.UTF_8));
    }

    private static NodeId id(Map<?, ?> args, String key) throws BadField {
        byte[] b = bytes(args.get(key));
        if (b == null || b.length != NodeId.BYTES) {
            throw new BadField("'" + key + "' must be a 20-byte string");
        }
        return NodeId.fromBytes(b);
    }

    private static byte[] bytes(Object o) {
        return o instanceof byte[] b ? b : null;
    }

    // ---------------------------------------------------------------- fast encoder

    private static byte[] key(String k) {
        return (k.length() + ":" + k).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final byte[] K_A = key("a");
    private static final byte[] K_E = key("e");
    private static final byte[] K_ID = key("id");
    private static final byte[] K_IMPLIED_PORT = key("implied_port");
    private static final byte[] K_INFO_HASH = key("info_hash");
    private static final byte[] K_IP = key("ip");
    private static final byte[] K_NODES = key("nodes");
    private static final byte[] K_PORT = key("port");
    private static final byte[] K_Q = key("q");
    private static final byte[] K_R = key("r");
    private static final byte[] K_T = key("t");
    private static final byte[] K_TARGET = key("target");
    private static final byte[] K_TOKEN = key("token");
    private static final byte[] K_V = key("v");
    private static final byte[] K_VALUES = key("values");
    private static final byte[] K_Y = key("y");
    private static final byte[] M_PING = key("ping");
    private static final byte[] M_FIND_NODE = key("find_node");
    private static final byte[] M_GET_PEERS = key("get_peers");
    private static final byte[] M_ANNOUNCE_PEER = key("announce_peer");
    /** "1:v" "4:TB\0\1" "1:y" : the tail every message shares before its type letter. */
    private static final byte[] V_Y;

    static {
        byte[] v = key("v");
        byte[] y = key("y");
        V_Y = new byte[v.length + 2 + VERSION.length + y.length + 2];
        int p = 0;
        System.arraycopy(v, 0, V_Y, p, v.length);
        p += v.length;
        V_Y[p++] = (byte) ('0' + VERSION.length);
        V_Y[p++] = ':';
        System.arraycopy(VERSION, 0, V_Y, p, VERSION.length);
        p += VERSION.length;
        System.arraycopy(y, 0, V_Y, p, y.length);
        p += y.length;
        V_Y[p++] = '1';
        V_Y[p] = ':';
    }

    /** Writes into {@code b}, or only counts bytes when {@code b} is null. */
    private static final class Out {
        final byte[] b;
        int p;

        Out(byte[] b) {
            this.b = b;
        }

        void raw(int c) {
            if (b != null) {
                b[p] = (byte) c;
            }
            p++;
        }

        void raw(byte[] x) {
            if (b != null) {
                System.arraycopy(x, 0, b, p, x.length);
            }
            p += x.length;
        }

        void string(byte[] x) {
            digits(x.length);
            raw(':');
            raw(x);
        }

        void id(NodeId id) {
            raw('2');
            raw('0');
            raw(':');
            if (b != null) {
                id.writeTo(b, p);
            }
            p += NodeId.BYTES;
        }

        void address(NodeAddress a) {
            raw('6');
            raw(':');
            if (b != null) {
                a.writeCompact(b, p);
            }
            p += NodeAddress.COMPACT_BYTES;
        }

        void nodes(List<Contact> nodes) {
            if (nodes instanceof CompactContacts cc) {
                digits(cc.byteLength());
                raw(':');
                if (b != null) {
                    cc.writeTo(b, p);
                }
                p += cc.byteLength();
                return;
            }
            int n = nodes.size();
            digits((long) n * Contact.COMPACT_BYTES);
            raw(':');
            if (b != null) {
                for (int i = 0; i < n; i++) {
                    nodes.get(i).writeCompact(b, p + i * Contact.COMPACT_BYTES);
                }
            }
            p += n * Contact.COMPACT_BYTES;
        }

        void integer(long v) {
            raw('i');
            digits(v);
            raw('e');
        }

        void digits(long v) {
            if (v >= 0 && v < 1000) { // string lengths and small integers: almost every call
                int x = (int) v;
                int n = x < 10 ? 1 : x < 100 ? 2 : 3;
                if (b != null) {
                    for (int i = p + n - 1; i >= p; i--) {
                        b[i] = (byte) ('0' + x % 10);
                        x /= 10;
                    }
                }
                p += n;
                return;
            }
            if (v < 0) {
                if (v == Long.MIN_VALUE) {
                    raw(Long.toString(v).getBytes(StandardCharsets.ISO_8859_1));
                    return;
                }
                raw('-');
                v = -v;
            }
            int n = 1;
            for (long x = v; x >= 10; x /= 10) {
                n++;
            }
            if (b != null) {
                for (int i = n - 1; i >= 0; i--) {
                    b[p + i] = (byte) ('0' + (v % 10));
                    v /= 10;
                }
            }
            p += n;
        }
    }

    private static void write(KrpcMessage m, Out o) {
        o.raw('d');
        if (m instanceof KrpcQuery q) {
            o.raw(K_A);
            o.raw('d');
            o.raw(K_ID);
            o.id(q.sender());
            byte[] method;
            if (q instanceof KrpcQuery.FindNode f) {
                o.raw(K_TARGET);
                o.id(f.target());
                method = M_FIND_NODE;
            } else if (q instanceof KrpcQuery.GetPeers g) {
                o.raw(K_INFO_HASH);
                o.id(g.infoHash());
                method = M_GET_PEERS;
            } else if (q instanceof KrpcQuery.AnnouncePeer a) {
                if (a.impliedPort()) {
                    o.raw(K_IMPLIED_PORT);
                    o.integer(1);
                }
                o.raw(K_INFO_HASH);
                o.id(a.infoHash());
                o.raw(K_PORT);
                o.integer(a.port());
                o.raw(K_TOKEN);
                o.string(a.token());
                method = M_ANNOUNCE_PEER;
            } else {
                method = M_PING;
            }
            o.raw('e');
            o.raw(K_Q);
            o.raw(method);
            o.raw(K_T);
            o.string(q.tid());
            o.raw(V_Y);
            o.raw('q');
        } else if (m instanceof KrpcResponse r) {
            if (r.requesterIp() != null) {
                o.raw(K_IP);
                o.address(r.requesterIp());
            }
            o.raw(K_R);
            o.raw('d');
            o.raw(K_ID);
            o.id(r.sender());
            if (!r.nodes().isEmpty()) {
                o.raw(K_NODES);
                o.nodes(r.nodes());
            }
            if (r.token() != null) {
                o.raw(K_TOKEN);
                o.string(r.token());
            }
            if (!r.values().isEmpty()) {
                o.raw(K_VALUES);
                o.raw('l');
                for (NodeAddress a : r.values()) {
                    o.address(a);
                }
                o.raw('e');
            }
            o.raw('e');
            o.raw(K_T);
            o.string(r.tid());
            o.raw(V_Y);
            o.raw('r');
        } else if (m instanceof KrpcError e) {
            o.raw(K_E);
            o.raw('l');
            o.integer(e.code());
            o.string(e.message().getBytes(StandardCharsets.UTF_8));
            o.raw('e');
            o.raw(K_T);
            o.string(e.tid());
            o.raw(V_Y);
            o.raw('e');
        }
        o.raw('e');
    }

    // ---------------------------------------------------------------- fast decoder

    /**
     * Reads one datagram in place, accepting only canonical bencoding of the keys this codec writes, in
     * strictly ascending order, within the limits. Returns null at the first thing it does not accept
     * (including every error): the caller then runs the general decoder, which gives the verdict.
     */
    private static final class FastDecoder {
        private static final byte[][] TOP = {"a".getBytes(StandardCharsets.ISO_8859_1), "e".getBytes(StandardCharsets.ISO_8859_1),
                "ip".getBytes(StandardCharsets.ISO_8859_1), "q".getBytes(StandardCharsets.ISO_8859_1),
                "r".getBytes(StandardCharsets.ISO_8859_1), "t".getBytes(StandardCharsets.ISO_8859_1),
                "v".getBytes(StandardCharsets.ISO_8859_1), "y".getBytes(StandardCharsets.ISO_8859_1)};
        private static final byte[][] ARGS = {"id".getBytes(StandardCharsets.ISO_8859_1),
                "implied_port".getBytes(StandardCharsets.ISO_8859_1), "info_hash".getBytes(StandardCharsets.ISO_8859_1),
                "port".getBytes(StandardCharsets.ISO_8859_1), "target".getBytes(StandardCharsets.ISO_8859_1),
                "token".getBytes(StandardCharsets.ISO_8859_1)};
        private static final byte[][] REPLY = {"id".getBytes(StandardCharsets.ISO_8859_1),
                "nodes".getBytes(StandardCharsets.ISO_8859_1), "token".getBytes(StandardCharsets.ISO_8859_1),
                "values".getBytes(StandardCharsets.ISO_8859_1)};
        private static final int A_ID = 0;
        private static final int A_IMPLIED_PORT = 1;
        private static final int A_INFO_HASH = 2;
        private static final int A_PORT = 3;
        private static final int A_TARGET = 4;
        private static final int A_TOKEN = 5;

        private final byte[] in;
        private final int maxString;
        private final int maxItems;
        private int pos;
        private int len;
        private boolean ok = true;
        private long intValue;

        // top level: start offsets of string values (-1 when absent) and their lengths
        private int t = -1;
        private int tLen;
        private int y = -1;
        private int yLen;
        private int q = -1;
        private int qLen;
        private int ip = -1;
        private int ipLen;
        // "a"
        private boolean hasArgs;
        private final int[] argAt = {-1, -1, -1, -1, -1, -1};
        private final int[] argLen = new int[6];
        private final long[] argInt = new long[6];
        // "r"
        private boolean hasReply;
        private int rId = -1;
        private int rIdLen;
        private int rNodes = -1;
        private int rNodesLen;
        private int rToken = -1;
        private int rTokenLen;
        private List<NodeAddress> rValues;
        // "e"
        private boolean hasError;
        private long eCode;
        private int eMsg;
        private int eMsgLen;

        FastDecoder(byte[] in, int maxString, int maxItems) {
            this.in = in;
            this.maxString = maxString;
            this.maxItems = maxItems;
        }

        /** Parses a canonical string header at pos; leaves pos at the data and returns its offset, or -1. */
        private int string() {
            int end = in.length;
            if (pos >= end) {
                return -1;
            }
            int c = in[pos];
            int n;
            if (c == '0') {
                n = 0;
                pos++;
            } else if (c >= '1' && c <= '9') {
                n = c - '0';
                pos++;
                int digits = 1;
                while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
                    if (++digits > 9) {
                        return -1;
                    }
                    n = n * 10 + (in[pos++] - '0');
                }
            } else {
                return -1;
            }
            if (pos >= end || in[pos] != ':') {
                return -1;
            }
            pos++;
            if (n > maxString || n > end - pos) {
                return -1;
            }
            int at = pos;
            len = n;
            pos += n;
            return at;
        }

        /** Parses a canonical integer at pos into intValue; false when it is not one. */
        private boolean integer() {
            int end = in.length;
            if (pos >= end || in[pos] != 'i') {
                return false;
            }
            pos++;
            boolean negative = pos < end && in[pos] == '-';
            if (negative) {
                pos++;
            }
            if (pos >= end) {
                return false;
            }
            long v;
            if (in[pos] == '0') {
                if (negative) {
                    return false;
                }
                v = 0;
                pos++;
            } else if (in[pos] >= '1' && in[pos] <= '9') {
                v = 0;
                int digits = 0;
                while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
                    if (++digits > 18) {
                        return false;
                    }
                    v = v * 10 + (in[pos++] - '0');
                }
            } else {
                return false;
            }
            if (pos >= end || in[pos] != 'e') {
                return false;
            }
            pos++;
            intValue = negative ? -v : v;
            return true;
        }

        /** The index of the key [at, at+len) in {@code keys}, or -1. */
        private int keyIndex(byte[][] keys, int at, int n) {
            for (int k = 0; k < keys.length; k++) {
                byte[] key = keys[k];
                if (key.length == n && Arrays.equals(in, at, at + n, key, 0, n)) {
                    return k;
                }
            }
            return -1;
        }

        KrpcMessage message() {
            if (in.length < 2 || in[0] != 'd') {
                return null;
            }
            pos = 1;
            int rank = -1;
            while (true) {
                if (pos >= in.length) {
                    return null;
                }
                if (in[pos] == 'e') {
                    pos++;
                    break;
                }
                int at = string();
                if (at < 0) {
                    return null;
                }
                int k = keyIndex(TOP, at, len);
                if (k <= rank) {
                    return null;
                }
                rank = k;
                switch (k) {
                    case 0 -> {
                        if (!args()) {
                            return null;
                        }
                    }
                    case 1 -> {
                        if (!error()) {
                            return null;
                        }
                    }
                    case 4 -> {
                        if (!reply()) {
                            return null;
                        }
                    }
                    default -> {
                        int v = string();
                        if (v < 0) {
                            return null;
                        }
                        switch (k) {
                            case 2 -> {
                                ip = v;
                                ipLen = len;
                            }
                            case 3 -> {
                                q = v;
                                qLen = len;
                            }
                            case 5 -> {
                                t = v;
                                tLen = len;
                            }
                            case 7 -> {
                                y = v;
                                yLen = len;
                            }
                            default -> {
                                // "v": any string, ignored
                            }
                        }
                    }
                }
            }
            if (pos != in.length || t < 0 || tLen > MAX_TID_BYTES || y < 0 || yLen != 1) {
                return null;
            }
            byte[] tid = Arrays.copyOfRange(in, t, t + tLen);
            return switch (in[y]) {
                case 'q' -> query(tid);
                case 'r' -> response(tid);
                case 'e' -> hasError ? new KrpcError(tid, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, eCode)),
                        new String(in, eMsg, eMsgLen, StandardCharsets.UTF_8)) : null;
                default -> null;
            };
        }

        private boolean args() {
            hasArgs = true;
            return knownDict(ARGS, true);
        }

        private boolean reply() {
            hasReply = true;
            return knownDict(REPLY, false);
        }

        /**
         * Walks a dictionary whose keys must all be in {@code keys}, in canonical (sorted) order, and
         * stores each value through {@link #argValue} or {@link #replyValue}.
         */
        private boolean knownDict(byte[][] keys, boolean isArgs) {
            if (pos >= in.length || in[pos] != 'd') {
                return false;
            }
            pos++;
            int rank = -1;
            while (true) {
                if (pos >= in.length) {
                    return false;
                }
                if (in[pos] == 'e') {
                    pos++;
                    return true;
                }
                int at = string();
                if (at < 0) {
                    return false;
                }
                int k = keyIndex(keys, at, len);
                if (k <= rank) {
                    return false;
                }
                rank = k;
                if (!(isArgs ? argValue(k) : replyValue(k))) {
                    return false;
                }
            }
        }

        private boolean argValue(int k) {
            if (k == A_IMPLIED_PORT || k == A_PORT) {
                if (!integer()) {
                    return false;
                }
                argInt[k] = intValue;
                argAt[k] = 0;
                return true;
            }
            int v = string();
            if (v < 0) {
                return false;
            }
            argAt[k] = v;
            argLen[k] = len;
            return true;
        }

        private boolean replyValue(int k) {
            if (k == 3) {
                return values();
            }
            int v = string();
            if (v < 0) {
                return false;
            }
            switch (k) {
                case 0 -> {
                    rId = v;
                    rIdLen = len;
                }
                case 1 -> {
                    rNodes = v;
                    rNodesLen = len;
                }
                default -> {
                    rToken = v;
                    rTokenLen = len;
                }
            }
            return true;
        }

        private boolean values() {
            if (pos >= in.length || in[pos] != 'l') {
                return false;
            }
            pos++;
            List<NodeAddress> out = new ArrayList<>();
            int count = 0;
            while (true) {
                if (pos >= in.length) {
                    return false;
                }
                if (in[pos] == 'e') {
                    pos++;
                    rValues = out;
                    return true;
                }
                if (++count > maxItems) {
                    return false;
                }
                int v = string();
                if (v < 0) {
                    return false;
                }
                if (len == NodeAddress.COMPACT_BYTES) {
                    out.add(NodeAddress.fromCompact(in, v));
                }
            }
        }

        private boolean error() {
            if (pos >= in.length || in[pos] != 'l') {
                return false;
            }
            pos++;
            if (!integer()) {
                return false;
            }
            eCode = intValue;
            int v = string();
            if (v < 0 || pos >= in.length || in[pos] != 'e') {
                return false;
            }
            pos++;
            eMsg = v;
            eMsgLen = len;
            hasError = true;
            return true;
        }

        private NodeId arg20(int k) {
            return argAt[k] >= 0 && argLen[k] == NodeId.BYTES ? NodeId.fromBytes(in, argAt[k]) : null;
        }

        private KrpcMessage query(byte[] tid) {
            if (q < 0 || !hasArgs) {
                return null;
            }
            NodeId sender = arg20(A_ID);
            if (sender == null) {
                return null;
            }
            if (Arrays.equals(in, q, q + qLen, M_FIND_NODE, 2, M_FIND_NODE.length)) {
                NodeId target = arg20(A_TARGET);
                return target == null ? null : new KrpcQuery.FindNode(tid, sender, target);
            }
            if (Arrays.equals(in, q, q + qLen, M_PING, 2, M_PING.length)) {
                return new KrpcQuery.Ping(tid, sender);
            }
            if (Arrays.equals(in, q, q + qLen, M_GET_PEERS, 2, M_GET_PEERS.length)) {
                NodeId hash = arg20(A_INFO_HASH);
                return hash == null ? null : new KrpcQuery.GetPeers(tid, sender, hash);
            }
            if (Arrays.equals(in, q, q + qLen, M_ANNOUNCE_PEER, 3, M_ANNOUNCE_PEER.length)) {
                boolean implied = argAt[A_IMPLIED_PORT] >= 0 && argInt[A_IMPLIED_PORT] != 0L;
                long port = argAt[A_PORT] >= 0 ? argInt[A_PORT] : (implied ? 0 : -1);
                if (port < 0 || port > 0xFFFF || (port == 0 && !implied) || argAt[A_TOKEN] < 0) {
                    return null;
                }
                NodeId hash = arg20(A_INFO_HASH);
                if (hash == null) {
                    return null;
                }
                byte[] token = Arrays.copyOfRange(in, argAt[A_TOKEN], argAt[A_TOKEN] + argLen[A_TOKEN]);
                return new KrpcQuery.AnnouncePeer(tid, sender, hash, (int) port, token, implied);
            }
            return null;
        }

        private KrpcMessage response(byte[] tid) {
            if (!hasReply || rId < 0 || rIdLen != NodeId.BYTES) {
                return null;
            }
            NodeId sender = NodeId.fromBytes(in, rId);
            List<Contact> nodes = List.of();
            if (rNodes >= 0) {
                if (rNodesLen % Contact.COMPACT_BYTES != 0) {
                    return null;
                }
                nodes = new CompactContacts(Arrays.copyOfRange(in, rNodes, rNodes + rNodesLen));
            }
            List<NodeAddress> values = rValues == null ? List.of() : rValues;
            NodeAddress requester = ip >= 0 && ipLen == NodeAddress.COMPACT_BYTES ? NodeAddress.fromCompact(in, ip) : null;
            byte[] token = rToken < 0 ? null : Arrays.copyOfRange(in, rToken, rToken + rTokenLen);
            return new KrpcResponse(tid, sender, nodes, values, token, requester);
        }
    }

    private static final class BadField extends Exception {
        BadField(String msg) {
            super(msg, null, false, false);
        }
    }
}
