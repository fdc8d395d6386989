package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pastry's parameters (Rowstron and Druschel, Middleware 2001), by their scenario names.
 *
 * @param b                   bits per digit; the routing table has 2^b columns (1, 2, 4 or 8; the paper's 4)
 * @param leafSet             |L|, the leaf set: |L|/2 numerically closest on each side (even, the paper's 16)
 * @param neighbourhood       |M|, the neighbourhood set: nodes closest by measured round-trip time (32)
 * @param leafProbeMillis     period of the keep-alive pings to the leaf set (their replies carry leaf sets)
 * @param tableRepairMillis   period of the routing-table maintenance: ask a random row entry for its row
 * @param queryTimeoutMillis  how long a request (or a forwarded route, hop by hop) waits for its answer
 * @param routeTimeoutMillis  how long the origin of a route waits for the owner's reply
 * @param proximity           choose routing-table entries and the neighbourhood set by measured RTT
 */
public record PastryConfig(int b, int leafSet, int neighbourhood, long leafProbeMillis, long tableRepairMillis,
                           long queryTimeoutMillis, long routeTimeoutMillis, boolean proximity) {

    /** The largest leaf set or neighbourhood set (also the codec's bound on a contact list). */
    public static final int MAX_SET = 64;

    public PastryConfig {
        if (b != 1 && b != 2 && b != 4 && b != 8) {
            throw new IllegalArgumentException("parameter 'b' of protocol pastry must be 1, 2, 4 or 8 (a digit "
                    + "width that divides 128), got " + b);
        }
        check("leafSet", leafSet, 2, MAX_SET);
        if (leafSet % 2 != 0) {
            throw new IllegalArgumentException("parameter 'leafSet' of protocol pastry must be even (half on each "
                    + "side), got " + leafSet);
        }
        check("neighbourhood", neighbourhood, 0, MAX_SET);
        check("leafProbeMillis", leafProbeMillis, 10, 3_600_000);
        check("tableRepairMillis", tableRepairMillis, 10, 3_600_000);
        check("queryTimeoutMillis", queryTimeoutMillis, 1, 600_000);
        check("routeTimeoutMillis", routeTimeoutMillis, queryTimeoutMillis, 3_600_000);
    }

    private static void check(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("parameter '" + name + "' of protocol pastry must be in [" + min + ", "
                    + max + "], got " + v);
        }
    }

    public static PastryConfig defaults() {
        return new PastryConfig(4, 16, 32, 1_000, 10_000, 1_000, 10_000, true);
    }

    /** Rows of the routing table: 128 / b (only the first ceil(log_{2^b} N) are ever populated). */
    public int rows() {
        return PastryIds.BITS / b;
    }

    public int columns() {
        return 1 << b;
    }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("b", String.valueOf(b));
        m.put("leafSet", String.valueOf(leafSet));
        m.put("neighbourhood", String.valueOf(neighbourhood));
        m.put("leafProbeMillis", String.valueOf(leafProbeMillis));
        m.put("tableRepairMillis", String.valueOf(tableRepairMillis));
        m.put("queryTimeoutMillis", String.valueOf(queryTimeoutMillis));
        m.put("routeTimeoutMillis", String.valueOf(routeTimeoutMillis));
        m.put("proximity", String.valueOf(proximity));
        return m;
    }

    /** The config of parameters; bad values are refused with the parameter's name. */
    public static PastryConfig of(ProtocolParams p) {
        long query = p.longValue("queryTimeoutMillis", 1, 600_000);
        return new PastryConfig(p.intValue("b", 1, 8), p.intValue("leafSet", 2, MAX_SET),
                p.intValue("neighbourhood", 0, MAX_SET), p.longValue("leafProbeMillis", 10, 3_600_000),
                p.longValue("tableRepairMillis", 10, 3_600_000), query,
                p.longValue("routeTimeoutMillis", query, 3_600_000), p.bool("proximity"));
    }
}
