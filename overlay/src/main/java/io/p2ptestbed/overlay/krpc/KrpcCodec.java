package io.p2ptestbed.overlay.krpc;

import io.p2ptestbed.overlay.bencode.Bencode;
import io.p2ptestbed.overlay.bencode.BencodeLimits;
import io.p2ptestbed.overlay.bencode.BencodeResult;
import io.p2ptestbed.overlay.bencode.BencodeWriter;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    public KrpcCodec() {
        this(BencodeLimits.KRPC);
    }

    public KrpcCodec(BencodeLimits limits) {
        this.limits = limits;
    }

    public byte[] encode(KrpcMessage m) {
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

    public KrpcDecodeResult decode(byte[] datagram) {
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

    private static final class BadField extends Exception {
        BadField(String msg) {
            super(msg, null, false, false);
        }
    }
}
