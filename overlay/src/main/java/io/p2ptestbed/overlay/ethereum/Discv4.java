package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.ethereum.Rlp.Bytes;
import io.p2ptestbed.overlay.ethereum.Rlp.ItemList;
import io.p2ptestbed.overlay.ethereum.Rlp.RlpException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Node Discovery Protocol v4 wire format (devp2p discv4.md): {@code packet = hash || signature || packet-type ||
 * packet-data}, hash = keccak256(signature || type || data), signature = sign(keccak256(type || data)) with the
 * sender's secp256k1 key, data an RLP list. Ping (1), Pong (2), FindNode (3), Neighbors (4); at most 1,280 bytes;
 * extra list elements are ignored (EIP-8 forward compatibility), as geth does. ENRRequest/ENRResponse (EIP-868) are
 * not spoken: a node refuses them as unsupported.
 *
 * <p>The decoder is strict and names what is wrong (too short or long, a hash that does not match, a signature that
 * recovers no key, an unknown type, RLP that is malformed or not the packet's shape); the node counts and drops such
 * packets.
 */
public final class Discv4 {

    public static final int MAX_PACKET = 1280;
    public static final int HEAD = 32 + NodeKey.SIG_BYTES;
    public static final int VERSION = 4;
    /** Nodes in one Neighbors packet (geth's maxNeighbors), so that it fits 1,280 bytes. */
    public static final int MAX_NEIGHBORS = 12;

    private Discv4() {}

    /** An endpoint: IPv4 address (as an int), UDP and TCP ports. */
    public record Endpoint(int ip, int udp, int tcp) {}

    /** A node in a Neighbors packet. */
    public record NodeRecord(int ip, int udp, int tcp, byte[] id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof NodeRecord n && n.ip == ip && n.udp == udp && n.tcp == tcp && Arrays.equals(n.id, id);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(id) * 31 + ip;
        }

        @Override
        public String toString() {
            return "NodeRecord[" + Hex.shortHex(id) + "@" + (ip >>> 24) + "." + (ip >>> 16 & 255) + "." + (ip >>> 8 & 255) + "."
                    + (ip & 255) + ":" + udp + "/" + tcp + "]";
        }
    }

    public sealed interface Packet permits Ping, Pong, FindNode, Neighbors {
        int type();

        long expiration();
    }

    /** enrSeq is -1 when absent. */
    public record Ping(int version, Endpoint from, Endpoint to, long expiration, long enrSeq) implements Packet {
        public int type() {
            return 1;
        }
    }

    public record Pong(Endpoint to, byte[] pingHash, long expiration, long enrSeq) implements Packet {
        public int type() {
            return 2;
        }
    }

    public record FindNode(byte[] target, long expiration) implements Packet {
        public int type() {
            return 3;
        }
    }

    public record Neighbors(List<NodeRecord> nodes, long expiration) implements Packet {
        public int type() {
            return 4;
        }
    }

    /** A decoded packet with its sender's recovered id and its hash. */
    public record Decoded(Packet packet, byte[] sender, byte[] hash) {}

    /** A refused packet. */
    public static final class MalformedPacket extends IllegalArgumentException {
        public MalformedPacket(String message) {
            super(message);
        }
    }

    // --- encoding ---

    private static Object endpoint(Endpoint e) {
        return List.of(ip(e.ip()), (long) e.udp(), (long) e.tcp());
    }

    private static byte[] ip(int ip) {
        return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    }

    static Object body(Packet p) {
        if (p instanceof Ping x) {
            List<Object> l = new ArrayList<>(List.of((long) x.version(), endpoint(x.from()), endpoint(x.to()), x.expiration()));
            if (x.enrSeq() >= 0) {
                l.add(x.enrSeq());
            }
            return l;
        }
        if (p instanceof Pong x) {
            List<Object> l = new ArrayList<>(List.of(endpoint(x.to()), x.pingHash(), x.expiration()));
            if (x.enrSeq() >= 0) {
                l.add(x.enrSeq());
            }
            return l;
        }
        if (p instanceof FindNode x) {
            return List.of(x.target(), x.expiration());
        }
        Neighbors x = (Neighbors) p;
        List<Object> nodes = new ArrayList<>();
        for (NodeRecord n : x.nodes()) {
            nodes.add(List.of(ip(n.ip()), (long) n.udp(), (long) n.tcp(), n.id()));
        }
        return List.of(nodes, x.expiration());
    }

    /** Encodes and signs a packet; returns the datagram (its first 32 bytes are its hash). */
    public static byte[] encode(NodeKey key, Packet p) {
        byte[] rlp = Rlp.encode(body(p));
        byte[] out = new byte[HEAD + 1 + rlp.length];
        out[HEAD] = (byte) p.type();
        System.arraycopy(rlp, 0, out, HEAD + 1, rlp.length);
        if (out.length > MAX_PACKET) {
            throw new IllegalArgumentException("a discv4 packet may not exceed " + MAX_PACKET + " bytes, this one has " + out.length);
        }
        byte[] sig = key.sign(NodeKey.keccak256(out, HEAD, out.length - HEAD));
        System.arraycopy(sig, 0, out, 32, sig.length);
        byte[] hash = NodeKey.keccak256(out, 32, out.length - 32);
        System.arraycopy(hash, 0, out, 0, 32);
        return out;
    }

    /** The hash of an encoded packet (its first 32 bytes). */
    public static byte[] hashOf(byte[] packet) {
        return Arrays.copyOf(packet, 32);
    }

    // --- decoding ---

    public static Decoded decode(byte[] b) {
        return decode(b, Recoveries.NONE);
    }

    /** {@link #decode(byte[])}, recovering the sender through {@code recoveries} (the receiver's, see {@link Recoveries}). */
    public static Decoded decode(byte[] b, Recoveries recoveries) {
        if (b.length < HEAD + 2) {
            throw new MalformedPacket("discv4 packet of " + b.length + " bytes is shorter than the " + (HEAD + 2) + "-byte minimum");
        }
        if (b.length > MAX_PACKET) {
            throw new MalformedPacket("discv4 packet of " + b.length + " bytes exceeds " + MAX_PACKET);
        }
        byte[] hash = NodeKey.keccak256(b, 32, b.length - 32);
        if (!Arrays.equals(hash, 0, 32, b, 0, 32)) {
            throw new MalformedPacket("discv4 packet hash does not match keccak256(signature || type || data)");
        }
        int type = b[HEAD] & 0xFF;
        if (type < 1 || type > 4) {
            throw new MalformedPacket("unsupported discv4 packet type " + type + " (this node speaks ping, pong, findnode, neighbors)");
        }
        byte[] sender;
        try {
            sender = recoveries.recover(NodeKey.keccak256(b, HEAD, b.length - HEAD), b, 32);
        } catch (IllegalArgumentException e) {
            throw new MalformedPacket("discv4 signature: " + e.getMessage());
        }
        Packet p;
        try {
            ItemList l = Rlp.decodeList(b, HEAD + 1, b.length - HEAD - 1, "packet data");
            p = switch (type) {
                case 1 -> ping(l);
                case 2 -> pong(l);
                case 3 -> findNode(l);
                default -> neighbors(l);
            };
        } catch (RlpException e) {
            throw new MalformedPacket("discv4 " + name(type) + ": " + e.getMessage());
        }
        return new Decoded(p, sender, hash);
    }

    static String name(int type) {
        return switch (type) {
            case 1 -> "ping";
            case 2 -> "pong";
            case 3 -> "findnode";
            case 4 -> "neighbors";
            default -> "type " + type;
        };
    }

    private static int readIp(Bytes b, String what) {
        byte[] v = b.value();
        if (v.length == 4) {
            return (v[0] & 0xFF) << 24 | (v[1] & 0xFF) << 16 | (v[2] & 0xFF) << 8 | (v[3] & 0xFF);
        }
        if (v.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (v[i] != 0) {
                    throw new RlpException(what + " is an IPv6 address; the lab speaks IPv4 only");
                }
            }
            if (v[10] != (byte) 0xFF || v[11] != (byte) 0xFF) {
                throw new RlpException(what + " is an IPv6 address; the lab speaks IPv4 only");
            }
            return (v[12] & 0xFF) << 24 | (v[13] & 0xFF) << 16 | (v[14] & 0xFF) << 8 | (v[15] & 0xFF);
        }
        throw new RlpException(what + " must be 4 or 16 bytes, got " + v.length);
    }

    private static int port(Bytes b, String what) {
        return (int) b.asLong(2, what);
    }

    private static Endpoint endpoint(ItemList l, String what) {
        l.atLeast(3, what);
        return new Endpoint(readIp(l.bytes(0, what + " ip"), what + " ip"), port(l.bytes(1, what + " udp port"), what + " udp port"),
                port(l.bytes(2, what + " tcp port"), what + " tcp port"));
    }

    private static long expiration(ItemList l, int i) {
        return l.bytes(i, "expiration").asLong(8, "expiration");
    }

    private static long enrSeq(ItemList l, int i) {
        return l.size() > i && l.items().get(i) instanceof Bytes b ? b.asLong(8, "enr-seq") : -1;
    }

    private static Ping ping(ItemList l) {
        l.atLeast(4, "ping");
        return new Ping((int) l.bytes(0, "version").asLong(4, "version"), endpoint(l.list(1, "from"), "from"),
                endpoint(l.list(2, "to"), "to"), expiration(l, 3), enrSeq(l, 4));
    }

    private static Pong pong(ItemList l) {
        l.atLeast(3, "pong");
        return new Pong(endpoint(l.list(0, "to"), "to"), l.bytes(1, "ping-hash").exactly(32, "ping-hash"), expiration(l, 2),
                enrSeq(l, 3));
    }

    private static FindNode findNode(ItemList l) {
        l.atLeast(2, "findnode");
        return new FindNode(l.bytes(0, "target").exactly(NodeKey.ID_BYTES, "target"), expiration(l, 1));
    }

    private static Neighbors neighbors(ItemList l) {
        l.atLeast(2, "neighbors");
        ItemList nodes = l.list(0, "nodes");
        if (nodes.size() > MAX_NEIGHBORS) {
            throw new RlpException("neighbors carries " + nodes.size() + " nodes, at most " + MAX_NEIGHBORS);
        }
        List<NodeRecord> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            ItemList n = nodes.list(i, "node " + i).atLeast(4, "node " + i);
            out.add(new NodeRecord(readIp(n.bytes(0, "node ip"), "node ip"), port(n.bytes(1, "node udp port"), "node udp port"),
                    port(n.bytes(2, "node tcp port"), "node tcp port"), n.bytes(3, "node id").exactly(NodeKey.ID_BYTES, "node id")));
        }
        return new Neighbors(out, expiration(l, 1));
    }
}
