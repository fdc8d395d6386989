package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.chord.ChordDecodeResult.Reason;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.List;

/** The field readers and writers of {@link ChordCodec}: bounds-checked, never reading past the datagram. */
final class ChordWire {

    private ChordWire() {}

    /** A field could not be read; internal to the decoder, never escapes it. */
    static final class Bad extends Exception {
        final Reason reason;

        Bad(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    static final class Reader {
        final byte[] d;
        int pos;

        Reader(byte[] d, int pos) {
            this.d = d;
            this.pos = pos;
        }

        void need(int n) throws Bad {
            if (d.length - pos < n) {
                throw new Bad(Reason.BAD_LENGTH, "datagram ends inside a field at byte " + pos);
            }
        }

        int u8() throws Bad {
            need(1);
            return d[pos++] & 0xFF;
        }

        int u16() throws Bad {
            need(2);
            int v = ((d[pos] & 0xFF) << 8) | (d[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int i32() {
            int v = ((d[pos] & 0xFF) << 24) | ((d[pos + 1] & 0xFF) << 16) | ((d[pos + 2] & 0xFF) << 8) | (d[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        boolean flag() throws Bad {
            int f = u8();
            if (f > 1) {
                throw new Bad(Reason.BAD_FLAG, "flag byte " + f + " is neither 0 nor 1");
            }
            return f == 1;
        }

        NodeId id() throws Bad {
            need(NodeId.BYTES);
            NodeId id = NodeId.fromBytes(d, pos);
            pos += NodeId.BYTES;
            return id;
        }

        Contact contact() throws Bad {
            need(Contact.COMPACT_BYTES);
            Contact c = Contact.fromCompact(d, pos);
            pos += Contact.COMPACT_BYTES;
            return c;
        }

        List<Contact> contacts(int min) throws Bad {
            int n = u8();
            if (n < min || n > ChordConfig.MAX_SUCCESSORS) {
                throw new Bad(Reason.BAD_COUNT, n + " contacts, must be in [" + min + ", " + ChordConfig.MAX_SUCCESSORS + "]");
            }
            need(n * Contact.COMPACT_BYTES);
            List<Contact> cs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                cs.add(contact());
            }
            return cs;
        }

        byte[] value() throws Bad {
            int n = u16();
            if (n > ChordCodec.MAX_VALUE) {
                throw new Bad(Reason.BAD_LENGTH, "value of " + n + " bytes, at most " + ChordCodec.MAX_VALUE);
            }
            return bytes(n);
        }

        byte[] bytes(int n) throws Bad {
            need(n);
            byte[] v = java.util.Arrays.copyOfRange(d, pos, pos + n);
            pos += n;
            return v;
        }
    }

    static final class Writer {
        final byte[] buf;
        int pos;

        Writer(int size) {
            buf = new byte[size];
        }

        void u8(int v) {
            buf[pos++] = (byte) v;
        }

        void u16(int v) {
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        }

        void i32(int v) {
            u16(v >>> 16);
            u16(v);
        }

        void id(NodeId id) {
            id.writeTo(buf, pos);
            pos += NodeId.BYTES;
        }

        void contact(Contact c) {
            c.writeCompact(buf, pos);
            pos += Contact.COMPACT_BYTES;
        }

        void contacts(List<Contact> cs) {
            if (cs.size() > ChordConfig.MAX_SUCCESSORS) {
                throw new IllegalArgumentException("at most " + ChordConfig.MAX_SUCCESSORS + " contacts per list");
            }
            u8(cs.size());
            for (Contact c : cs) {
                contact(c);
            }
        }

        void value(byte[] v) {
            if (v.length > ChordCodec.MAX_VALUE) {
                throw new IllegalArgumentException("value of " + v.length + " bytes exceeds " + ChordCodec.MAX_VALUE);
            }
            u16(v.length);
            bytes(v, v.length);
        }

        void bytes(byte[] b, int n) {
            System.arraycopy(b, 0, buf, pos, n);
            pos += n;
        }
    }
}
