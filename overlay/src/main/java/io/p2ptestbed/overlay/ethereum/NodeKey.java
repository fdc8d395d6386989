package io.p2ptestbed.overlay.ethereum;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * A node's secp256k1 key pair (BouncyCastle's curve arithmetic): its id is the 64-byte uncompressed public key
 * (x || y), as in devp2p. Keys come from the scenario seed's stream (never {@code SecureRandom}); signatures are
 * deterministic (RFC 6979 nonces), 65 bytes r || s || v with a low s and the recovery id v in {0, 1}, as geth's
 * {@code crypto.Sign}, and {@link #recover} gives the signer's id back, as {@code crypto.Ecrecover}.
 */
public final class NodeKey {

    static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final ECCurve C = CURVE.getCurve();
    private static final ECPoint G = CURVE.getG();
    public static final int ID_BYTES = 64;
    public static final int SIG_BYTES = 65;
    /**
     * k × G by table: {@code G_TABLE[i][b - 1] = b × 256^i × G} in affine form, for the 32 bytes i of k and b in
     * [1, 255], so a product is at most 31 point additions and no doublings (BouncyCastle's comb takes 43 doublings, 43
     * additions and a constant-time scan of its table at every step). The same points, so the same keys and signatures;
     * not constant-time, which a lab does not need (libsecp256k1's generator multiplication is table-driven too). 8,160
     * points, about 2 MB, built once per JVM in tens of milliseconds.
     */
    private static final ECPoint[][] G_TABLE = generatorTable();

    private final BigInteger priv;
    private final byte[] id;
    private final Recoveries recoveries;

    private NodeKey(BigInteger priv) {
        this.priv = priv;
        ECPoint q = timesG(priv);
        byte[] enc = q.getEncoded(false);
        this.id = Arrays.copyOfRange(enc, 1, 65);
        this.recoveries = Recoveries.NONE;
    }

    private NodeKey(NodeKey k, Recoveries recoveries) {
        this.priv = k.priv;
        this.id = k.id;
        this.recoveries = recoveries;
    }

    /** The same key, recording its signatures in {@code r} (and recovering others' signatures through it). */
    public NodeKey withRecoveries(Recoveries r) {
        return r == recoveries ? this : new NodeKey(this, r);
    }

    /** Where this key records its signatures and recovers others' ({@link Recoveries#NONE} unless set). */
    public Recoveries recoveries() {
        return recoveries;
    }

    /** A fresh key from {@code rng} (an RLPx ephemeral key) that shares this key's {@link #recoveries()}. */
    NodeKey generateSibling(RandomGenerator rng) {
        return generate(rng).withRecoveries(recoveries);
    }

    /** The key of a given private scalar in [1, n-1] (test vectors). */
    static NodeKey of(BigInteger priv) {
        if (priv.signum() <= 0 || priv.compareTo(N) >= 0) {
            throw new IllegalArgumentException("a secp256k1 private key must be in [1, n-1]");
        }
        return new NodeKey(priv);
    }

    /** A key drawn from the seed's stream: 32 bytes reduced into [1, n-1]. */
    public static NodeKey generate(RandomGenerator rng) {
        byte[] b = new byte[32];
        rng.nextBytes(b);
        return new NodeKey(new BigInteger(1, b).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
    }

    /** The 64-byte node id (a copy). */
    public byte[] id() {
        return id.clone();
    }

    byte[] idUnsafe() {
        return id;
    }

    /**
     * secp256k1 ECDH with another id (geth's {@code ecies.GenerateShared}): the 32-byte x coordinate of priv × their
     * point. An id that is not a curve point is refused with an {@link IllegalArgumentException}.
     */
    public byte[] agree(byte[] remoteId) {
        if (!isValidId(remoteId)) {
            throw new IllegalArgumentException("public key is not a point on secp256k1");
        }
        byte[] enc = new byte[65];
        enc[0] = 0x04;
        System.arraycopy(remoteId, 0, enc, 1, 64);
        ECPoint p = C.decodePoint(enc).multiply(priv).normalize();
        if (p.isInfinity()) {
            throw new IllegalArgumentException("ECDH gave the point at infinity");
        }
        byte[] out = new byte[32];
        put32(p.getAffineXCoord().toBigInteger(), out, 0);
        return out;
    }

    public static byte[] keccak256(byte[] data) {
        return keccak256(data, 0, data.length);
    }

    public static byte[] keccak256(byte[] data, int off, int len) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(data, off, len);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** Signs a 32-byte hash: r || s || v. */
    public byte[] sign(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("a signed hash must be 32 bytes, got " + hash.length);
        }
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator kc = new HMacDSAKCalculator(new SHA256Digest());
        kc.init(N, priv, hash);
        while (true) {
            BigInteger k = kc.nextK();
            ECPoint r0 = timesG(k);
            BigInteger r = r0.getAffineXCoord().toBigInteger().mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(r.multiply(priv))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int v = r0.getAffineYCoord().testBitZero() ? 1 : 0;
            if (r0.getAffineXCoord().toBigInteger().compareTo(N) >= 0) {
                v |= 2; // x overflowed n: probability about 2^-128, recovery refuses it below
            }
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s);
                v ^= 1;
            }
            byte[] sig = new byte[SIG_BYTES];
            put32(r, sig, 0);
            put32(s, sig, 32);
            sig[64] = (byte) v;
            recoveries.record(hash.clone(), sig.clone(), id);
            return sig;
        }
    }

    private static ECPoint[][] generatorTable() {
        ECPoint[][] t = new ECPoint[32][255];
        ECPoint[] all = new ECPoint[32 * 255];
        ECPoint base = G;
        for (int i = 0; i < 32; i++) {
            ECPoint p = base;
            for (int b = 0; b < 255; b++) {
                all[i * 255 + b] = p;
                p = p.add(base);
            }
            base = p.normalize(); // 256 × base
        }
        C.normalizeAll(all);
        for (int i = 0; i < 32; i++) {
            System.arraycopy(all, i * 255, t[i], 0, 255);
        }
        return t;
    }

    /** k × G in affine form, for k in [1, n-1] (see {@link #G_TABLE}). */
    static ECPoint timesG(BigInteger k) {
        byte[] b = BigIntegers.asUnsignedByteArray(32, k);
        ECPoint acc = null;
        for (int i = 0; i < 32; i++) {
            int v = b[31 - i] & 0xFF;
            if (v != 0) {
                acc = acc == null ? G_TABLE[i][v - 1] : acc.add(G_TABLE[i][v - 1]);
            }
        }
        if (acc == null) {
            throw new IllegalArgumentException("k × G needs k in [1, n-1], got 0");
        }
        return acc.normalize();
    }

    private static void put32(BigInteger x, byte[] out, int off) {
        byte[] b = x.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, off + 32 - n, n);
    }

    /**
     * The 64-byte id of the key that signed {@code hash} with {@code sig} (at {@code off}), or an
     * {@link IllegalArgumentException} naming what is wrong (r or s out of range, a recovery id other than 0 or 1,
     * no curve point).
     */
    public static byte[] recover(byte[] hash, byte[] sig, int off) {
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, off, off + 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, off + 32, off + 64));
        int v = sig[off + 64] & 0xFF;
        if (v > 1) {
            throw new IllegalArgumentException("signature recovery id must be 0 or 1, got " + v);
        }
        if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
            throw new IllegalArgumentException("signature r or s out of range [1, n-1]");
        }
        byte[] comp = new byte[33];
        comp[0] = (byte) (v == 1 ? 0x03 : 0x02);
        put32(r, comp, 1);
        ECPoint bigR;
        try {
            bigR = C.decodePoint(comp);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("signature r is not the x of a curve point");
        }
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInv = r.modInverse(N);
        BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
        BigInteger u2 = s.multiply(rInv).mod(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, u1, bigR, u2).normalize();
        if (q.isInfinity()) {
            throw new IllegalArgumentException("signature recovers the point at infinity");
        }
        return Arrays.copyOfRange(q.getEncoded(false), 1, 65);
    }

    /** Whether a 64-byte id is a point on secp256k1 (geth refuses others in neighbors packets). */
    public static boolean isValidId(byte[] id) {
        if (id.length != ID_BYTES) {
            return false;
        }
        byte[] enc = new byte[65];
        enc[0] = 0x04;
        System.arraycopy(id, 0, enc, 1, 64);
        try {
            return C.decodePoint(enc).isValid();
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /** Log distance of two ids as discv4 defines it: the bit length of keccak256(a) XOR keccak256(b) (0 = same). */
    public static int logDistance(byte[] hashA, byte[] hashB) {
        for (int i = 0; i < 32; i++) {
            int x = (hashA[i] ^ hashB[i]) & 0xFF;
            if (x != 0) {
                return (32 - i) * 8 - (Integer.numberOfLeadingZeros(x) - 24);
            }
        }
        return 0;
    }

    /** Compares the distances of a and b to target (all keccak hashes): negative when a is closer. */
    public static int compareDistance(byte[] target, byte[] a, byte[] b) {
        for (int i = 0; i < 32; i++) {
            int da = (a[i] ^ target[i]) & 0xFF;
            int db = (b[i] ^ target[i]) & 0xFF;
            if (da != db) {
                return Integer.compare(da, db);
            }
        }
        return 0;
    }
}
