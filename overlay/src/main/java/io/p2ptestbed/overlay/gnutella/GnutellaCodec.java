package io.p2ptestbed.overlay.gnutella;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gnutella 0.4 wire format (Clip2's "Gnutella Protocol Specification v0.4"), strictly: a descriptor is the
 * 23-byte header (descriptor id 16, payload descriptor 1, TTL 1, hops 1, payload length 4, little-endian)
 * followed by exactly that many payload bytes. Decoding refuses, with a message naming the fault: a short
 * header, a payload length that disagrees with the bytes present, an unknown payload descriptor, a ping with a
 * payload, a pong of other than 14 bytes, a query without its NUL, a query hit whose result set does not add
 * up, and payloads above the maximum. The connection handshake is the 0.4 text pair.
 */
public final class GnutellaCodec {

    public static final int HEADER_BYTES = 23;
    public static final String CONNECT = "GNUTELLA CONNECT/0.4\n\n";
    public static final String OK = "GNUTELLA OK\n\n";
    private static final byte[] CONNECT_BYTES = CONNECT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_BYTES = OK.getBytes(StandardCharsets.US_ASCII);

    private final int maxPayloadBytes;

    public GnutellaCodec(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** A descriptor could not be decoded; the message names what is wrong. */
    public static final class MalformedDescriptor extends Exception {
        public MalformedDescriptor(String message) {
            super(message, null, false, false);
        }
    }

    public static byte[] connect() {
        return CONNECT_BYTES.clone();
    }

    public static byte[] ok() {
        return OK_BYTES.clone();
    }

    public static boolean isConnect(byte[] frame) {
        return java.util.Arrays.equals(frame, CONNECT_BYTES);
    }

    public static boolean isOk(byte[] frame) {
        return java.util.Arrays.equals(frame, OK_BYTES);
    }

    public byte[] encode(Descriptor d) {
        byte[] out = new byte[HEADER_BYTES + d.payload().length];
        d.guid().write(out, 0);
        out[16] = (byte) d.type();
        out[17] = (byte) d.ttl();
        out[18] = (byte) d.hops();
        putIntLE(out, 19, d.payload().length);
        System.arraycopy(d.payload(), 0, out, HEADER_BYTES, d.payload().length);
        return out;
    }

    public Descriptor decode(byte[] b) throws MalformedDescriptor {
        if (b.length < HEADER_BYTES) {
            throw new MalformedDescriptor("descriptor of " + b.length + " bytes is shorter than the 23-byte header");
        }
        long len = intLE(b, 19) & 0xFFFFFFFFL;
        if (len > maxPayloadBytes) {
            throw new MalformedDescriptor("payload length " + len + " exceeds the maximum of " + maxPayloadBytes);
        }
        if (len != b.length - HEADER_BYTES) {
            throw new MalformedDescriptor("payload length field says " + len + " bytes but " + (b.length - HEADER_BYTES)
                    + " follow the header");
        }
        int type = b[16] & 0xFF;
        byte[] payload = java.util.Arrays.copyOfRange(b, HEADER_BYTES, b.length);
        switch (type) {
            case Descriptor.PING -> {
                if (payload.length != 0) {
                    throw new MalformedDescriptor("a ping carries no payload, got " + payload.length + " bytes");
                }
            }
            case Descriptor.PONG -> {
                if (payload.length != Descriptor.Pong.BYTES) {
                    throw new MalformedDescriptor("a pong payload is 14 bytes, got " + payload.length);
                }
            }
            case Descriptor.QUERY -> query(payload);
            case Descriptor.QUERY_HIT -> queryHit(payload);
            case Descriptor.PUSH -> {
                if (payload.length != 26) {
                    throw new MalformedDescriptor("a push payload is 26 bytes, got " + payload.length);
                }
            }
            default -> throw new MalformedDescriptor(String.format("unknown payload descriptor 0x%02x", type));
        }
        return new Descriptor(Descriptor.Guid.read(b, 0), type, b[17] & 0xFF, b[18] & 0xFF, payload);
    }

    // --- typed payloads ---

    public static byte[] pong(Descriptor.Pong p) {
        byte[] b = new byte[Descriptor.Pong.BYTES];
        putShortLE(b, 0, p.port());
        putIntBE(b, 2, p.ip());
        putIntLE(b, 6, (int) p.files());
        putIntLE(b, 10, (int) p.kilobytes());
        return b;
    }

    public static Descriptor.Pong pong(byte[] b) {
        return new Descriptor.Pong(shortLE(b, 0), intBE(b, 2), intLE(b, 6) & 0xFFFFFFFFL, intLE(b, 10) & 0xFFFFFFFFL);
    }

    public static byte[] query(Descriptor.Query q) {
        byte[] text = q.criteria().getBytes(StandardCharsets.UTF_8);
        for (byte x : text) {
            if (x == 0) {
                throw new IllegalArgumentException("search criteria cannot contain NUL");
            }
        }
        byte[] b = new byte[2 + text.length + 1];
        putShortLE(b, 0, q.minSpeed());
        System.arraycopy(text, 0, b, 2, text.length);
        return b;
    }

    public static Descriptor.Query query(byte[] b) throws MalformedDescriptor {
        if (b.length < 3) {
            throw new MalformedDescriptor("a query payload needs a minimum speed and a NUL-terminated criteria, got "
                    + b.length + " bytes");
        }
        int nul = indexOf(b, 2);
        if (nul != b.length - 1) {
            throw new MalformedDescriptor(nul < 0 ? "query criteria are not NUL-terminated"
                    : "query criteria end at byte " + nul + " but the payload runs to " + (b.length - 1));
        }
        return new Descriptor.Query(shortLE(b, 0), new String(b, 2, nul - 2, StandardCharsets.UTF_8));
    }

    public static byte[] queryHit(Descriptor.QueryHit h) {
        List<byte[]> names = new ArrayList<>();
        int size = 11 + 16;
        for (Descriptor.Result r : h.results()) {
            byte[] n = r.name().getBytes(StandardCharsets.UTF_8);
            names.add(n);
            size += 8 + n.length + 2;
        }
        byte[] b = new byte[size];
        b[0] = (byte) h.results().size();
        putShortLE(b, 1, h.port());
        putIntBE(b, 3, h.ip());
        putIntLE(b, 7, (int) h.speed());
        int at = 11;
        for (int i = 0; i < names.size(); i++) {
            Descriptor.Result r = h.results().get(i);
            putIntLE(b, at, (int) r.index());
            putIntLE(b, at + 4, (int) r.size());
            System.arraycopy(names.get(i), 0, b, at + 8, names.get(i).length);
            at += 8 + names.get(i).length + 2;
        }
        h.serventId().write(b, at);
        return b;
    }

    public static Descriptor.QueryHit queryHit(byte[] b) throws MalformedDescriptor {
        if (b.length < 11 + 16) {
            throw new MalformedDescriptor("a query hit needs 11 header bytes and a 16-byte servent id, got " + b.length);
        }
        int n = b[0] & 0xFF;
        if (n == 0) {
            throw new MalformedDescriptor("a query hit with zero results");
        }
        List<Descriptor.Result> results = new ArrayList<>(n);
        int at = 11;
        int end = b.length - 16;
        for (int i = 0; i < n; i++) {
            if (at + 8 + 2 > end) {
                throw new MalformedDescriptor("query hit says " + n + " results but the result set ends after " + i);
            }
            int nul = indexOf(b, at + 8);
            if (nul < 0 || nul + 1 >= end || b[nul + 1] != 0) {
                throw new MalformedDescriptor("result " + i + " of a query hit has no double-NUL-terminated file name");
            }
            results.add(new Descriptor.Result(intLE(b, at) & 0xFFFFFFFFL, intLE(b, at + 4) & 0xFFFFFFFFL,
                    new String(b, at + 8, nul - at - 8, StandardCharsets.UTF_8)));
            at = nul + 2;
        }
        if (at != end) {
            throw new MalformedDescriptor("query hit has " + (end - at) + " stray bytes between its results and its servent id");
        }
        return new Descriptor.QueryHit(shortLE(b, 1), intBE(b, 3), intLE(b, 7) & 0xFFFFFFFFL, results,
                Descriptor.Guid.read(b, end));
    }

    // --- byte helpers ---

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static int shortLE(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static void putShortLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static int intLE(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static int intBE(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    static void putIntBE(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static long longBE(byte[] b, int off) {
        return (long) intBE(b, off) << 32 | (intBE(b, off + 4) & 0xFFFFFFFFL);
    }

    static void putLongBE(byte[] b, int off, long v) {
        putIntBE(b, off, (int) (v >>> 32));
        putIntBE(b, off + 4, (int) v);
    }
}
