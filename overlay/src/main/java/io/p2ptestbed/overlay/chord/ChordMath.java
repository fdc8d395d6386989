package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.NodeId;

/**
 * Ring arithmetic on 160-bit ids without BigInteger: ids are compared as unsigned numbers on NodeId's
 * (hi, mid, lo) fields, and clockwise distances are subtracted limb by limb with a borrow.
 *
 * <p>Interval conventions follow the Chord paper: {@code (a, b)} runs clockwise from a to b. When a equals b
 * the open interval is the whole ring but a, and the half-open interval {@code (a, a]} is the whole ring
 * (a node alone owns every key).
 */
public final class ChordMath {

    private ChordMath() {}

    /** Whether x lies strictly inside the clockwise interval (a, b). */
    public static boolean between(NodeId a, NodeId x, NodeId b) {
        int ab = a.compareTo(b);
        if (ab < 0) {
            return a.compareTo(x) < 0 && x.compareTo(b) < 0;
        }
        if (ab == 0) {
            return !x.equals(a);
        }
        return a.compareTo(x) < 0 || x.compareTo(b) < 0;
    }

    /** Whether x lies in the clockwise interval (a, b]: the keys a node b owns when its predecessor is a. */
    public static boolean betweenRightIncl(NodeId a, NodeId x, NodeId b) {
        return x.equals(b) || between(a, x, b);
    }

    /**
     * Compares the clockwise distances from {@code from} to {@code a} and to {@code b}: negative when a comes
     * first going clockwise from {@code from} (a distance of 0, a == from, comes first of all).
     */
    public static int compareClockwise(NodeId from, NodeId a, NodeId b) {
        // d = (x - from) mod 2^160, limbs hi (64), mid (64), lo (32).
        long la = (a.lo() & 0xFFFFFFFFL) - (from.lo() & 0xFFFFFFFFL);
        long lb = (b.lo() & 0xFFFFFFFFL) - (from.lo() & 0xFFFFFFFFL);
        long borrowA = la < 0 ? 1 : 0;
        long borrowB = lb < 0 ? 1 : 0;
        long ma = a.mid() - from.mid() - borrowA;
        long mb = b.mid() - from.mid() - borrowB;
        long mbA = Long.compareUnsigned(a.mid(), from.mid()) < 0 || (a.mid() == from.mid() && borrowA == 1) ? 1 : 0;
        long mbB = Long.compareUnsigned(b.mid(), from.mid()) < 0 || (b.mid() == from.mid() && borrowB == 1) ? 1 : 0;
        long ha = a.hi() - from.hi() - mbA;
        long hb = b.hi() - from.hi() - mbB;
        int c = Long.compareUnsigned(ha, hb);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(ma, mb);
        return c != 0 ? c : Long.compare(la & 0xFFFFFFFFL, lb & 0xFFFFFFFFL);
    }

    /** The clockwise distance from {@code from} to {@code x}, {@code (x - from) mod 2^160}, as an id. */
    public static NodeId clockwiseDistance(NodeId from, NodeId x) {
        long l = (x.lo() & 0xFFFFFFFFL) - (from.lo() & 0xFFFFFFFFL);
        long borrow = l < 0 ? 1 : 0;
        return new NodeId(x.hi() - from.hi() - midBorrow(from, x, borrow), x.mid() - from.mid() - borrow, (int) l);
    }

    /** The borrow of the mid limb of {@code x - from}, given the borrow out of the low limb. */
    private static long midBorrow(NodeId from, NodeId x, long borrow) {
        return Long.compareUnsigned(x.mid(), from.mid()) < 0 || (x.mid() == from.mid() && borrow == 1) ? 1 : 0;
    }

    /**
     * The index of the highest set bit of the clockwise distance from {@code from} to {@code x} (its bit length
     * minus one; -1 when x equals from), without building the distance: the highest finger whose start lies in
     * (from, x].
     */
    public static int distanceHighBit(NodeId from, NodeId x) {
        long l = (x.lo() & 0xFFFFFFFFL) - (from.lo() & 0xFFFFFFFFL);
        long borrow = l < 0 ? 1 : 0;
        long h = x.hi() - from.hi() - midBorrow(from, x, borrow);
        if (h != 0) {
            return 159 - Long.numberOfLeadingZeros(h);
        }
        long m = x.mid() - from.mid() - borrow;
        if (m != 0) {
            return 95 - Long.numberOfLeadingZeros(m);
        }
        return 31 - Integer.numberOfLeadingZeros((int) l);
    }

    /** {@code id + 2^i mod 2^160}: the start of finger i (0 <= i < 160). */
    public static NodeId plusPowerOfTwo(NodeId id, int i) {
        if (i < 0 || i >= NodeId.BITS) {
            throw new IllegalArgumentException("finger index must be in [0, 160), got " + i);
        }
        long lo = id.lo() & 0xFFFFFFFFL;
        long mid = id.mid();
        long hi = id.hi();
        if (i < 32) {
            lo += 1L << i;
            if (lo >>> 32 != 0) {
                lo &= 0xFFFFFFFFL;
                mid++;
                if (mid == 0) {
                    hi++;
                }
            }
        } else if (i < 96) {
            long before = mid;
            mid += 1L << (i - 32);
            if (Long.compareUnsigned(mid, before) < 0) {
                hi++;
            }
        } else {
            hi += 1L << (i - 96);
        }
        return new NodeId(hi, mid, (int) lo);
    }
}
