package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.NodeId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * S/Kademlia's crypto puzzles for node ids (Baumgart and Mies, "S/Kademlia: A practicable approach
 * towards secure key-based routing", 2007, section 4.1), with SHA-1 so ids stay 160 bits:
 * <ul>
 *   <li><b>static puzzle</b>: the id is {@code H(pubkey)}, and only keys with {@code H(H(pubkey))} starting
 *       with {@code c1} zero bits are allowed. Nobody can choose an id, and each try costs two hashes,
 *       so an id costs about {@code 2^(c1+1)} hashes and an id within {@code p} bits of a chosen target
 *       about {@code 2^(c1+p+1)}.</li>
 *   <li><b>dynamic puzzle</b>: find {@code x} such that {@code H(id XOR x)} starts with {@code c2} zero
 *       bits: about {@code 2^c2} hashes, a cost that can be raised later without changing ids.</li>
 * </ul>
 * Verification costs three hashes.
 *
 * <p><b>Lab simplification, stated plainly:</b> the "key pair" is a stand-in. The public key is 32
 * random bytes from the caller's seeded generator and there is no private key and no signature: the
 * testbed measures what the puzzles cost an attacker and what they let through, not message
 * authentication, which S/Kademlia adds on top with real signatures. Costs are counted in hash
 * evaluations, never in wall-clock time.
 */
public final class CryptoPuzzle {

    public static final int PUBLIC_KEY_BYTES = 32;

    private CryptoPuzzle() {}

    /** A fresh identity solving both puzzles; all randomness from {@code rng}. */
    public static PuzzleSolution generate(int c1, int c2, RandomGenerator rng) {
        return generateNear(null, 0, c1, c2, rng, Long.MAX_VALUE).orElseThrow();
    }

    /**
     * What a Sybil attacker does: searches for an identity whose id shares at least {@code prefixBits}
     * leading bits with {@code target}, spending at most {@code maxStaticHashes} on the static puzzle.
     * Empty when the budget runs out; the hashes spent are then lost, as they would be for an attacker.
     */
    public static Optional<PuzzleSolution> generateNear(NodeId target, int prefixBits, int c1, int c2,
                                                        RandomGenerator rng, long maxStaticHashes) {
        requireDifficulty(c1, c2);
        if (prefixBits < 0 || prefixBits > NodeId.BITS || (prefixBits > 0 && target == null)) {
            throw new IllegalArgumentException("prefixBits must be in [0, 160] with a target, got " + prefixBits);
        }
        MessageDigest sha1 = sha1();
        byte[] key = new byte[PUBLIC_KEY_BYTES];
        long staticHashes = 0;
        NodeId id;
        while (true) {
            if (staticHashes + 2 > maxStaticHashes) {
                return Optional.empty();
            }
            rng.nextBytes(key);
            byte[] h1 = sha1.digest(key);
            staticHashes += 2;
            if (leadingZeroBits(sha1.digest(h1)) >= c1) {
                id = NodeId.fromBytes(h1);
                if (prefixBits == 0 || id.commonPrefixLength(target) >= prefixBits) {
                    break;
                }
            }
        }
        byte[] x = new byte[NodeId.BYTES];
        long dynamicHashes = 0;
        byte[] idBytes = id.toBytes();
        byte[] mixed = new byte[NodeId.BYTES];
        do {
            rng.nextBytes(x);
            for (int i = 0; i < mixed.length; i++) {
                mixed[i] = (byte) (idBytes[i] ^ x[i]);
            }
            dynamicHashes++;
        } while (leadingZeroBits(sha1.digest(mixed)) < c2);
        return Optional.of(new PuzzleSolution(id, new PuzzleProof(key, x), c1, c2, staticHashes, dynamicHashes));
    }

    /** Checks both puzzles; returns why the proof fails, or empty when it holds. */
    public static Optional<String> check(NodeId id, PuzzleProof proof, int c1, int c2) {
        requireDifficulty(c1, c2);
        MessageDigest sha1 = sha1();
        byte[] h1 = sha1.digest(proof.publicKey());
        if (!NodeId.fromBytes(h1).equals(id)) {
            return Optional.of("id is not SHA-1 of its public key");
        }
        if (leadingZeroBits(sha1.digest(h1)) < c1) {
            return Optional.of("static puzzle unsolved (c1=" + c1 + ")");
        }
        byte[] x = proof.x();
        for (int i = 0; i < x.length; i++) {
            x[i] ^= h1[i];
        }
        if (leadingZeroBits(sha1.digest(x)) < c2) {
            return Optional.of("dynamic puzzle unsolved (c2=" + c2 + ")");
        }
        return Optional.empty();
    }

    public static boolean verify(NodeId id, PuzzleProof proof, int c1, int c2) {
        return check(id, proof, c1, c2).isEmpty();
    }

    /** Expected SHA-1 evaluations for one identity: 2 * 2^c1 (static) + 2^c2 (dynamic). */
    public static double expectedHashes(int c1, int c2) {
        return 2 * StrictMath.pow(2, c1) + StrictMath.pow(2, c2);
    }

    static int leadingZeroBits(byte[] h) {
        int n = 0;
        for (byte b : h) {
            if (b == 0) {
                n += 8;
                continue;
            }
            return n + Integer.numberOfLeadingZeros(b & 0xFF) - 24;
        }
        return n;
    }

    private static void requireDifficulty(int c1, int c2) {
        if (c1 < 0 || c1 > 40 || c2 < 0 || c2 > 40) {
            throw new IllegalArgumentException("puzzle difficulties must be in [0, 40], got c1=" + c1 + ", c2=" + c2);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }
}
