package io.p2ptestbed.overlay.epidemic;

import io.p2ptestbed.overlay.epidemic.EpidemicMessage.*;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The epidemic overlay's strict binary wire format, big-endian. Every datagram starts with a 23-byte header:
 * <pre>
 *   0      magic 0xE9
 *   1      version 1
 *   2      type: 1 JOIN, 2 MEMBERS, 3 PULL, 4 RUMOR, 5 FEEDBACK
 *   3..22  sender id, 20 bytes
 * </pre>
 * then the type's fields:
 * <pre>
 *   JOIN      tid u32
 *   MEMBERS   tid u32, chunk u16, chunks u16 (chunk &lt; chunks), next u32, count u8 (&lt;= 50), count contacts
 *             of 26 bytes (20-byte id, 4-byte IPv4, 2-byte port)
 *   PULL      tid u32, from u32
 *   RUMOR     message id i64, origin contact (26 bytes), hops u16, flags u8 (bit 0: feedback wanted; other bits
 *             must be 0), payload length u16 (&lt;= 1000), payload
 *   FEEDBACK  message id i64, knew u8 (0 or 1)
 * </pre>
 * A datagram must be exactly as long as its fields say; anything else is refused with a {@link Malformed}
 * naming what is wrong.
 */
public final class EpidemicCodec {

    public static final int MAGIC = 0xE9;
    public static final int VERSION = 1;
    public static final int HEADER = 23;
    public static final int CONTACT = NodeId.BYTES + NodeAddress.COMPACT_BYTES;
    public static final int MAX_MEMBERS_PER_CHUNK = 50;
    public static final int MAX_PAYLOAD = 1000;
    static final int JOIN = 1, MEMBERS = 2, PULL = 3, RUMOR = 4, FEEDBACK = 5;

    private EpidemicCodec() {}

    /** A datagram the codec refuses; the message names the reason. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    public static byte[] encode(EpidemicMessage m) {
        ByteBuffer b;
        if (m instanceof Join j) {
            b = start(4, JOIN, j.sender());
            b.putInt(j.tid());
        } else if (m instanceof Members ms) {
            if (ms.members().size() > MAX_MEMBERS_PER_CHUNK || ms.chunk() < 0 || ms.chunk() >= ms.chunks() || ms.chunks() > 0xFFFF) {
                throw new IllegalArgumentException("bad MEMBERS chunk " + ms.chunk() + "/" + ms.chunks() + " of " + ms.members().size());
            }
            b = start(13 + ms.members().size() * CONTACT, MEMBERS, ms.sender());
            b.putInt(ms.tid()).putShort((short) ms.chunk()).putShort((short) ms.chunks()).putInt(ms.next())
                    .put((byte) ms.members().size());
            ms.members().forEach(c -> contact(b, c));
        } else if (m instanceof Pull pl) {
            b = start(8, PULL, pl.sender());
            b.putInt(pl.tid()).putInt(pl.from());
        } else if (m instanceof Rumor r) {
            if (r.payload().length > MAX_PAYLOAD || r.hops() < 0 || r.hops() > 0xFFFF) {
                throw new IllegalArgumentException("payload of " + r.payload().length + " bytes (at most " + MAX_PAYLOAD
                        + ") or hops " + r.hops() + " out of range");
            }
            b = start(8 + CONTACT + 5 + r.payload().length, RUMOR, r.sender());
            b.putLong(r.messageId());
            contact(b, r.origin());
            b.putShort((short) r.hops()).put((byte) (r.wantFeedback() ? 1 : 0)).putShort((short) r.payload().length).put(r.payload());
        } else {
            Feedback f = (Feedback) m;
            b = start(9, FEEDBACK, f.sender());
            b.putLong(f.messageId()).put((byte) (f.knew() ? 1 : 0));
        }
        return b.array();
    }

    private static ByteBuffer start(int body, int type, NodeId sender) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + body);
        b.put((byte) MAGIC).put((byte) VERSION);
        header(b, type, sender);
        return b;
    }

    public static EpidemicMessage decode(byte[] data) throws Malformed {
        if (data == null || data.length < HEADER) {
            throw new Malformed("datagram of " + (data == null ? 0 : data.length) + " bytes is shorter than the " + HEADER + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int magic = b.get() & 0xFF;
        if (magic != MAGIC) {
            throw new Malformed(String.format("bad magic 0x%02X (expected 0x%02X)", magic, MAGIC));
        }
        int version = b.get() & 0xFF;
        if (version != VERSION) {
            throw new Malformed("unsupported version " + version + " (expected " + VERSION + ")");
        }
        int type = b.get() & 0xFF;
        NodeId sender = NodeId.fromBytes(data, 3);
        b.position(HEADER);
        EpidemicMessage m;
        try {
            m = switch (type) {
                case JOIN -> new Join(sender, b.getInt());
                case MEMBERS -> {
                    int tid = b.getInt();
                    int chunk = b.getShort() & 0xFFFF;
                    int chunks = b.getShort() & 0xFFFF;
                    int next = b.getInt();
                    int count = b.get() & 0xFF;
                    if (next < 0) {
                        throw new Malformed("MEMBERS next position " + Integer.toUnsignedString(next) + " is beyond 2^31 - 1");
                    }
                    if (chunk >= chunks) {
                        throw new Malformed("MEMBERS chunk " + chunk + " is not below its chunk count " + chunks);
                    }
                    if (count > MAX_MEMBERS_PER_CHUNK) {
                        throw new Malformed("MEMBERS count " + count + " exceeds " + MAX_MEMBERS_PER_CHUNK);
                    }
                    need(b, count * CONTACT, "MEMBERS contacts");
                    List<Contact> cs = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        cs.add(contact(b, data));
                    }
                    yield new Members(sender, tid, chunk, chunks, next, cs);
                }
                case PULL -> {
                    int tid = b.getInt();
                    int from = b.getInt();
                    if (from < 0) {
                        throw new Malformed("PULL position " + Integer.toUnsignedString(from) + " is beyond 2^31 - 1");
                    }
                    yield new Pull(sender, tid, from);
                }
                case RUMOR -> {
                    long id = b.getLong();
                    need(b, CONTACT, "RUMOR origin");
                    Contact origin = contact(b, data);
                    int hops = b.getShort() & 0xFFFF;
                    int flags = b.get() & 0xFF;
                    if ((flags & ~1) != 0) {
                        throw new Malformed(String.format("RUMOR flags 0x%02X set unknown bits", flags));
                    }
                    int len = b.getShort() & 0xFFFF;
                    if (len > MAX_PAYLOAD) {
                        throw new Malformed("RUMOR payload length " + len + " exceeds " + MAX_PAYLOAD);
                    }
                    need(b, len, "RUMOR payload");
                    byte[] payload = new byte[len];
                    b.get(payload);
                    yield new Rumor(sender, id, origin, hops, flags == 1, payload);
                }
                case FEEDBACK -> {
                    long id = b.getLong();
                    int knew = b.get() & 0xFF;
                    if (knew > 1) {
                        throw new Malformed("FEEDBACK flag must be 0 or 1, got " + knew);
                    }
                    yield new Feedback(sender, id, knew == 1);
                }
                default -> throw new Malformed("unknown message type " + type);
            };
        } catch (BufferUnderflowException e) {
            throw new Malformed("datagram of " + data.length + " bytes is too short for a message of type " + type);
        }
        if (b.hasRemaining()) {
            throw new Malformed(b.remaining() + " trailing bytes after a message of type " + type);
        }
        return m;
    }

    private static void need(ByteBuffer b, int bytes, String what) throws Malformed {
        if (b.remaining() < bytes) {
            throw new Malformed(what + " need " + bytes + " bytes, only " + b.remaining() + " remain");
        }
    }

    private static void header(ByteBuffer b, int type, NodeId sender) {
        b.put((byte) type);
        byte[] id = new byte[NodeId.BYTES];
        sender.writeTo(id, 0);
        b.put(id);
    }

    private static void contact(ByteBuffer b, Contact c) {
        byte[] raw = new byte[CONTACT];
        c.id().writeTo(raw, 0);
        c.address().writeCompact(raw, NodeId.BYTES);
        b.put(raw);
    }

    private static Contact contact(ByteBuffer b, byte[] data) {
        int at = b.position();
        Contact c = new Contact(NodeId.fromBytes(data, at), NodeAddress.fromCompact(data, at + NodeId.BYTES));
        b.position(at + CONTACT);
        return c;
    }
}
