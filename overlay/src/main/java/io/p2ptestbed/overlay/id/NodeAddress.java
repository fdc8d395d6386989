package io.p2ptestbed.overlay.id;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** An IPv4 UDP endpoint, kept as two ints; the 6-byte compact form is BEP 5's "compact peer info". */
public record NodeAddress(int ip, int port) {

    public static final int COMPACT_BYTES = 6;

    public NodeAddress {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
    }

    public static NodeAddress of(int a, int b, int c, int d, int port) {
        return new NodeAddress((a << 24) | (b << 16) | (c << 8) | d, port);
    }

    /** Parses {@code "127.0.0.5:6881"}. */
    public static NodeAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected ip:port, got '" + hostPort + "'");
        }
        String[] parts = hostPort.substring(0, colon).split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected a dotted IPv4 address, got '" + hostPort + "'");
        }
        int ip = 0;
        for (String p : parts) {
            int v = Integer.parseInt(p);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("IPv4 octet out of range in '" + hostPort + "'");
            }
            ip = (ip << 8) | v;
        }
        return new NodeAddress(ip, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    public static NodeAddress fromCompact(byte[] b, int off) {
        int ip = ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        int port = ((b[off + 4] & 0xFF) << 8) | (b[off + 5] & 0xFF);
        return new NodeAddress(ip, port);
    }

    public static NodeAddress from(InetSocketAddress sa) {
        byte[] a = sa.getAddress().getAddress();
        if (a.length != 4) {
            throw new IllegalArgumentException("only IPv4 is supported: " + sa);
        }
        return new NodeAddress(((a[0] & 0xFF) << 24) | ((a[1] & 0xFF) << 16) | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF), sa.getPort());
    }

    public void writeCompact(byte[] b, int off) {
        b[off] = (byte) (ip >>> 24);
        b[off + 1] = (byte) (ip >>> 16);
        b[off + 2] = (byte) (ip >>> 8);
        b[off + 3] = (byte) ip;
        b[off + 4] = (byte) (port >>> 8);
        b[off + 5] = (byte) port;
    }

    public byte[] toCompact() {
        byte[] b = new byte[COMPACT_BYTES];
        writeCompact(b, 0);
        return b;
    }

    public byte[] ipBytes() {
        return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    }

    public InetSocketAddress toSocketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ipBytes()), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4-byte address rejected", e);
        }
    }

    public boolean isLoopback() {
        return (ip >>> 24) == 127;
    }

    /** The /24 prefix as an int, for IP-diversity limits. */
    public int slash24() {
        return ip >>> 8;
    }

    public String host() {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }

    public static boolean isIpv4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    /** Mixed hash: lab addresses differ in few bits, and the record default collides badly in hash maps. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NodeAddress a && a.ip == ip && a.port == port;
    }

    @Override
    public int hashCode() {
        long h = (((long) ip) << 16 | port) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return host() + ":" + port;
    }
}
