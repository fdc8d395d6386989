package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.chord.ChordDecodeResult.Malformed;
import io.p2ptestbed.overlay.chord.ChordDecodeResult.Reason;
import io.p2ptestbed.overlay.chord.ChordMessage.*;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chord's compact binary wire format. Every datagram starts with a 27-byte header:
 * <pre>
 *   0      magic 0xC7
 *   1      version 1
 *   2      message type (1..17)
 *   3..6   transaction id, 32-bit big-endian
 *   7..26  sender id, 20 bytes
 * </pre>
 * followed by the type's fields: ids are 20 bytes, contacts 26 (id + 4-byte IPv4 + 2-byte port), lists
 * a one-byte count (at most {@value ChordConfig#MAX_SUCCESSORS} contacts, {@value #MAX_ENTRIES} entries),
 * flags one byte that must be 0 or 1, values a two-byte length (at most {@value #MAX_VALUE}), error texts
 * printable ASCII. The decoder is
 * strict: a datagram must be exactly as long as its fields say, or it is {@link Malformed}. It never throws.
 */
public final class ChordCodec {

    public static final int MAGIC = 0xC7;
    public static final int VERSION = 1;
    public static final int HEADER = 27;
    public static final int MAX_DATAGRAM = 1400;
    public static final int MAX_VALUE = 1000;
    public static final int MAX_ENTRIES = 16;
    public static final int MAX_ERROR_TEXT = 200;

    public static final int ERR_MALFORMED = 1;
    public static final int ERR_UNKNOWN_TYPE = 2;
    public static final int ERR_TOO_LARGE = 3;

    static final int PING = 1, PONG = 2, FIND_SUCCESSOR = 3, FIND_SUCCESSOR_REPLY = 4, GET_PREDECESSOR = 5,
            PREDECESSOR_REPLY = 6, NOTIFY = 7, GET_SUCCESSOR_LIST = 8, SUCCESSOR_LIST_REPLY = 9, PUT = 10,
            PUT_OK = 11, GET = 12, GET_REPLY = 13, TRANSFER_KEYS = 14, ERROR = 15, GET_FINGERS = 16, FINGERS_REPLY = 17;

    private ChordCodec() {}

    // ---------------------------------------------------------------- encoding

    public static byte[] encode(ChordMessage m) {
        ChordWire.Writer w = new ChordWire.Writer(size(m));
        w.u8(MAGIC);
        w.u8(VERSION);
        w.u8(type(m));
        w.i32(m.tid());
        w.id(m.sender());
        if (m instanceof FindSuccessor f) {
            w.id(f.key());
        } else if (m instanceof FindSuccessorReply r) {
            w.u8(r.done() ? 1 : 0);
            w.contacts(r.contacts());
        } else if (m instanceof PredecessorReply r) {
            w.u8(r.predecessor() == null ? 0 : 1);
            if (r.predecessor() != null) {
                w.contact(r.predecessor());
            }
            w.contacts(r.successors());
        } else if (m instanceof SuccessorListReply r) {
            w.contacts(r.successors());
        } else if (m instanceof FingersReply r) {
            w.contacts(r.fingers());
        } else if (m instanceof Put p) {
            w.id(p.key());
            w.value(p.value());
        } else if (m instanceof PutOk p) {
            w.u16(p.stored());
        } else if (m instanceof Get g) {
            w.id(g.key());
        } else if (m instanceof GetReply g) {
            w.u8(g.value() == null ? 0 : 1);
            if (g.value() != null) {
                w.value(g.value());
            }
        } else if (m instanceof TransferKeys t) {
            if (t.entries().size() > MAX_ENTRIES) {
                throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries per transfer");
            }
            w.u8(t.entries().size());
            for (Entry e : t.entries()) {
                w.id(e.key());
                w.value(e.value());
            }
        } else if (m instanceof ChordMessage.Error e) {
            w.u8(e.code());
            byte[] text = errorText(e);
            w.u8(text.length);
            w.bytes(text, text.length);
        }
        if (w.pos > MAX_DATAGRAM) {
            throw new IllegalArgumentException("message of " + w.pos + " bytes exceeds " + MAX_DATAGRAM);
        }
        return w.buf;
    }

    /** The error text as sent: printable ASCII (anything else becomes '?'), cut to {@value #MAX_ERROR_TEXT} bytes. */
    private static byte[] errorText(ChordMessage.Error e) {
        String t = e.text();
        byte[] text = new byte[Math.min(t.length(), MAX_ERROR_TEXT)];
        for (int i = 0; i < text.length; i++) {
            char c = t.charAt(i);
            text[i] = (byte) (c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text;
    }

    /** The encoded size of a message (exact), so encoding allocates one array. */
    public static int size(ChordMessage m) {
        int body = 0;
        if (m instanceof FindSuccessor || m instanceof Get) {
            body = NodeId.BYTES;
        } else if (m instanceof FindSuccessorReply r) {
            body = 2 + Contact.COMPACT_BYTES * r.contacts().size();
        } else if (m instanceof PredecessorReply r) {
            body = 2 + (r.predecessor() == null ? 0 : Contact.COMPACT_BYTES) + Contact.COMPACT_BYTES * r.successors().size();
        } else if (m instanceof SuccessorListReply r) {
            body = 1 + Contact.COMPACT_BYTES * r.successors().size();
        } else if (m instanceof FingersReply r) {
            body = 1 + Contact.COMPACT_BYTES * r.fingers().size();
        } else if (m instanceof Put p) {
            body = NodeId.BYTES + 2 + p.value().length;
        } else if (m instanceof PutOk) {
            body = 2;
        } else if (m instanceof GetReply g) {
            body = 1 + (g.value() == null ? 0 : 2 + g.value().length);
        } else if (m instanceof TransferKeys t) {
            body = 1;
            for (Entry e : t.entries()) {
                body += NodeId.BYTES + 2 + e.value().length;
            }
        } else if (m instanceof ChordMessage.Error e) {
            body = 2 + errorText(e).length;
        }
        return HEADER + body;
    }

    static int type(ChordMessage m) {
        if (m instanceof Ping) return PING;
        if (m instanceof Pong) return PONG;
        if (m instanceof FindSuccessor) return FIND_SUCCESSOR;
        if (m instanceof FindSuccessorReply) return FIND_SUCCESSOR_REPLY;
        if (m instanceof GetPredecessor) return GET_PREDECESSOR;
        if (m instanceof PredecessorReply) return PREDECESSOR_REPLY;
        if (m instanceof Notify) return NOTIFY;
        if (m instanceof GetSuccessorList) return GET_SUCCESSOR_LIST;
        if (m instanceof SuccessorListReply) return SUCCESSOR_LIST_REPLY;
        if (m instanceof Put) return PUT;
        if (m instanceof PutOk) return PUT_OK;
        if (m instanceof Get) return GET;
        if (m instanceof GetReply) return GET_REPLY;
        if (m instanceof TransferKeys) return TRANSFER_KEYS;
        if (m instanceof GetFingers) return GET_FINGERS;
        if (m instanceof FingersReply) return FINGERS_REPLY;
        return ERROR;
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes one datagram; never throws. */
    public static ChordDecodeResult decode(byte[] d) {
        if (d == null || d.length < HEADER) {
            return new Malformed(Reason.TOO_SHORT, "datagram shorter than the " + HEADER + "-byte header", false, 0);
        }
        if (d.length > MAX_DATAGRAM) {
            return new Malformed(Reason.TOO_LONG, "datagram longer than " + MAX_DATAGRAM + " bytes", false, 0);
        }
        if ((d[0] & 0xFF) != MAGIC) {
            return new Malformed(Reason.BAD_MAGIC, "bad magic byte", false, 0);
        }
        if ((d[1] & 0xFF) != VERSION) {
            return new Malformed(Reason.BAD_VERSION, "unsupported version " + (d[1] & 0xFF), false, 0);
        }
        ChordWire.Reader r = new ChordWire.Reader(d, 3);
        int tid = r.i32();
        NodeId sender = NodeId.fromBytes(d, 7);
        r.pos = HEADER;
        int type = d[2] & 0xFF;
        try {
            ChordMessage m = body(type, tid, sender, r);
            if (m == null) {
                return new Malformed(Reason.UNKNOWN_TYPE, "unknown message type " + type, true, tid);
            }
            if (r.pos != d.length) {
                return new Malformed(Reason.TRAILING, (d.length - r.pos) + " bytes after the last field", true, tid);
            }
            return new ChordDecodeResult.Decoded(m);
        } catch (ChordWire.Bad b) {
            return new Malformed(b.reason, b.getMessage(), true, tid);
        }
    }

    private static ChordMessage body(int type, int tid, NodeId s, ChordWire.Reader r) throws ChordWire.Bad {
        return switch (type) {
            case PING -> new Ping(tid, s);
            case PONG -> new Pong(tid, s);
            case FIND_SUCCESSOR -> new FindSuccessor(tid, s, r.id());
            case FIND_SUCCESSOR_REPLY -> {
                boolean done = r.flag();
                List<Contact> cs = r.contacts(1);
                yield new FindSuccessorReply(tid, s, done, cs);
            }
            case GET_PREDECESSOR -> new GetPredecessor(tid, s);
            case PREDECESSOR_REPLY -> {
                Contact pred = r.flag() ? r.contact() : null;
                yield new PredecessorReply(tid, s, pred, r.contacts(0));
            }
            case NOTIFY -> new Notify(tid, s);
            case GET_SUCCESSOR_LIST -> new GetSuccessorList(tid, s);
            case SUCCESSOR_LIST_REPLY -> new SuccessorListReply(tid, s, r.contacts(0));
            case PUT -> new Put(tid, s, r.id(), r.value());
            case PUT_OK -> new PutOk(tid, s, r.u16());
            case GET -> new Get(tid, s, r.id());
            case GET_REPLY -> new GetReply(tid, s, r.flag() ? r.value() : null);
            case TRANSFER_KEYS -> {
                int n = r.u8();
                if (n > MAX_ENTRIES) {
                    throw new ChordWire.Bad(Reason.BAD_COUNT, n + " entries, at most " + MAX_ENTRIES);
                }
                List<Entry> es = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    es.add(new Entry(r.id(), r.value()));
                }
                yield new TransferKeys(tid, s, es);
            }
            case ERROR -> {
                int code = r.u8();
                int n = r.u8();
                if (n > MAX_ERROR_TEXT) {
                    throw new ChordWire.Bad(Reason.BAD_LENGTH, "error text of " + n + " bytes");
                }
                byte[] text = r.bytes(n);
                for (byte b : text) {
                    if (b < 0x20 || b == 0x7F) {
                        throw new ChordWire.Bad(Reason.BAD_TEXT, "error text is not printable ASCII");
                    }
                }
                yield new ChordMessage.Error(tid, s, code, new String(text, StandardCharsets.US_ASCII));
            }
            case GET_FINGERS -> new GetFingers(tid, s);
            case FINGERS_REPLY -> new FingersReply(tid, s, r.contacts(0));
            default -> null;
        };
    }
}
