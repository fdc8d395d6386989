package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.ethereum.Rlp.ItemList;
import io.p2ptestbed.overlay.ethereum.Rlp.RlpException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * RLPx as go-ethereum 1.7/1.8 speak it (devp2p rlpx.md, EIP-8): the ECIES-encrypted auth/ack handshake that
 * authenticates both ends' static keys and exchanges ephemeral keys and nonces, the secrets derived from it, and the
 * frame codec (AES-256-CTR, the ingress/egress Keccak-256 MAC states).
 *
 * <ul>
 * <li><b>ECIES</b> (geth's {@code crypto/ecies} with ECIES_AES128_SHA256): {@code 0x04 || R || iv || c || d}, R an
 * ephemeral public key, z = ECDH(r, recipient), K = NIST SP 800-56 concatenation KDF(SHA-256, z, 32 bytes),
 * c = AES-128-CTR(K[0..16], iv, m), d = HMAC-SHA256(SHA-256(K[16..32]), iv || c || s2).</li>
 * <li><b>auth</b>: pre-EIP-8 (307 bytes) {@code E(sig || keccak(ephemeral-pubk) || pubk || nonce || 0x00)}, or EIP-8
 * {@code size || E([sig, pubk, nonce, version, ...] || padding)} with the 2-byte size as the ECIES s2; sig is the
 * ephemeral key's signature of {@code ECDH(static keys) ^ nonce}. <b>ack</b>: pre-EIP-8 (210 bytes)
 * {@code E(ephemeral-pubk || nonce || 0x00)} or EIP-8 {@code size || E([ephemeral-pubk, nonce, version, ...] ||
 * padding)}; the recipient answers in the format of the auth, as geth does. Padding: 100 to 299 zero bytes.</li>
 * <li><b>secrets</b>: shared = keccak(ecdhe || keccak(recipient-nonce || initiator-nonce)), aes = keccak(ecdhe ||
 * shared), mac = keccak(ecdhe || aes); the initiator's egress MAC starts as keccak state (mac ^ recipient-nonce ||
 * auth), its ingress (mac ^ initiator-nonce || ack); the recipient's the other way round.</li>
 * <li><b>frames</b>: {@code header || header-mac || frame-data || frame-mac}; header = 3-byte size || [0, 0] (geth's
 * zeroHeader C2 80 80) padded to 16, AES-CTR encrypted; header-mac = the egress MAC updated with AES(mac,
 * egress-digest) ^ header-ciphertext; frame data padded to 16, encrypted, written into the MAC; frame-mac likewise
 * over the digest after it.</li>
 * </ul>
 *
 * <p>All randomness (ephemeral keys, nonces, ECIES IVs, padding lengths) comes from the generator the node is given,
 * never {@code SecureRandom}. Each handshake packet and each frame travels as one frame of the stream transport (on
 * TCP its 4-byte length prefix comes before the RLPx bytes, which are geth's); a frame whose header gives another
 * size than the bytes that came is refused. Refused input throws {@link RlpxException} naming what is wrong.
 */
public final class Rlpx {

    /** The RLPx version this implementation speaks (EIP-8's auth-vsn and ack-vsn). */
    public static final int VERSION = 4;
    /** ECIES overhead: 65-byte ephemeral key, 16-byte IV, 32-byte MAC. */
    public static final int ECIES_OVERHEAD = 65 + 16 + 32;
    /** Pre-EIP-8 auth: 194 bytes of plaintext. */
    public static final int AUTH_V4_BYTES = 65 + 32 + 64 + 32 + 1 + ECIES_OVERHEAD;
    /** Pre-EIP-8 ack: 97 bytes of plaintext. */
    public static final int ACK_V4_BYTES = 64 + 32 + 1 + ECIES_OVERHEAD;
    /** Largest frame payload the 3-byte size allows. */
    public static final int MAX_FRAME = 0xFFFFFF;
    private static final byte[] ZERO_HEADER = {(byte) 0xC2, (byte) 0x80, (byte) 0x80};
    private static final byte[] NONE = new byte[0];

    private Rlpx() {}

    /** Refused RLPx input (handshake or frame). */
    public static final class RlpxException extends IllegalArgumentException {
        public RlpxException(String message) {
            super(message);
        }
    }

    // --- ECIES ---

    /** ECIES encryption of {@code msg} to {@code remoteId}, with {@code s2} authenticated (not encrypted). */
    static byte[] encrypt(RandomGenerator rng, byte[] remoteId, byte[] msg, byte[] s2) {
        NodeKey r = NodeKey.generate(rng);
        byte[] k = kdf(r.agree(remoteId));
        byte[] iv = new byte[16];
        rng.nextBytes(iv);
        byte[] out = new byte[ECIES_OVERHEAD + msg.length];
        out[0] = 0x04;
        System.arraycopy(r.idUnsafe(), 0, out, 1, 64);
        System.arraycopy(iv, 0, out, 65, 16);
        byte[] c = aes128Ctr(k, iv, msg, 0, msg.length);
        System.arraycopy(c, 0, out, 81, c.length);
        byte[] d = hmac(k, out, 65, 16 + c.length, s2);
        System.arraycopy(d, 0, out, 81 + c.length, 32);
        return out;
    }

    /** ECIES decryption of {@code b[off, off+len)} with {@code key}; the MAC is checked before anything is decrypted. */
    static byte[] decrypt(NodeKey key, byte[] b, int off, int len, byte[] s2) {
        if (len < ECIES_OVERHEAD) {
            throw new RlpxException("ECIES message of " + len + " bytes, at least " + ECIES_OVERHEAD);
        }
        if (b[off] != 0x04) {
            throw new RlpxException("ECIES ephemeral key must be uncompressed (0x04), got 0x" + Integer.toHexString(b[off] & 0xFF));
        }
        byte[] k;
        try {
            k = kdf(key.agree(Arrays.copyOfRange(b, off + 1, off + 65)));
        } catch (IllegalArgumentException e) {
            throw new RlpxException("ECIES ephemeral key: " + e.getMessage());
        }
        int clen = len - ECIES_OVERHEAD;
        byte[] d = hmac(k, b, off + 65, 16 + clen, s2);
        if (!MessageDigest.isEqual(d, Arrays.copyOfRange(b, off + 81 + clen, off + len))) {
            throw new RlpxException("ECIES MAC mismatch (not encrypted to this node's key, or altered)");
        }
        return aes128Ctr(k, Arrays.copyOfRange(b, off + 65, off + 81), b, off + 81, clen);
    }

    /** NIST SP 800-56 concatenation KDF with SHA-256, 32 bytes (one block): SHA-256(00000001 || z). */
    private static byte[] kdf(byte[] z) {
        MessageDigest sha = sha256();
        sha.update(new byte[] {0, 0, 0, 1});
        sha.update(z);
        return sha.digest();
    }

    private static byte[] aes128Ctr(byte[] k, byte[] iv, byte[] in, int off, int len) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, 0, 16, "AES"), new IvParameterSpec(iv));
            return c.doFinal(in, off, len);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CTR unavailable", e);
        }
    }

    private static byte[] hmac(byte[] k, byte[] b, int off, int len, byte[] s2) {
        MessageDigest sha = sha256();
        sha.update(k, 16, 16);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sha.digest(), "HmacSHA256"));
            mac.update(b, off, len);
            mac.update(s2);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] o = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = (byte) (a[i] ^ b[i]);
        }
        return o;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] o = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, o, at, p.length);
            at += p.length;
        }
        return o;
    }

    // --- the handshake ---

    /** One side of the auth/ack handshake. */
    public static final class Handshake {
        final boolean initiator;
        final NodeKey key;
        final RandomGenerator rng;
        byte[] remoteId;
        NodeKey ephemeral;
        final byte[] nonce = new byte[32];
        byte[] remoteEphemeral;
        byte[] remoteNonce;
        byte[] auth;
        byte[] ack;
        /** The version field of the remote's auth or ack (4 for pre-EIP-8 packets). */
        int remoteVersion;
        /** Whether the remote's packet was pre-EIP-8. */
        boolean remotePlain;

        private Handshake(boolean initiator, NodeKey key, byte[] remoteId, RandomGenerator rng) {
            this.initiator = initiator;
            this.key = key;
            this.remoteId = remoteId;
            this.rng = rng;
        }

        public static Handshake initiator(NodeKey key, byte[] remoteId, RandomGenerator rng) {
            return new Handshake(true, key, remoteId.clone(), rng);
        }

        public static Handshake recipient(NodeKey key, RandomGenerator rng) {
            return new Handshake(false, key, null, rng);
        }

        /** The initiator's auth packet (EIP-8, or pre-EIP-8 when {@code eip8} is false). */
        public byte[] auth(boolean eip8) {
            ephemeral = key.generateSibling(rng);
            rng.nextBytes(nonce);
            byte[] sig = ephemeral.sign(xor(key.agree(remoteId), nonce));
            if (eip8) {
                auth = seal(Rlp.encode(List.of(sig, key.idUnsafe(), nonce, (long) VERSION)));
            } else {
                auth = encrypt(rng, remoteId, concat(sig, NodeKey.keccak256(ephemeral.idUnsafe()), key.idUnsafe(), nonce,
                        new byte[1]), NONE);
            }
            return auth;
        }

        /** EIP-8: size || ECIES(body || 100..299 zero bytes) with the size as s2. */
        private byte[] seal(byte[] body) {
            byte[] padded = Arrays.copyOf(body, body.length + 100 + rng.nextInt(200));
            int size = padded.length + ECIES_OVERHEAD;
            byte[] prefix = {(byte) (size >>> 8), (byte) size};
            return concat(prefix, encrypt(rng, remoteId, padded, prefix));
        }

        /** Opens a remote handshake packet: the pre-EIP-8 size {@code plainBytes}, or EIP-8's size-prefixed form. */
        private byte[] open(byte[] packet, int plainBytes, String what) {
            if (packet.length == plainBytes) {
                remotePlain = true;
                return decrypt(key, packet, 0, packet.length, NONE);
            }
            if (packet.length < 2 + ECIES_OVERHEAD) {
                throw new RlpxException(what + " of " + packet.length + " bytes: neither pre-EIP-8 (" + plainBytes
                        + ") nor EIP-8 (at least " + (2 + ECIES_OVERHEAD) + ")");
            }
            int size = (packet[0] & 0xFF) << 8 | (packet[1] & 0xFF);
            if (size != packet.length - 2) {
                throw new RlpxException("EIP-8 " + what + " size prefix says " + size + " bytes, " + (packet.length - 2) + " came");
            }
            return decrypt(key, packet, 2, packet.length - 2, Arrays.copyOf(packet, 2));
        }

        /** EIP-8 body: the RLP list at the start; extra list elements and the padding after it are ignored. */
        private static ItemList body(byte[] plain, int fields, String what) {
            try {
                int len = Rlp.itemLength(plain, 0, plain.length);
                return Rlp.decodeList(plain, 0, len, what).atLeast(fields, what);
            } catch (RlpException e) {
                throw new RlpxException(what + ": " + e.getMessage());
            }
        }

        /**
         * A handshake body's fields: pre-EIP-8, the fixed slices at {@code at} of {@code sizes}; EIP-8, the RLP list's
         * first elements of those sizes, then the version (extra elements ignored).
         */
        private byte[][] fields(byte[] plain, String what, int[] at, int[] sizes, String... names) {
            byte[][] out = new byte[sizes.length][];
            try {
                if (remotePlain) {
                    for (int i = 0; i < sizes.length; i++) {
                        out[i] = Arrays.copyOfRange(plain, at[i], at[i] + sizes[i]);
                    }
                    remoteVersion = VERSION;
                } else {
                    ItemList l = body(plain, sizes.length + 1, what + " body");
                    for (int i = 0; i < sizes.length; i++) {
                        out[i] = l.bytes(i, names[i]).exactly(sizes[i], names[i]);
                    }
                    remoteVersion = (int) l.bytes(sizes.length, what + " version").asLong(4, what + " version");
                }
            } catch (RlpException e) {
                throw new RlpxException(e.getMessage());
            }
            return out;
        }

        /** The recipient reads the auth packet and returns its ack (in the auth's format). */
        public byte[] onAuth(byte[] packet) {
            byte[] plain = open(packet, AUTH_V4_BYTES, "auth");
            byte[][] f = fields(plain, "auth", new int[] {0, 97, 161}, new int[] {NodeKey.SIG_BYTES, NodeKey.ID_BYTES, 32},
                    "auth signature", "initiator public key", "initiator nonce");
            byte[] sig = f[0];
            remoteId = f[1];
            remoteNonce = f[2];
            byte[] token;
            try {
                token = key.agree(remoteId);
                remoteEphemeral = key.recoveries().recover(xor(token, remoteNonce), sig, 0);
            } catch (IllegalArgumentException e) {
                throw new RlpxException("auth: " + e.getMessage());
            }
            if (remotePlain && !Arrays.equals(NodeKey.keccak256(remoteEphemeral), Arrays.copyOfRange(plain, 65, 97))) {
                throw new RlpxException("auth: the hash of the ephemeral key does not match its signature");
            }
            auth = packet.clone();
            ephemeral = key.generateSibling(rng);
            rng.nextBytes(nonce);
            if (remotePlain) {
                ack = encrypt(rng, remoteId, concat(ephemeral.idUnsafe(), nonce, new byte[1]), NONE);
            } else {
                ack = seal(Rlp.encode(List.of(ephemeral.idUnsafe(), nonce, (long) VERSION)));
            }
            return ack;
        }

        /** The initiator reads the ack packet. */
        public void onAck(byte[] packet) {
            byte[] plain = open(packet, ACK_V4_BYTES, "ack");
            byte[][] f = fields(plain, "ack", new int[] {0, 64}, new int[] {NodeKey.ID_BYTES, 32}, "recipient ephemeral key",
                    "recipient nonce");
            remoteEphemeral = f[0];
            remoteNonce = f[1];
            ack = packet.clone();
        }

        /** The secrets of the finished handshake, as a frame codec. */
        public FrameCodec codec() {
            byte[] ecdhe;
            try {
                ecdhe = ephemeral.agree(remoteEphemeral);
            } catch (IllegalArgumentException e) {
                throw new RlpxException("remote ephemeral key: " + e.getMessage());
            }
            byte[] initNonce = initiator ? nonce : remoteNonce;
            byte[] respNonce = initiator ? remoteNonce : nonce;
            byte[] shared = NodeKey.keccak256(concat(ecdhe, NodeKey.keccak256(concat(respNonce, initNonce))));
            byte[] aes = NodeKey.keccak256(concat(ecdhe, shared));
            byte[] mac = NodeKey.keccak256(concat(ecdhe, aes));
            KeccakDigest mac1 = new KeccakDigest(256);
            mac1.update(xor(mac, respNonce), 0, 32);
            mac1.update(auth, 0, auth.length);
            KeccakDigest mac2 = new KeccakDigest(256);
            mac2.update(xor(mac, initNonce), 0, 32);
            mac2.update(ack, 0, ack.length);
            return initiator ? new FrameCodec(aes, mac, mac1, mac2) : new FrameCodec(aes, mac, mac2, mac1);
        }

        /** The remote's static key (node id): the dialled one, or the one the auth authenticated. */
        public byte[] remoteId() {
            return remoteId.clone();
        }
    }

    // --- frames ---

    /** Seals and opens frames with one connection's secrets. Not thread-safe: one per connection. */
    public static final class FrameCodec {
        final byte[] aesSecret;
        final byte[] macSecret;
        final KeccakDigest egress;
        final KeccakDigest ingress;
        private final Cipher enc;
        private final Cipher dec;
        private final Cipher macCipher;

        FrameCodec(byte[] aesSecret, byte[] macSecret, KeccakDigest egress, KeccakDigest ingress) {
            this.aesSecret = aesSecret;
            this.macSecret = macSecret;
            this.egress = egress;
            this.ingress = ingress;
            try {
                enc = Cipher.getInstance("AES/CTR/NoPadding");
                enc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesSecret, "AES"), new IvParameterSpec(new byte[16]));
                dec = Cipher.getInstance("AES/CTR/NoPadding");
                dec.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesSecret, "AES"), new IvParameterSpec(new byte[16]));
                macCipher = Cipher.getInstance("AES/ECB/NoPadding");
                macCipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(macSecret, "AES"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256 unavailable", e);
            }
        }

        private static byte[] digest(KeccakDigest d) {
            KeccakDigest copy = new KeccakDigest(d);
            byte[] out = new byte[32];
            copy.doFinal(out, 0);
            return out;
        }

        /** geth's updateMac: mac.Write(AES(mac-secret, mac.Sum()[:16]) ^ seed); returns mac.Sum()[:16]. */
        private byte[] updateMac(KeccakDigest mac, byte[] seed, int off) {
            byte[] buf;
            try {
                buf = macCipher.doFinal(digest(mac), 0, 16);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < 16; i++) {
                buf[i] ^= seed[off + i];
            }
            mac.update(buf, 0, 16);
            return Arrays.copyOf(digest(mac), 16);
        }

        private void inPlace(byte[] b, int off, int len) {
            try {
                enc.update(b, off, len, b, off);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static int padded(int n) {
            return (n + 15) & ~15;
        }

        /** One frame carrying {@code msg} (rlp(code) || rlp(data)). */
        public byte[] seal(byte[] msg) {
            if (msg.length > MAX_FRAME) {
                throw new IllegalArgumentException("an RLPx frame carries at most " + MAX_FRAME + " bytes, got " + msg.length);
            }
            int body = padded(msg.length);
            byte[] out = new byte[32 + body + 16];
            out[0] = (byte) (msg.length >>> 16);
            out[1] = (byte) (msg.length >>> 8);
            out[2] = (byte) msg.length;
            System.arraycopy(ZERO_HEADER, 0, out, 3, 3);
            inPlace(out, 0, 16);
            System.arraycopy(updateMac(egress, out, 0), 0, out, 16, 16);
            System.arraycopy(msg, 0, out, 32, msg.length);
            inPlace(out, 32, body);
            egress.update(out, 32, body);
            System.arraycopy(updateMac(egress, digest(egress), 0), 0, out, 32 + body, 16);
            return out;
        }

        /** The message of one frame; a bad MAC, a truncated or oversized frame throws {@link RlpxException}. */
        public byte[] open(byte[] f) {
            if (f.length < 48) {
                throw new RlpxException("RLPx frame of " + f.length + " bytes, at least 48 (header, header MAC, frame MAC)");
            }
            if (!MessageDigest.isEqual(updateMac(ingress, f, 0), Arrays.copyOfRange(f, 16, 32))) {
                throw new RlpxException("RLPx header MAC mismatch");
            }
            byte[] header = dec.update(f, 0, 16);
            int size = (header[0] & 0xFF) << 16 | (header[1] & 0xFF) << 8 | (header[2] & 0xFF);
            int body = padded(size);
            if (f.length != 48 + body) {
                throw new RlpxException("RLPx header gives a frame of " + size + " bytes (" + (48 + body) + " on the wire), "
                        + f.length + " came");
            }
            ingress.update(f, 32, body);
            if (!MessageDigest.isEqual(updateMac(ingress, digest(ingress), 0), Arrays.copyOfRange(f, 32 + body, 48 + body))) {
                throw new RlpxException("RLPx frame MAC mismatch");
            }
            return body == 0 ? new byte[0] : Arrays.copyOf(dec.update(f, 32, body), size);
        }
    }

    // --- one connection ---

    /**
     * One connection's RLPx: the handshake (the dialler sends the auth at once, the listener answers it), then frames.
     * {@link #receive} takes every stream frame that arrives and gives back the devp2p message it carried (null while
     * the handshake runs).
     */
    public static final class Link {
        private final Handshake hs;
        private FrameCodec codec;

        private Link(Handshake hs) {
            this.hs = hs;
        }

        /** The dialler's side of a connection to {@code remoteId}. */
        public static Link dial(NodeKey key, byte[] remoteId, RandomGenerator rng) {
            return new Link(Handshake.initiator(key, remoteId, rng));
        }

        /** The listener's side. */
        public static Link accept(NodeKey key, RandomGenerator rng) {
            return new Link(Handshake.recipient(key, rng));
        }

        /** The dialler's auth packet (EIP-8), sent first. */
        public byte[] auth() {
            return hs.auth(true);
        }

        public boolean established() {
            return codec != null;
        }

        public boolean initiator() {
            return hs.initiator;
        }

        /** The remote's authenticated id (once established; the dialled id before). */
        public byte[] remoteId() {
            return hs.remoteId();
        }

        /**
         * One frame in. During the handshake: the listener's ack goes out through {@code send}, and null comes back;
         * after it, the frame's devp2p message.
         */
        public byte[] receive(byte[] frame, Consumer<byte[]> send) {
            if (codec != null) {
                return codec.open(frame);
            }
            if (hs.initiator) {
                if (hs.auth == null) {
                    throw new RlpxException("a frame came before the auth was sent");
                }
                hs.onAck(frame);
                codec = hs.codec();
            } else {
                byte[] ack = hs.onAuth(frame);
                codec = hs.codec();
                send.accept(ack);
            }
            return null;
        }

        /** A devp2p message (rlp(code) || rlp(data)) sealed in one frame; the handshake must be done. */
        public byte[] seal(byte[] msg) {
            if (codec == null) {
                throw new IllegalStateException("RLPx handshake not finished");
            }
            return codec.seal(msg);
        }
    }
}
