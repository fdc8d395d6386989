package io.p2ptestbed.overlay.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Allocation-light streaming bencode writer for hot paths (every simulated datagram is encoded).
 * The caller writes dictionary keys in sorted order; {@link Bencode#encode} is the general path.
 */
public final class BencodeWriter {

    private byte[] buf = new byte[256];
    private int len;

    public BencodeWriter dict() {
        return raw('d');
    }

    public BencodeWriter list() {
        return raw('l');
    }

    public BencodeWriter end() {
        return raw('e');
    }

    public BencodeWriter key(String asciiKey) {
        ascii(Integer.toString(asciiKey.length()));
        raw(':');
        return ascii(asciiKey);
    }

    public BencodeWriter string(byte[] b) {
        return string(b, 0, b.length);
    }

    public BencodeWriter string(byte[] b, int off, int n) {
        ascii(Integer.toString(n));
        raw(':');
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public BencodeWriter string(String utf8) {
        return string(utf8.getBytes(StandardCharsets.UTF_8));
    }

    public BencodeWriter integer(long v) {
        raw('i');
        ascii(Long.toString(v));
        return raw('e');
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private BencodeWriter ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    private BencodeWriter raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
