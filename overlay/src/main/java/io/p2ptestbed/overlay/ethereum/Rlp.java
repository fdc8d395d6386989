package io.p2ptestbed.overlay.ethereum;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Ethereum's Recursive Length Prefix encoding (Yellow Paper, appendix B), strict: the decoder accepts only the
 * canonical encoding (a single byte below 0x80 is itself; short forms where they fit; long-form lengths without
 * leading zeros and above 55; no bytes left over) and names what is wrong. Items are byte strings or lists.
 *
 * <p>Written here rather than taken from a library: web3j's {@code RlpDecoder} accepts non-canonical lengths and
 * Apache Tuweni (the strict one) was retired to the Attic in 2023; discv4 needs a strict decoder.
 */
public final class Rlp {

    private Rlp() {}

    /** A decoded item. */
    public sealed interface Item permits Bytes, ItemList {}

    /** A byte string. */
    public record Bytes(byte[] value) implements Item {

        /** The string as an unsigned integer (canonical: no leading zero bytes), at most {@code maxBytes} long. */
        public long asLong(int maxBytes, String what) {
            if (value.length > maxBytes) {
                throw new RlpException(what + " is " + value.length + " bytes long, at most " + maxBytes + " allowed");
            }
            if (value.length > 0 && value[0] == 0) {
                throw new RlpException(what + " has a leading zero byte (non-canonical integer)");
            }
            long x = 0;
            for (byte b : value) {
                x = x << 8 | (b & 0xFF);
            }
            if (maxBytes >= 8 && x < 0) {
                throw new RlpException(what + " does not fit a signed 64-bit integer");
            }
            return x;
        }

        public byte[] exactly(int n, String what) {
            if (value.length != n) {
                throw new RlpException(what + " must be " + n + " bytes, got " + value.length);
            }
            return value;
        }
    }

    /** A list of items. */
    public record ItemList(List<Item> items) implements Item {

        public int size() {
            return items.size();
        }

        /** Element {@code i} as a byte string, or a message naming {@code what}. */
        public Bytes bytes(int i, String what) {
            Item x = at(i, what);
            if (x instanceof Bytes b) {
                return b;
            }
            throw new RlpException(what + " must be a byte string, got a list");
        }

        public ItemList list(int i, String what) {
            Item x = at(i, what);
            if (x instanceof ItemList l) {
                return l;
            }
            throw new RlpException(what + " must be a list, got a byte string");
        }

        private Item at(int i, String what) {
            if (i >= items.size()) {
                throw new RlpException("missing " + what + " (list has " + items.size() + " elements)");
            }
            return items.get(i);
        }

        /** Refuses a list with fewer than {@code n} elements (more are allowed: EIP-8 forward compatibility). */
        public ItemList atLeast(int n, String what) {
            if (items.size() < n) {
                throw new RlpException(what + " needs at least " + n + " elements, got " + items.size());
            }
            return this;
        }
    }

    /** Malformed RLP (or an RLP structure that is not the expected message). */
    public static final class RlpException extends IllegalArgumentException {
        public RlpException(String message) {
            super(message);
        }
    }

    // --- encoding: byte[] is a string, Long/Integer/BigInteger an unsigned integer, List a list ---

    public static byte[] encode(Object item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, item);
        return out.toByteArray();
    }

    /** Encodes a list of already-encoded items (their concatenation wrapped in a list header). */
    public static byte[] encodeListOfEncoded(List<byte[]> encoded) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] e : encoded) {
            body.writeBytes(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, 0xC0, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** An encoded item passed through {@link #encode} as is. */
    public record Encoded(byte[] bytes) {}

    private static void write(ByteArrayOutputStream out, Object item) {
        if (item instanceof Encoded e) {
            out.writeBytes(e.bytes());
        } else if (item instanceof byte[] b) {
            if (b.length == 1 && (b[0] & 0xFF) < 0x80) {
                out.write(b[0]);
            } else {
                header(out, 0x80, b.length);
                out.writeBytes(b);
            }
        } else if (item instanceof Long || item instanceof Integer) {
            long x = ((Number) item).longValue();
            if (x < 0) {
                throw new IllegalArgumentException("RLP integers are unsigned, got " + x);
            }
            write(out, unsigned(x));
        } else if (item instanceof BigInteger x) {
            byte[] b = x.toByteArray();
            int skip = 0;
            while (skip < b.length && b[skip] == 0) {
                skip++;
            }
            write(out, java.util.Arrays.copyOfRange(b, skip, b.length));
        } else if (item instanceof String s) {
            write(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (item instanceof List<?> l) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (Object o : l) {
                write(body, o);
            }
            header(out, 0xC0, body.size());
            out.writeBytes(body.toByteArray());
        } else {
            throw new IllegalArgumentException("cannot RLP-encode " + (item == null ? "null" : item.getClass().getName()));
        }
    }

    static byte[] unsigned(long x) {
        int n = (64 - Long.numberOfLeadingZeros(x) + 7) / 8;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[n - 1 - i] = (byte) (x >>> (8 * i));
        }
        return b;
    }

    private static void header(ByteArrayOutputStream out, int base, int length) {
        if (length <= 55) {
            out.write(base + length);
        } else {
            byte[] l = unsigned(length);
            out.write(base + 55 + l.length);
            out.writeBytes(l);
        }
    }

    // --- decoding ---

    /** Decodes exactly one item spanning all of {@code b[off, off+len)}. */
    public static Item decode(byte[] b, int off, int len) {
        int[] pos = {off};
        Item x = read(b, pos, off + len, 0);
        if (pos[0] != off + len) {
            throw new RlpException((off + len - pos[0]) + " bytes left over after the RLP item");
        }
        return x;
    }

    public static Item decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /** Decodes one list spanning all of the bytes. */
    public static ItemList decodeList(byte[] b, int off, int len, String what) {
        Item x = decode(b, off, len);
        if (x instanceof ItemList l) {
            return l;
        }
        throw new RlpException(what + " must be an RLP list, got a byte string");
    }

    /** How many bytes the item starting at {@code off} takes (header included), checked against {@code end}. */
    public static int itemLength(byte[] b, int off, int end) {
        int[] pos = {off};
        read(b, pos, end, 0);
        return pos[0] - off;
    }

    private static final int MAX_DEPTH = 16;

    private static Item read(byte[] b, int[] pos, int end, int depth) {
        if (depth > MAX_DEPTH) {
            throw new RlpException("RLP nested deeper than " + MAX_DEPTH + " lists");
        }
        if (pos[0] >= end) {
            throw new RlpException("RLP item expected, input ended");
        }
        int p = pos[0];
        int h = b[p] & 0xFF;
        if (h < 0x80) {
            pos[0] = p + 1;
            return new Bytes(new byte[] {(byte) h});
        }
        boolean list = h >= 0xC0;
        int base = list ? 0xC0 : 0x80;
        int s = h - base;
        int len;
        int start;
        if (s <= 55) {
            len = s;
            start = p + 1;
        } else {
            int ll = s - 55;
            if (p + 1 + ll > end) {
                throw new RlpException("RLP length of " + ll + " bytes runs past the input");
            }
            if (b[p + 1] == 0) {
                throw new RlpException("RLP long length with a leading zero byte (non-canonical)");
            }
            if (ll > 4) {
                throw new RlpException("RLP length field of " + ll + " bytes is too long");
            }
            long l = 0;
            for (int i = 0; i < ll; i++) {
                l = l << 8 | (b[p + 1 + i] & 0xFF);
            }
            if (l <= 55) {
                throw new RlpException("RLP long form for a length of " + l + " (non-canonical: short form fits)");
            }
            if (l > Integer.MAX_VALUE) {
                throw new RlpException("RLP length " + l + " is too large");
            }
            len = (int) l;
            start = p + 1 + ll;
        }
        if ((long) start + len > end) {
            throw new RlpException("RLP " + (list ? "list" : "string") + " of " + len + " bytes runs past the input ("
                    + (end - start) + " left)");
        }
        pos[0] = start + len;
        if (!list) {
            if (len == 1 && (b[start] & 0xFF) < 0x80) {
                throw new RlpException("RLP single byte below 0x80 with a string header (non-canonical)");
            }
            return new Bytes(java.util.Arrays.copyOfRange(b, start, start + len));
        }
        List<Item> items = new ArrayList<>();
        int[] q = {start};
        while (q[0] < start + len) {
            items.add(read(b, q, start + len, depth + 1));
        }
        return new ItemList(items);
    }
}
