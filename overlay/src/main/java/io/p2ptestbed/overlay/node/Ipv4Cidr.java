package io.p2ptestbed.overlay.node;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 subnet a.b.c.d/n, for the node host's {@code --bind-subnet}, the relay's {@code --allow} and a node's {@code --lab}. */
public record Ipv4Cidr(int network, int bits) {

    /** Parses a.b.c.d/n; throws {@link IllegalArgumentException} naming the expected form. */
    public static Ipv4Cidr parse(String cidr) {
        String[] p = cidr.split("/");
        try {
            if (p.length != 2 || !isDotted(p[0])) {
                throw new IllegalArgumentException();
            }
            int bits = Integer.parseInt(p[1]);
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException();
            }
            return new Ipv4Cidr(ipv4(p[0]), bits);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected an IPv4 CIDR such as 10.128.0.0/16, got '" + cidr + "'");
        }
    }

    public static boolean isDotted(String s) {
        return s.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** A dotted IPv4 address as an int (no name lookup: callers check {@link #isDotted} first). */
    public static int ipv4(String dotted) {
        try {
            return ipv4(InetAddress.getByName(dotted).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted, e);
        }
    }

    public static int ipv4(byte[] b) {
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    public boolean contains(int ip) {
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return (ip & mask) == (network & mask);
    }

    @Override
    public String toString() {
        return ((network >>> 24) & 0xFF) + "." + ((network >>> 16) & 0xFF) + "." + ((network >>> 8) & 0xFF) + "."
                + (network & 0xFF) + "/" + bits;
    }
}
