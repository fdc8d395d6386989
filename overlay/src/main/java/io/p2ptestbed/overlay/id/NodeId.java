package io.p2ptestbed.overlay.id;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit Kademlia / Mainline DHT node id (also used for info-hashes and lookup targets).
 *
 * <p>Stored as three primitive fields (bytes 0-7, 8-15, 16-19, big-endian) rather than a byte array so
 * that a 100,000-node simulation keeps millions of routing entries cheaply and XOR-distance
 * comparisons need no allocation.
 */
public record NodeId(long hi, long mid, int lo) implements Comparable<NodeId> {

    public static final int BITS = 160;
    public static final int BYTES = 20;

    public static NodeId fromBytes(byte[] b) {
        return fromBytes(b, 0);
    }

    public static NodeId fromBytes(byte[] b, int off) {
        if (b.length - off < BYTES) {
            throw new IllegalArgumentException("node id needs 20 bytes, got " + (b.length - off));
        }
        return new NodeId(readLong(b, off), readLong(b, off + 8), (int) INT_BE.get(b, off + 16));
    }

    public static NodeId fromHex(String hex) {
        if (hex.length() != 40) {
            throw new IllegalArgumentException("node id hex must be 40 characters: " + hex);
        }
        return fromBytes(HexFormat.of().parseHex(hex));
    }

    /** The id bound to an address: SHA-1 of its 6-byte compact form (Chord's bound ids; Gnutella's and Bitcoin's ids). */
    public static NodeId ofAddress(NodeAddress address) {
        int slot = (address.hashCode() * 0x9E3779B1 >>> 20) & (BOUND.length - 1);
        Bound b = BOUND[slot];
        if (b != null && b.address.equals(address)) {
            return b.id;
        }
        NodeId id = fromBytes(SHA1.get().digest(address.toCompact()));
        BOUND[slot] = new Bound(address, id);
        return id;
    }

    /**
     * Addresses' ids met lately, process-wide and direct-mapped (a pure function, so a hit gives what the digest
     * would): overlays that name a message's origin on every delivery (Bitcoin, Gnutella) computed a SHA-1 per
     * delivery (session 12). Entries are immutable records, so threads share the table without locks.
     */
    private record Bound(NodeAddress address, NodeId id) {}

    private static final Bound[] BOUND = new Bound[1 << 12];

    /** One SHA-1 engine per thread: looking one up per call (provider search, reflection) cost more than the digest. */
    private static final ThreadLocal<java.security.MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-1", e);
        }
    });

    public static NodeId random(RandomGenerator rng) {
        return new NodeId(rng.nextLong(), rng.nextLong(), rng.nextInt());
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        writeTo(b, 0);
        return b;
    }

    public void writeTo(byte[] b, int off) {
        writeLong(b, off, hi);
        writeLong(b, off + 8, mid);
        INT_BE.set(b, off + 16, lo);
    }

    public NodeId xor(NodeId o) {
        return new NodeId(hi ^ o.hi, mid ^ o.mid, lo ^ o.lo);
    }

    /** Number of leading bits this id shares with {@code o} (160 when equal). */
    public int commonPrefixLength(NodeId o) {
        long x = hi ^ o.hi;
        if (x != 0) {
            return Long.numberOfLeadingZeros(x);
        }
        x = mid ^ o.mid;
        if (x != 0) {
            return 64 + Long.numberOfLeadingZeros(x);
        }
        int y = lo ^ o.lo;
        return y != 0 ? 128 + Integer.numberOfLeadingZeros(y) : BITS;
    }

    /** Bit {@code i} counted from the most significant bit (0..159). */
    public boolean bit(int i) {
        if (i < 64) {
            return ((hi >>> (63 - i)) & 1) != 0;
        }
        if (i < 128) {
            return ((mid >>> (127 - i)) & 1) != 0;
        }
        return ((lo >>> (159 - i)) & 1) != 0;
    }

    /** Returns this id with bit {@code i} flipped. */
    public NodeId flipBit(int i) {
        if (i < 64) {
            return new NodeId(hi ^ (1L << (63 - i)), mid, lo);
        }
        if (i < 128) {
            return new NodeId(hi, mid ^ (1L << (127 - i)), lo);
        }
        return new NodeId(hi, mid, lo ^ (1 << (159 - i)));
    }

    /**
     * An id that shares exactly {@code prefixLen} leading bits with this id and has random bits after
     * the differing bit: a random point in this id's bucket number {@code 159 - prefixLen}.
     */
    public NodeId randomInBucketOf(int prefixLen, RandomGenerator rng) {
        NodeId r = random(rng);
        byte[] out = r.toBytes();
        byte[] me = toBytes();
        for (int i = 0; i < prefixLen; i++) {
            setBit(out, i, bitOf(me, i));
        }
        if (prefixLen < BITS) {
            setBit(out, prefixLen, !bitOf(me, prefixLen));
        }
        return fromBytes(out);
    }

    /** Compares the XOR distances {@code a ^ this} and {@code b ^ this}: negative when a is closer. */
    public int compareDistance(NodeId a, NodeId b) {
        int c = Long.compareUnsigned(a.hi ^ hi, b.hi ^ hi);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a.mid ^ mid, b.mid ^ mid);
        if (c != 0) {
            return c;
        }
        return Integer.compareUnsigned(a.lo ^ lo, b.lo ^ lo);
    }

    @Override
    public int compareTo(NodeId o) {
        int c = Long.compareUnsigned(hi, o.hi);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(mid, o.mid);
        return c != 0 ? c : Integer.compareUnsigned(lo, o.lo);
    }

    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    /** First 8 hex digits, for logs and graph labels. */
    public String shortHex() {
        return toHex().substring(0, 8);
    }

    /** Hand-written: ids are hashed and compared in every lookup's hot path. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId n && n.hi == hi && n.mid == mid && n.lo == lo;
    }

    @Override
    public int hashCode() {
        return (int) (hi ^ (hi >>> 32)) ^ lo;
    }

    @Override
    public String toString() {
        return toHex();
    }

    private static boolean bitOf(byte[] b, int i) {
        return (b[i >>> 3] & (0x80 >>> (i & 7))) != 0;
    }

    private static void setBit(byte[] b, int i, boolean v) {
        if (v) {
            b[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        } else {
            b[i >>> 3] &= (byte) ~(0x80 >>> (i & 7));
        }
    }

    private static final java.lang.invoke.VarHandle LONG_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle INT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private static long readLong(byte[] b, int off) {
        return (long) LONG_BE.get(b, off);
    }

    private static void writeLong(byte[] b, int off, long v) {
        LONG_BE.set(b, off, v);
    }
}
