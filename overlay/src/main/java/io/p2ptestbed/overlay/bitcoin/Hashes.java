package io.p2ptestbed.overlay.bitcoin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Bitcoin's double SHA-256 (message checksums, txids, block hashes), and hex for messages. */
public final class Hashes {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    });

    private Hashes() {}

    /** SHA-256(SHA-256(b[off, off + len))). */
    public static byte[] sha256d(byte[] b, int off, int len) {
        MessageDigest md = SHA256.get();
        md.update(b, off, len);
        byte[] once = md.digest();
        return md.digest(once);
    }

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[32]);

    /**
     * SHA-256(SHA-256(b[off, off + len))) written into {@code out[at, at + 4)}: its first 4 bytes, a message checksum
     * (no array allocated).
     */
    public static void checksum(byte[] b, int off, int len, byte[] out, int at) {
        MessageDigest md = SHA256.get();
        byte[] s = SCRATCH.get();
        md.update(b, off, len);
        try {
            md.digest(s, 0, 32);
            md.update(s, 0, 32);
            md.digest(s, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
        }
        System.arraycopy(s, 0, out, at, 4);
    }

    public static byte[] sha256d(byte[] b) {
        return sha256d(b, 0, b.length);
    }

    /** The first 8 bytes of a hash as a little-endian long: the 64-bit message id the Broadcast capability reports. */
    public static long id64(byte[] hash) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (hash[i] & 0xFF);
        }
        return v;
    }

    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >>> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }
}
