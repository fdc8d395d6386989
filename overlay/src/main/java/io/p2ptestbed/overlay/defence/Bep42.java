package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32C;

/**
 * BEP 42 (DHT security extension) for IPv4: a node id is bound to the node's external IP.
 *
 * <p>The rule: take the IP as a big-endian 32-bit value, keep only the bits of {@code 0x030f3fff},
 * put a 3-bit number {@code r} in the top three bits, and compute CRC-32C of those four bytes. A
 * compliant id has the CRC's first 21 bits as its own first 21 bits, and {@code r} as the low three
 * bits of its last byte (the rest of the last byte and all middle bytes are free). An attacker behind
 * one address can therefore mint only ids in 8 narrow slices of the id space, which limits how close
 * to a chosen target it can place Sybils.
 *
 * <p>BEP 42 exempts local networks (10/8, 172.16/12, 192.168/16, 169.254/16, 127/8) because their
 * nodes cannot know their external address; see {@link #isLocalNetwork}. The lab runs in 127/8, so the
 * {@link Bep42Policy} enforces the rule there unless told otherwise.
 */
public final class Bep42 {

    static final int IPV4_MASK = 0x030f3fff;
    /** The 21 leading bits that must match, as a mask over the id's first four bytes. */
    static final int PREFIX_MASK = 0xFFFFF800;

    private Bep42() {}

    /** CRC-32C of {@code (ip & 0x030f3fff) | (r << 29)} in network byte order. */
    public static int crc(int ip, int r) {
        int v = (ip & IPV4_MASK) | ((r & 7) << 29);
        CRC32C crc = new CRC32C();
        crc.update(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        return (int) crc.getValue();
    }

    /** A compliant id for {@code ip}; {@code rand} (0..255) becomes the id's last byte, its low 3 bits are r. */
    public static NodeId idFor(int ip, int rand, RandomGenerator rng) {
        int crc = crc(ip, rand & 7);
        byte[] b = new byte[NodeId.BYTES];
        rng.nextBytes(b);
        b[0] = (byte) (crc >>> 24);
        b[1] = (byte) (crc >>> 16);
        b[2] = (byte) (((crc >>> 8) & 0xF8) | (b[2] & 0x07));
        b[19] = (byte) rand;
        return NodeId.fromBytes(b);
    }

    /** A compliant id for {@code ip} with a random r and random free bits, all drawn from {@code rng}. */
    public static NodeId idFor(int ip, RandomGenerator rng) {
        return idFor(ip, rng.nextInt(256), rng);
    }

    public static NodeId idFor(NodeAddress address, RandomGenerator rng) {
        return idFor(address.ip(), rng);
    }

    /** Whether {@code id} obeys the BEP 42 rule for {@code ip} (local networks are not exempted here). */
    public static boolean isCompliant(NodeId id, int ip) {
        int r = id.lo() & 7;
        int top = (int) (id.hi() >>> 32);
        return ((top ^ crc(ip, r)) & PREFIX_MASK) == 0;
    }

    public static boolean isCompliant(NodeId id, NodeAddress address) {
        return isCompliant(id, address.ip());
    }

    /** The local networks BEP 42 exempts: 10/8, 172.16/12, 192.168/16, 169.254/16 and 127/8. */
    public static boolean isLocalNetwork(int ip) {
        int a = ip >>> 24;
        int b = (ip >>> 16) & 0xFF;
        return a == 10 || a == 127 || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168) || (a == 169 && b == 254);
    }
}
