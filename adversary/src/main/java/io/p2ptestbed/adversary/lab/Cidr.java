package io.p2ptestbed.adversary.lab;

import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * An IPv4 network in CIDR notation, kept as the masked network address and the prefix length.
 *
 * @param network      the network address with all host bits zero
 * @param prefixLength 0..32
 */
public record Cidr(int network, int prefixLength) {

    /** The whole loopback block, the lab's default home. */
    public static final Cidr LOOPBACK = parse("127.0.0.0/8");

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("CIDR prefix length must be in [0, 32], got " + prefixLength);
        }
        network &= mask(prefixLength);
    }

    /** Parses {@code "10.1.0.0/16"}; host bits are cleared. */
    public static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("expected a.b.c.d/len, got '" + cidr + "'");
        }
        NodeAddress a = NodeAddress.parse(cidr.substring(0, slash) + ":0");
        return new Cidr(a.ip(), Integer.parseInt(cidr.substring(slash + 1).trim()));
    }

    public boolean contains(int ip) {
        return (ip & mask(prefixLength)) == network;
    }

    public boolean contains(NodeAddress a) {
        return contains(a.ip());
    }

    /** True when every address of {@code other} is in this network. */
    public boolean covers(Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    /** The address {@code offset} places after the network address. */
    public int ipAt(long offset) {
        if (offset < 0 || offset >= size()) {
            throw new IllegalArgumentException("offset " + offset + " outside " + this);
        }
        return network + (int) offset;
    }

    static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    @Override
    public String toString() {
        return new NodeAddress(network, 0).host() + "/" + prefixLength;
    }
}
