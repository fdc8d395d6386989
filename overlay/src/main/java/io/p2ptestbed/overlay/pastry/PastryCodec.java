package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult.Decoded;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult.Malformed;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult.Reason;
import io.p2ptestbed.overlay.pastry.PastryMessage.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Pastry's binary wire format. Every datagram starts with a 23-byte header:
 * <pre>
 *   0      magic 0x9A
 *   1      version 1
 *   2      message type (1..13)
 *   3..6   transaction id, 32-bit big-endian
 *   7..22  sender id, 16 bytes (the 128-bit Pastry id)
 * </pre>
 * followed by the type's fields: keys 16 bytes, contacts 22 (id, IPv4, port), contact lists a one-byte
 * count of at most {@value PastryConfig#MAX_SET}, flags and kinds one byte each. The decoder is strict:
 * a datagram must be exactly as long as its fields say, a contact's port may not be 0, or it is
 * {@link Malformed} with a reason and a detail. It never throws.
 */
public final class PastryCodec {

    public static final int MAGIC = 0x9A;
    public static final int VERSION = 1;
    public static final int HEADER = 23;
    public static final int ID = 16;
    public static final int CONTACT = ID + NodeAddress.COMPACT_BYTES;
    /** The longest message: a pong that asks (4-byte ask tid, count byte) with {@value PastryConfig#MAX_SET} contacts. */
    public static final int MAX_DATAGRAM = HEADER + 5 + PastryConfig.MAX_SET * CONTACT;
    /** The most hops a route may report (a route is dropped before it gets there). */
    public static final int MAX_HOPS = 255;

    static final int PING = 1, PONG = 2, ROUTE = 3, ACK = 4, ROUTED = 5, ROW_REQUEST = 6, STATE = 7, LINK = 8, LINKED = 9,
            AUDIT_RELAY = 10, AUDIT = 11, AUDIT_SET = 12, PONG_ASK = 13;

    private PastryCodec() {}

    public static byte[] encode(PastryMessage m) {
        List<Contact> list = contacts(m);
        int size = size(m);
        byte[] b = new byte[size];
        int[] at = {0};
        u8(b, at, MAGIC);
        u8(b, at, VERSION);
        u8(b, at, type(m));
        i32(b, at, m.tid());
        id(b, at, m.sender());
        if (m instanceof Pong p && p.asks()) {
            i32(b, at, p.askTid());
        } else if (m instanceof Route r) {
            id(b, at, r.key());
            contact(b, at, r.origin());
            i32(b, at, r.originTid());
            u8(b, at, r.hops());
            u8(b, at, (r.join() ? 1 : 0) | (r.secure() ? 2 : 0) | (r.anycast() ? 4 : 0));
        } else if (m instanceof Routed r) {
            u8(b, at, r.hops());
        } else if (m instanceof RowRequest r) {
            u8(b, at, r.row());
        } else if (m instanceof State st) {
            u8(b, at, st.kind().ordinal());
            u8(b, at, st.row());
        } else if (m instanceof Link l) {
            u8(b, at, l.add() ? 1 : 0);
        } else if (m instanceof Linked l) {
            u8(b, at, l.accepted() ? 1 : 0);
        } else if (m instanceof AuditRelay a) {
            u8(b, at, a.kind().ordinal());
            contact(b, at, a.target());
        } else if (m instanceof Audit a) {
            u8(b, at, a.kind().ordinal());
        } else if (m instanceof AuditSet a) {
            u8(b, at, a.kind().ordinal());
        }
        if (hasList(m)) {
            u8(b, at, list.size());
            for (Contact c : list) {
                contact(b, at, c);
            }
        }
        return b;
    }

    private static boolean hasList(PastryMessage m) {
        return m instanceof Pong || m instanceof Routed || m instanceof State || m instanceof AuditSet;
    }

    /** Bytes of a message's fields after the header, without its contact list. */
    private static int fieldBytes(PastryMessage m) {
        if (m instanceof Pong p) {
            return p.asks() ? 4 : 0;
        }
        if (m instanceof Route) {
            return ID + CONTACT + 4 + 1 + 1;
        }
        if (m instanceof Routed || m instanceof RowRequest || m instanceof Link || m instanceof Linked
                || m instanceof Audit || m instanceof AuditSet) {
            return 1;
        }
        if (m instanceof AuditRelay) {
            return 1 + CONTACT;
        }
        return m instanceof State ? 2 : 0;
    }

    private static List<Contact> contacts(PastryMessage m) {
        List<Contact> list = m instanceof Pong p ? p.leafSet() : m instanceof Routed r ? r.reached()
                : m instanceof State st ? st.contacts() : m instanceof AuditSet a ? a.contacts() : List.of();
        if (list.size() > PastryConfig.MAX_SET) {
            throw new IllegalArgumentException("at most " + PastryConfig.MAX_SET + " contacts per message, got " + list.size());
        }
        return list;
    }

    private static int type(PastryMessage m) {
        if (m instanceof Ping) {
            return PING;
        } else if (m instanceof Pong p) {
            return p.asks() ? PONG_ASK : PONG;
        } else if (m instanceof Route) {
            return ROUTE;
        } else if (m instanceof Ack) {
            return ACK;
        } else if (m instanceof Routed) {
            return ROUTED;
        } else if (m instanceof RowRequest) {
            return ROW_REQUEST;
        } else if (m instanceof State) {
            return STATE;
        } else if (m instanceof Link) {
            return LINK;
        } else if (m instanceof Linked) {
            return LINKED;
        } else if (m instanceof AuditRelay) {
            return AUDIT_RELAY;
        } else if (m instanceof Audit) {
            return AUDIT;
        }
        return AUDIT_SET;
    }

    /** The size of a message's datagram. */
    public static int size(PastryMessage m) {
        return HEADER + fieldBytes(m) + (hasList(m) ? 1 + contacts(m).size() * CONTACT : 0);
    }

    private static void u8(byte[] b, int[] at, int v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("a one-byte field must be in [0, 255], got " + v);
        }
        b[at[0]++] = (byte) v;
    }

    private static void i32(byte[] b, int[] at, int v) {
        for (int s = 24; s >= 0; s -= 8) {
            b[at[0]++] = (byte) (v >>> s);
        }
    }

    private static void id(byte[] b, int[] at, NodeId id) {
        i64(b, at, id.hi());
        i64(b, at, id.mid());
    }

    private static void i64(byte[] b, int[] at, long w) {
        for (int s = 56; s >= 0; s -= 8) {
            b[at[0]++] = (byte) (w >>> s);
        }
    }

    /**
     * A contact list as it travels: the one-byte count, then 22 bytes per contact. A node keeps its leaf set in this
     * form ({@link #encodePong}), since every keep-alive pong carries it: encoding it each time was the simulation's
     * costliest step.
     */
    static byte[] encodeList(List<Contact> list) {
        if (list.size() > PastryConfig.MAX_SET) {
            throw new IllegalArgumentException("at most " + PastryConfig.MAX_SET + " contacts per message, got " + list.size());
        }
        byte[] b = new byte[1 + list.size() * CONTACT];
        int[] at = {0};
        u8(b, at, list.size());
        for (Contact c : list) {
            contact(b, at, c);
        }
        return b;
    }

    /** A PONG whose leaf set is already encoded by {@link #encodeList}: the same bytes as {@link #encode}. */
    static byte[] encodePong(int tid, NodeId sender, byte[] leafSet) {
        return encodePong(tid, sender, false, 0, leafSet);
    }

    /** A pong that asks ({@link Pong#asks}) under {@code askTid}, its leaf set already encoded: as {@link #encode}. */
    static byte[] encodePongAsk(int tid, NodeId sender, int askTid, byte[] leafSet) {
        return encodePong(tid, sender, true, askTid, leafSet);
    }

    private static byte[] encodePong(int tid, NodeId sender, boolean asks, int askTid, byte[] leafSet) {
        int fields = asks ? 4 : 0;
        byte[] b = new byte[HEADER + fields + leafSet.length];
        int[] at = {0};
        u8(b, at, MAGIC);
        u8(b, at, VERSION);
        u8(b, at, asks ? PONG_ASK : PONG);
        i32(b, at, tid);
        id(b, at, sender);
        if (asks) {
            i32(b, at, askTid);
        }
        System.arraycopy(leafSet, 0, b, HEADER + fields, leafSet.length);
        return b;
    }

    /**
     * An {@link #encodeList} of {@code n} contacts with only its count written: the caller writes each contact with
     * {@link #writeContact} from index 1.
     */
    static byte[] newList(int n) {
        if (n > PastryConfig.MAX_SET) {
            throw new IllegalArgumentException("at most " + PastryConfig.MAX_SET + " contacts per message, got " + n);
        }
        byte[] b = new byte[1 + n * CONTACT];
        b[0] = (byte) n;
        return b;
    }

    /**
     * Writes a contact as {@link #contact} does, from its id's two high words and its packed address ({@code ip << 16 |
     * port}, as {@link PastryLeafSide#address}); returns the index after it.
     */
    static int writeContact(byte[] b, int at, long hi, long mid, long packedAddress) {
        int[] to = {at};
        i64(b, to, hi);
        i64(b, to, mid);
        i32(b, to, (int) (packedAddress >> 16));
        b[to[0]++] = (byte) (packedAddress >>> 8);
        b[to[0]++] = (byte) packedAddress;
        return to[0];
    }

    private static void contact(byte[] b, int[] at, Contact c) {
        id(b, at, c.id());
        c.address().writeCompact(b, at[0]);
        at[0] += NodeAddress.COMPACT_BYTES;
    }

    // ---------------------------------------------------------------- decoding

    /** Thrown inside the decoder only; {@link #decode} turns it into {@link Malformed}. */
    private static final class Bad extends Exception {
        final Reason reason;

        Bad(Reason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /** A cursor over the datagram that refuses to read past its end. */
    private static final class Reader {
        final byte[] b;
        int at;

        Reader(byte[] b) {
            this.b = b;
        }

        void need(int n, String what) throws Bad {
            if (b.length - at < n) {
                throw new Bad(Reason.TOO_SHORT, what + " needs " + n + " bytes at offset " + at + ", " + (b.length - at) + " left");
            }
        }

        int u8(String what) throws Bad {
            need(1, what);
            return b[at++] & 0xFF;
        }

        int i32(String what) throws Bad {
            need(4, what);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = v << 8 | (b[at++] & 0xFF);
            }
            return v;
        }

        long i64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (b[at++] & 0xFF);
            }
            return v;
        }

        NodeId id(String what) throws Bad {
            need(ID, what);
            return new NodeId(i64(), i64(), 0);
        }

        Contact contact(String what) throws Bad {
            return contact(what, -1);
        }

        /** Contact {@code index} of a list (-1: a single contact); the field's name is built only for an error. */
        Contact contact(String what, int index) throws Bad {
            NodeId id = id(what);
            need(NodeAddress.COMPACT_BYTES, what);
            int port = (b[at + 4] & 0xFF) << 8 | (b[at + 5] & 0xFF);
            if (port == 0) {
                throw new Bad(Reason.BAD_ID, (index < 0 ? what : what + "[" + index + "]") + " has port 0");
            }
            NodeAddress a = NodeAddress.fromCompact(b, at);
            at += NodeAddress.COMPACT_BYTES;
            return new Contact(id, a);
        }

        boolean flag(String what) throws Bad {
            int v = u8(what);
            if (v > 1) {
                throw new Bad(Reason.BAD_FLAG, what + " must be 0 or 1, got " + v);
            }
            return v == 1;
        }

        /**
         * A contact list checked as {@link #contacts} checks it, left in the datagram ({@link PastryWireContacts}):
         * no object per contact.
         */
        PastryWireContacts wireContacts(String what) throws Bad {
            int n = u8(what);
            if (n > PastryConfig.MAX_SET) {
                throw new Bad(Reason.BAD_COUNT, what + " count " + n + " exceeds " + PastryConfig.MAX_SET);
            }
            need(n * CONTACT, what);
            int first = at;
            for (int i = 0; i < n; i++, at += CONTACT) {
                int port = (b[at + ID + 4] & 0xFF) << 8 | (b[at + ID + 5] & 0xFF);
                if (port == 0) {
                    throw new Bad(Reason.BAD_ID, what + "[" + i + "] has port 0");
                }
            }
            return new PastryWireContacts(b, first, n);
        }

        List<Contact> contacts(String what) throws Bad {
            int n = u8(what);
            if (n > PastryConfig.MAX_SET) {
                throw new Bad(Reason.BAD_COUNT, what + " count " + n + " exceeds " + PastryConfig.MAX_SET);
            }
            need(n * CONTACT, what);
            List<Contact> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(contact(what, i)); // the lists are already known to be long enough: no per-entry String
            }
            return out;
        }
    }

    /**
     * Decodes one datagram: a message, or the reason it was refused. Never throws. A {@link Pong}'s leaf set reads the
     * datagram in place ({@link PastryWireContacts}): do not write to the array after decoding it.
     */
    public static PastryDecodeResult decode(byte[] d) {
        if (d == null || d.length < HEADER) {
            return new Malformed(Reason.TOO_SHORT, "datagram of " + (d == null ? 0 : d.length) + " bytes, header needs " + HEADER);
        }
        if (d.length > MAX_DATAGRAM) {
            return new Malformed(Reason.TOO_LONG, "datagram of " + d.length + " bytes exceeds " + MAX_DATAGRAM);
        }
        try {
            Reader r = new Reader(d);
            int magic = r.u8("magic");
            if (magic != MAGIC) {
                throw new Bad(Reason.BAD_MAGIC, String.format("magic 0x%02X, expected 0x%02X", magic, MAGIC));
            }
            int version = r.u8("version");
            if (version != VERSION) {
                throw new Bad(Reason.BAD_VERSION, "version " + version + ", expected " + VERSION);
            }
            int type = r.u8("type");
            int tid = r.i32("tid");
            NodeId sender = r.id("sender");
            PastryMessage m = switch (type) {
                case PING -> new Ping(tid, sender);
                case PONG -> new Pong(tid, sender, r.wireContacts("leaf set")); // read in place: a node takes few of them
                case PONG_ASK -> {
                    int askTid = r.i32("ask tid");
                    yield new Pong(tid, sender, r.wireContacts("leaf set"), true, askTid);
                }
                case ROUTE -> {
                    NodeId key = r.id("key");
                    Contact origin = r.contact("origin");
                    int originTid = r.i32("origin tid");
                    int hops = r.u8("hops");
                    int flags = r.u8("route flags");
                    if (flags > 3 && flags != 6) {
                        throw new Bad(Reason.BAD_FLAG, "route flags must be 0..3 or 6 (bit 0 join, bit 1 secure, bit 2 "
                                + "anycast, which needs secure and no join), got " + flags);
                    }
                    yield new Route(tid, sender, key, origin, originTid, hops, (flags & 1) != 0, (flags & 2) != 0,
                            (flags & 4) != 0);
                }
                case ACK -> new Ack(tid, sender);
                case ROUTED -> new Routed(tid, sender, r.u8("hops"), r.contacts("reached"));
                case ROW_REQUEST -> new RowRequest(tid, sender, row(r));
                case STATE -> {
                    int kind = r.u8("state kind");
                    if (kind >= Kind.values().length) {
                        throw new Bad(Reason.BAD_FLAG, "state kind " + kind + " unknown (0.." + (Kind.values().length - 1) + ")");
                    }
                    yield new State(tid, sender, Kind.values()[kind], row(r), r.contacts("state"));
                }
                case LINK -> new Link(tid, sender, r.flag("link add flag"));
                case LINKED -> new Linked(tid, sender, r.flag("linked accepted flag"));
                case AUDIT_RELAY -> new AuditRelay(tid, sender, auditKind(r), r.contact("audit target"));
                case AUDIT -> new Audit(tid, sender, auditKind(r));
                case AUDIT_SET -> new AuditSet(tid, sender, auditKind(r), r.contacts("audit set"));
                default -> throw new Bad(Reason.UNKNOWN_TYPE, "message type " + type + " unknown (1.." + PONG_ASK + ")");
            };
            if (r.at != d.length) {
                throw new Bad(Reason.TRAILING, (d.length - r.at) + " bytes after a complete message of type " + type);
            }
            return new Decoded(m);
        } catch (Bad e) {
            return new Malformed(e.reason, e.getMessage());
        }
    }

    private static AuditKind auditKind(Reader r) throws Bad {
        int kind = r.u8("audit kind");
        if (kind >= AuditKind.values().length) {
            throw new Bad(Reason.BAD_FLAG, "audit kind " + kind + " unknown (0 in-degree, 1 out-degree)");
        }
        return AuditKind.values()[kind];
    }

    private static int row(Reader r) throws Bad {
        int row = r.u8("row");
        if (row >= PastryIds.BITS) {
            throw new Bad(Reason.BAD_COUNT, "row " + row + " beyond the 128 rows of b = 1");
        }
        return row;
    }
}
