package io.p2ptestbed.overlay.defence;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a node shows to prove its id solves the S/Kademlia puzzles: the public key whose SHA-1 is the id
 * (static puzzle) and the value {@code x} for the dynamic puzzle. Immutable: the arrays are copied in and out.
 *
 * @param publicKey the key-pair stand-in: 32 random bytes (see {@link CryptoPuzzle})
 * @param x         20 bytes with {@code SHA-1(id XOR x)} starting with c2 zero bits
 */
public record PuzzleProof(byte[] publicKey, byte[] x) {

    public PuzzleProof {
        if (publicKey == null || publicKey.length == 0 || publicKey.length > 1024) {
            throw new IllegalArgumentException("public key must have 1..1024 bytes");
        }
        if (x == null || x.length != 20) {
            throw new IllegalArgumentException("x must have 20 bytes");
        }
        publicKey = publicKey.clone();
        x = x.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] x() {
        return x.clone();
    }

    /** The proof as it would travel on the wire (e.g. as an "sk" dictionary key): publicKey || x. */
    public byte[] encode() {
        byte[] out = Arrays.copyOf(publicKey, publicKey.length + x.length);
        System.arraycopy(x, 0, out, publicKey.length, x.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PuzzleProof p && Arrays.equals(publicKey, p.publicKey) && Arrays.equals(x, p.x);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(publicKey) + Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "PuzzleProof[publicKey=" + HexFormat.of().formatHex(publicKey) + ", x=" + HexFormat.of().formatHex(x) + "]";
    }
}
