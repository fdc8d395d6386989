package io.p2ptestbed.overlay.superpeer;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.index.IndexCodec;
import io.p2ptestbed.overlay.index.IndexCodec.Malformed;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The super-peer network's frames, strict, big-endian, one message per stream frame:
 *
 * <pre>
 * 'S' 'P' type(1)
 * HELLO (1)      role(1: 0 leaf, 1 super) port(2) capacity(2, 0..999) load(2)
 * SUPERS_REQ (2) nothing
 * SUPERS (3)     count(1, <= 64) count × (ip(4) port(2) capacity(2) load(2))
 * ATTACH (4)     count(1, <= 32) count × name
 * QUERY (5)      qid(8) ttl(1, 1..16) hops(1) name
 * HITS (6)       qid(8) origin ip(4) origin port(2) count(1, <= 100) count × (ip(4) port(2))
 * </pre>
 *
 * File names as the central index's ({@link IndexCodec#putName}). Anything else is a {@link Malformed} naming what
 * is wrong.
 */
public final class SuperPeerCodec {

    public static final int MAX_SUPERS = 64;
    public static final int MAX_NAMES = 32;
    public static final int MAX_HITS = 100;
    public static final int MAX_FRAME = 2048;

    private SuperPeerCodec() {}

    public static byte[] encode(SuperPeerMessage m) {
        ByteBuffer b = ByteBuffer.allocate(MAX_FRAME);
        b.put((byte) 'S').put((byte) 'P');
        if (m instanceof SuperPeerMessage.Hello h) {
            b.put((byte) 1).put((byte) (h.superPeer() ? 1 : 0)).putShort((short) h.port()).putShort((short) h.capacity())
                    .putShort((short) Math.min(0xFFFF, h.load()));
        } else if (m instanceof SuperPeerMessage.SupersRequest) {
            b.put((byte) 2);
        } else if (m instanceof SuperPeerMessage.Supers s) {
            List<SuperPeerMessage.SuperInfo> l = s.supers().subList(0, Math.min(MAX_SUPERS, s.supers().size()));
            b.put((byte) 3).put((byte) l.size());
            for (SuperPeerMessage.SuperInfo i : l) {
                b.putInt(i.address().ip()).putShort((short) i.address().port()).putShort((short) i.capacity())
                        .putShort((short) Math.min(0xFFFF, i.load()));
            }
        } else if (m instanceof SuperPeerMessage.Attach a) {
            if (a.files().size() > MAX_NAMES) {
                throw new IllegalArgumentException("at most " + MAX_NAMES + " files, got " + a.files().size());
            }
            b.put((byte) 4).put((byte) a.files().size());
            a.files().forEach(f -> IndexCodec.putName(b, f));
        } else if (m instanceof SuperPeerMessage.Query q) {
            b.put((byte) 5).putLong(q.qid()).put((byte) q.ttl()).put((byte) q.hops());
            IndexCodec.putName(b, q.file());
        } else if (m instanceof SuperPeerMessage.Hits h) {
            List<NodeAddress> l = h.peers().subList(0, Math.min(MAX_HITS, h.peers().size()));
            b.put((byte) 6).putLong(h.qid()).putInt(h.origin().ip()).putShort((short) h.origin().port()).put((byte) l.size());
            l.forEach(p -> b.putInt(p.ip()).putShort((short) p.port()));
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    public static SuperPeerMessage decode(byte[] f) throws Malformed {
        if (f.length < 3 || f[0] != 'S' || f[1] != 'P') {
            throw new Malformed("not a super-peer frame (" + f.length + " bytes, no 'SP' magic)");
        }
        if (f.length > MAX_FRAME) {
            throw new Malformed("a frame of " + f.length + " bytes is longer than " + MAX_FRAME);
        }
        ByteBuffer b = ByteBuffer.wrap(f, 3, f.length - 3);
        try {
            SuperPeerMessage m = switch (f[2]) {
                case 1 -> {
                    int role = b.get() & 0xFF;
                    if (role > 1) {
                        throw new Malformed("HELLO's role is 0 or 1, got " + role);
                    }
                    int port = b.getShort() & 0xFFFF;
                    int capacity = b.getShort() & 0xFFFF;
                    if (capacity > 999) {
                        throw new Malformed("a capacity is 0..999, got " + capacity);
                    }
                    yield new SuperPeerMessage.Hello(role == 1, port, capacity, b.getShort() & 0xFFFF);
                }
                case 2 -> new SuperPeerMessage.SupersRequest();
                case 3 -> {
                    int n = IndexCodec.count(b, MAX_SUPERS, "super-peers");
                    List<SuperPeerMessage.SuperInfo> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        NodeAddress a = new NodeAddress(b.getInt(), b.getShort() & 0xFFFF);
                        int capacity = b.getShort() & 0xFFFF;
                        if (capacity > 999) {
                            throw new Malformed("a capacity is 0..999, got " + capacity);
                        }
                        l.add(new SuperPeerMessage.SuperInfo(a, capacity, b.getShort() & 0xFFFF));
                    }
                    yield new SuperPeerMessage.Supers(List.copyOf(l));
                }
                case 4 -> {
                    int n = IndexCodec.count(b, MAX_NAMES, "files");
                    List<String> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        l.add(IndexCodec.name(b));
                    }
                    yield new SuperPeerMessage.Attach(List.copyOf(l));
                }
                case 5 -> {
                    long qid = b.getLong();
                    int ttl = b.get() & 0xFF;
                    if (ttl < 1 || ttl > 16) {
                        throw new Malformed("a query's TTL is 1..16, got " + ttl);
                    }
                    yield new SuperPeerMessage.Query(qid, ttl, b.get() & 0xFF, IndexCodec.name(b));
                }
                case 6 -> {
                    long qid = b.getLong();
                    NodeAddress origin = new NodeAddress(b.getInt(), b.getShort() & 0xFFFF);
                    int n = IndexCodec.count(b, MAX_HITS, "hits");
                    List<NodeAddress> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        l.add(new NodeAddress(b.getInt(), b.getShort() & 0xFFFF));
                    }
                    yield new SuperPeerMessage.Hits(qid, origin, List.copyOf(l));
                }
                default -> throw new Malformed("unknown frame type " + (f[2] & 0xFF));
            };
            if (b.hasRemaining()) {
                throw new Malformed(b.remaining() + " bytes left over after a frame of type " + f[2]);
            }
            return m;
        } catch (java.nio.BufferUnderflowException e) {
            throw new Malformed("frame of type " + (f[2] & 0xFF) + " cut off after " + f.length + " bytes");
        }
    }
}
