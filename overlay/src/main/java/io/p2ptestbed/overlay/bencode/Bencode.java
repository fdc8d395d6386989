package io.p2ptestbed.overlay.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict bencode (BEP 3) codec.
 *
 * <p>Decoded values are {@link Long} (integers), {@code byte[]} (strings), {@link List} and
 * {@link Map}{@code <String,Object>} (keys decoded as ISO-8859-1 so that any byte string survives and
 * keys compare in raw byte order). Decoding never throws: malformed input, trailing bytes, unsorted
 * or duplicate keys, leading zeros, {@code -0}, and every {@link BencodeLimits} breach become
 * {@link BencodeResult.Malformed}.
 */
public final class Bencode {

    private Bencode() {}

    public static BencodeResult decode(byte[] data, BencodeLimits limits) {
        if (data == null) {
            return new BencodeResult.Malformed("no data", 0);
        }
        if (data.length > limits.maxInputBytes()) {
            return new BencodeResult.Malformed("input of " + data.length + " bytes exceeds limit " + limits.maxInputBytes(), 0);
        }
        Decoder d = new Decoder(data, limits);
        try {
            Object v = d.value(0);
            if (d.pos != data.length) {
                return new BencodeResult.Malformed((data.length - d.pos) + " trailing bytes", d.pos);
            }
            return new BencodeResult.Ok(v);
        } catch (MalformedException e) {
            return new BencodeResult.Malformed(e.getMessage(), d.pos);
        }
    }

    /** Encodes Long/Integer, byte[], String (UTF-8), List and Map (keys sorted by raw bytes). */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object v) {
        if (v instanceof byte[] b) {
            writeString(out, b);
        } else if (v instanceof String s) {
            writeString(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Long || v instanceof Integer) {
            out.write('i');
            writeAscii(out, v.toString());
            out.write('e');
        } else if (v instanceof List<?> list) {
            out.write('l');
            for (Object o : list) {
                write(out, o);
            }
            out.write('e');
        } else if (v instanceof Map<?, ?> map) {
            out.write('d');
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, val) -> sorted.put((String) k, val));
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                writeString(out, e.getKey().getBytes(StandardCharsets.ISO_8859_1));
                write(out, e.getValue());
            }
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + (v == null ? "null" : v.getClass().getName()));
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] b) {
        writeAscii(out, Integer.toString(b.length));
        out.write(':');
        out.write(b, 0, b.length);
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    private static final class MalformedException extends Exception {
        MalformedException(String msg) {
            super(msg, null, false, false);
        }
    }

    private static final class Decoder {
        final byte[] in;
        final BencodeLimits limits;
        int pos;

        Decoder(byte[] in, BencodeLimits limits) {
            this.in = in;
            this.limits = limits;
        }

        Object value(int depth) throws MalformedException {
            if (pos >= in.length) {
                throw new MalformedException("unexpected end of input");
            }
            byte c = in[pos];
            if (c == 'i') {
                pos++;
                long v = integer('e');
                return v;
            }
            if (c == 'l' || c == 'd') {
                if (depth + 1 > limits.maxDepth()) {
                    throw new MalformedException("nesting deeper than " + limits.maxDepth());
                }
                pos++;
                return c == 'l' ? list(depth + 1) : dict(depth + 1);
            }
            if (c >= '0' && c <= '9') {
                return string();
            }
            throw new MalformedException("unexpected byte 0x" + Integer.toHexString(c & 0xFF));
        }

        List<Object> list(int depth) throws MalformedException {
            List<Object> list = new ArrayList<>();
            while (true) {
                if (pos >= in.length) {
                    throw new MalformedException("unterminated list");
                }
                if (in[pos] == 'e') {
                    pos++;
                    return list;
                }
                if (list.size() >= limits.maxItems()) {
                    throw new MalformedException("list longer than " + limits.maxItems());
                }
                list.add(value(depth));
            }
        }

        Map<String, Object> dict(int depth) throws MalformedException {
            Map<String, Object> map = new LinkedHashMap<>();
            String previous = null;
            while (true) {
                if (pos >= in.length) {
                    throw new MalformedException("unterminated dictionary");
                }
                if (in[pos] == 'e') {
                    pos++;
                    return map;
                }
                if (map.size() >= limits.maxItems()) {
                    throw new MalformedException("dictionary larger than " + limits.maxItems());
                }
                if (in[pos] < '0' || in[pos] > '9') {
                    throw new MalformedException("dictionary key is not a string");
                }
                String key = new String(string(), StandardCharsets.ISO_8859_1);
                if (previous != null && previous.compareTo(key) >= 0) {
                    throw new MalformedException("dictionary keys not strictly sorted at '" + key + "'");
                }
                previous = key;
                map.put(key, value(depth));
            }
        }

        byte[] string() throws MalformedException {
            long len = integer(':');
            if (len < 0) {
                throw new MalformedException("negative string length");
            }
            if (len > limits.maxStringBytes()) {
                throw new MalformedException("string of " + len + " bytes exceeds limit " + limits.maxStringBytes());
            }
            if (len > in.length - pos) {
                throw new MalformedException("string length " + len + " runs past end of input");
            }
            byte[] b = new byte[(int) len];
            System.arraycopy(in, pos, b, 0, (int) len);
            pos += (int) len;
            return b;
        }

        /**
         * Parses {@code -?[0-9]+} up to {@code terminator}. Accepts the whole {@code long} range (the
         * encoder writes any long), accumulating negatively so that {@link Long#MIN_VALUE} fits, and
         * rejects overflow instead of wrapping.
         */
        long integer(char terminator) throws MalformedException {
            boolean negative = false;
            if (pos < in.length && in[pos] == '-') {
                negative = true;
                pos++;
            }
            int digitsStart = pos;
            long v = 0;
            while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                int d = in[pos] - '0';
                if (v < (Long.MIN_VALUE + d) / 10) {
                    throw new MalformedException("integer overflows 64 bits");
                }
                v = v * 10 - d;
                pos++;
            }
            int digits = pos - digitsStart;
            if (digits == 0) {
                throw new MalformedException("missing digits");
            }
            if (pos >= in.length || in[pos] != terminator) {
                throw new MalformedException("expected '" + terminator + "' after integer");
            }
            if (in[digitsStart] == '0' && digits > 1) {
                throw new MalformedException("leading zero in integer");
            }
            if (negative && (v == 0 || terminator == ':')) {
                throw new MalformedException(v == 0 ? "negative zero" : "negative length");
            }
            if (!negative && v == Long.MIN_VALUE) {
                throw new MalformedException("integer overflows 64 bits");
            }
            pos++;
            return negative ? v : -v;
        }
    }
}
