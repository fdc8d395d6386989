package io.p2ptestbed.overlay.gnutella;

import java.util.Arrays;

/**
 * One Gnutella 0.4 descriptor: the 23-byte header (16-byte descriptor id, payload descriptor, TTL, hops,
 * payload length, little-endian) and its payload, still encoded. The typed payloads are {@link Pong},
 * {@link Query} and {@link QueryHit}; a ping has none.
 */
public record Descriptor(Guid guid, int type, int ttl, int hops, byte[] payload) {

    public static final int PING = 0x00;
    public static final int PONG = 0x01;
    public static final int PUSH = 0x40;
    public static final int QUERY = 0x80;
    public static final int QUERY_HIT = 0x81;

    public Descriptor {
        if (ttl < 0 || ttl > 255 || hops < 0 || hops > 255) {
            throw new IllegalArgumentException("TTL and hops are single bytes, got TTL " + ttl + ", hops " + hops);
        }
    }

    /** The same descriptor one hop further on: TTL down by one, hops up by one (TTL given for forgers). */
    public Descriptor forwarded(int newTtl) {
        return new Descriptor(guid, type, newTtl, Math.min(255, hops + 1), payload);
    }

    public static String typeName(int type) {
        return switch (type) {
            case PING -> "ping";
            case PONG -> "pong";
            case PUSH -> "push";
            case QUERY -> "query";
            case QUERY_HIT -> "queryHit";
            default -> String.format("0x%02x", type);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Descriptor d && d.guid.equals(guid) && d.type == type && d.ttl == ttl && d.hops == hops
                && Arrays.equals(d.payload, payload);
    }

    @Override
    public int hashCode() {
        return guid.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return typeName(type) + " " + guid + " ttl " + ttl + " hops " + hops + " (" + payload.length + " bytes)";
    }

    /** A 16-byte descriptor id as two longs (big-endian halves of the wire bytes). */
    public record Guid(long hi, long lo) {

        public static Guid read(byte[] b, int off) {
            return new Guid(GnutellaCodec.longBE(b, off), GnutellaCodec.longBE(b, off + 8));
        }

        public void write(byte[] b, int off) {
            GnutellaCodec.putLongBE(b, off, hi);
            GnutellaCodec.putLongBE(b, off + 8, lo);
        }

        // explicit: the record's generated equals and hashCode go through ObjectMethods, several times slower
        @Override
        public boolean equals(Object o) {
            return o instanceof Guid g && g.hi == hi && g.lo == lo;
        }

        @Override
        public int hashCode() {
            long h = hi * 0x9E3779B97F4A7C15L ^ lo;
            return (int) (h ^ (h >>> 32));
        }

        /** The 64-bit message id the Broadcast capability reports: the random low half. */
        public long messageId() {
            return lo;
        }

        @Override
        public String toString() {
            return String.format("%016x%016x", hi, lo);
        }
    }

    /** A pong's payload: port (LE), IPv4 address (big-endian, as the 0.4 spec says), files and kilobytes shared (LE). */
    public record Pong(int port, int ip, long files, long kilobytes) {
        public static final int BYTES = 14;
    }

    /** A query's payload: minimum speed (LE) and the search criteria, NUL-terminated. */
    public record Query(int minSpeed, String criteria) {}

    /** One result of a query hit: file index, file size (LE) and the file name (double-NUL-terminated on the wire). */
    public record Result(long index, long size, String name) {}

    /** A query hit's payload: results, the responder's port (LE), address (BE) and speed (LE), its 16-byte servent id. */
    public record QueryHit(int port, int ip, long speed, java.util.List<Result> results, Guid serventId) {
        public QueryHit {
            results = java.util.List.copyOf(results);
            if (results.isEmpty() || results.size() > 255) {
                throw new IllegalArgumentException("a query hit carries 1 to 255 results, got " + results.size());
            }
        }
    }
}
