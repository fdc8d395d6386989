package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.random.RandomGenerator;

/**
 * Pastry's 128-bit id arithmetic on the SPI's 160-bit {@link NodeId}: a Pastry id is the first 128 bits
 * ({@code hi}, {@code mid}); the last 32 bits of a Pastry node's id are zero, and those of a key are
 * ignored. Digits are b bits wide, most significant first. Allocation-free: distances are compared as
 * pairs of unsigned longs.
 */
public final class PastryIds {

    public static final int BITS = 128;

    private PastryIds() {}

    /** A Pastry node id: 128 random bits, the last 32 bits of the SPI id zero. */
    public static NodeId random(RandomGenerator rng) {
        return new NodeId(rng.nextLong(), rng.nextLong(), 0);
    }

    /**
     * A certified id (Castro et al. 2002, {@code bindIds}): the first 128 bits of SHA-1 of the node's compact
     * address (4 address bytes, 2 port bytes). An attacker cannot choose it without owning the address.
     */
    public static NodeId forAddress(io.p2ptestbed.overlay.id.NodeAddress address) {
        try {
            return of(NodeId.fromBytes(java.security.MessageDigest.getInstance("SHA-1").digest(address.toCompact())));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-1", e);
        }
    }

    /** Whether the contact's id is the certified id of its address. */
    public static boolean bound(io.p2ptestbed.overlay.id.Contact c) {
        return forAddress(c.address()).equals(c.id());
    }

    /**
     * The fixed point of slot (row r, column d) of a constrained routing table (Castro et al. 2002): the
     * id that shares the first r digits with {@code self}, has d as digit r, and equals {@code self} in every
     * later digit. The slot holds the node numerically closest to this point.
     */
    public static NodeId slotPoint(NodeId self, int r, int d, int b) {
        int shift = BITS - (r + 1) * b;
        long mask = (1L << b) - 1;
        long hi = self.hi(), mid = self.mid();
        if (shift >= 64) {
            hi = (hi & ~(mask << (shift - 64))) | ((long) d << (shift - 64));
        } else {
            mid = (mid & ~(mask << shift)) | ((long) d << shift);
        }
        return new NodeId(hi, mid, 0);
    }

    /** Signed offset of {@code n} from {@code key} on the 128-bit ring, in (-2^127, 2^127]. */
    public static java.math.BigInteger offset(NodeId key, NodeId n) {
        java.math.BigInteger two128 = java.math.BigInteger.ONE.shiftLeft(BITS);
        java.math.BigInteger d = big(n).subtract(big(key)).mod(two128);
        return d.compareTo(java.math.BigInteger.ONE.shiftLeft(BITS - 1)) > 0 ? d.subtract(two128) : d;
    }

    /**
     * The key's replica set of size {@code r} among {@code ids}: the r/2 closest on each side of the key on the ring
     * (counter-clockwise: negative offsets; clockwise: the key itself and positive offsets), closest to the key first.
     * This is the set the root's leaf set of |L| = r holds (Castro et al.'s l = r); with fewer ids on a side, all of it.
     */
    public static java.util.List<NodeId> replicaSet(NodeId key, java.util.Collection<NodeId> ids, int r) {
        java.util.List<NodeId> left = new java.util.ArrayList<>();
        java.util.List<NodeId> right = new java.util.ArrayList<>();
        for (NodeId id : ids) {
            NodeId p = of(id);
            if (!left.contains(p) && !right.contains(p)) {
                (offset(key, p).signum() < 0 ? left : right).add(p);
            }
        }
        java.util.Comparator<NodeId> byDistance = (a, b) -> compareDistance(key, a, b);
        left.sort(byDistance);
        right.sort(byDistance);
        java.util.List<NodeId> out = new java.util.ArrayList<>(left.subList(0, Math.min(left.size(), r / 2)));
        out.addAll(right.subList(0, Math.min(right.size(), r - r / 2)));
        out.sort(byDistance);
        return out;
    }

    /** The first 128 bits as an unsigned integer. */
    public static java.math.BigInteger big(NodeId id) {
        return new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(id.hi()).putLong(id.mid()).array());
    }

    /** The id cut to its Pastry part (the last 32 bits cleared). */
    public static NodeId of(NodeId id) {
        return id.lo() == 0 ? id : new NodeId(id.hi(), id.mid(), 0);
    }

    /** Digit {@code i} (0 = most significant) of b bits. */
    public static int digit(NodeId id, int i, int b) {
        return digit(id.hi(), id.mid(), i, b);
    }

    /** {@link #digit(NodeId, int, int)} of the id whose two words are {@code hi}, {@code mid}. */
    static int digit(long hi, long mid, int i, int b) {
        int bit = i * b;
        long word = bit < 64 ? hi : mid;
        int shift = 64 - b - (bit & 63);
        return (int) ((word >>> shift) & ((1 << b) - 1));
    }

    /** Digits of b bits the two ids share at the front (128 / b when equal in their first 128 bits). */
    public static int sharedDigits(NodeId a, NodeId c, int b) {
        return sharedDigits(a.hi(), a.mid(), c.hi(), c.mid(), b);
    }

    /** {@link #sharedDigits(NodeId, NodeId, int)} on the ids' two words. */
    static int sharedDigits(long aHi, long aMid, long cHi, long cMid, int b) {
        long x = aHi ^ cHi;
        int bits = x != 0 ? Long.numberOfLeadingZeros(x) : 64 + (aMid == cMid ? 64 : Long.numberOfLeadingZeros(aMid ^ cMid));
        return bits / b;
    }

    /** The high word of (to - from) mod 2^128: the clockwise distance from {@code from} to {@code to}. */
    static long cwHi(NodeId from, NodeId to) {
        long borrow = Long.compareUnsigned(to.mid(), from.mid()) < 0 ? 1 : 0;
        return to.hi() - from.hi() - borrow;
    }

    static long cwLo(NodeId from, NodeId to) {
        return to.mid() - from.mid();
    }

    /** {@link #compareClockwise(NodeId, NodeId, NodeId)} on the ids' two words (from, a and b). */
    static int compareClockwise(long fHi, long fMid, long aHi, long aMid, long bHi, long bMid) {
        int c = Long.compareUnsigned(cwHi(fHi, fMid, aHi, aMid), cwHi(fHi, fMid, bHi, bMid));
        return c != 0 ? c : Long.compareUnsigned(aMid - fMid, bMid - fMid);
    }

    /** {@link #compareCounterClockwise(NodeId, NodeId, NodeId)} on the ids' two words (from, a and b). */
    static int compareCounterClockwise(long fHi, long fMid, long aHi, long aMid, long bHi, long bMid) {
        int c = Long.compareUnsigned(cwHi(aHi, aMid, fHi, fMid), cwHi(bHi, bMid, fHi, fMid));
        return c != 0 ? c : Long.compareUnsigned(fMid - aMid, fMid - bMid);
    }

    private static long cwHi(long fromHi, long fromMid, long toHi, long toMid) {
        return toHi - fromHi - (Long.compareUnsigned(toMid, fromMid) < 0 ? 1 : 0);
    }

    /** Compares the clockwise distances from {@code from} to {@code a} and to {@code b}. */
    public static int compareClockwise(NodeId from, NodeId a, NodeId b) {
        int c = Long.compareUnsigned(cwHi(from, a), cwHi(from, b));
        return c != 0 ? c : Long.compareUnsigned(cwLo(from, a), cwLo(from, b));
    }

    /** Compares the counter-clockwise distances from {@code from} to {@code a} and to {@code b}. */
    public static int compareCounterClockwise(NodeId from, NodeId a, NodeId b) {
        int c = Long.compareUnsigned(cwHi(a, from), cwHi(b, from));
        return c != 0 ? c : Long.compareUnsigned(cwLo(a, from), cwLo(b, from));
    }

    /** Whether the key lies clockwise of self (the circular distance is shorter going clockwise). */
    static boolean clockwise(NodeId self, NodeId key) {
        return cwHi(self, key) >= 0; // (key - self) mod 2^128 < 2^127
    }

    /**
     * Compares the circular numeric distances |key - a| and |key - b| on the 128-bit ring; equal distances
     * (a key exactly between two nodes) are broken by the smaller id, so every node picks the same owner.
     */
    public static int compareDistance(NodeId key, NodeId a, NodeId b) {
        long ah = absHi(key, a), al = absLo(key, a), bh = absHi(key, b), bl = absLo(key, b);
        int c = Long.compareUnsigned(ah, bh);
        if (c == 0) {
            c = Long.compareUnsigned(al, bl);
        }
        return c != 0 ? c : of(a).compareTo(of(b));
    }

    private static long absHi(NodeId key, NodeId n) {
        return clockwise(key, n) ? cwHi(key, n) : cwHi(n, key);
    }

    private static long absLo(NodeId key, NodeId n) {
        return clockwise(key, n) ? cwLo(key, n) : cwLo(n, key);
    }
}
