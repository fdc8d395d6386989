package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.spi.ProtocolParams;
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
 * @param bindIds             defence (Castro et al. 2002, certified ids): a node's id is the first 128 bits of
 *                            SHA-1 of its address, and a contact whose id is not is refused
 * @param constrainedTable    defence (Castro et al.): keep a second, constrained routing table whose slot
 *                            (r, d) holds the known node closest to the slot's fixed point; secure routes use it
 * @param secureRouting       defence (Castro et al.): {@code off} (plain routes), {@code test} (the paper's secure
 *                            routing primitive: a plain route, then the routing failure test; on failure or timeout,
 *                            redundant routing by the neighbour-set anycast), {@code redundant} (always the
 *                            neighbour-set anycast), {@code leafset} (always redundant routing through every leaf,
 *                            closest answers kept) or {@code test-leafset} (the test, falling back to {@code leafset};
 *                            what {@code test} was until 2026-12-07)
 * @param gamma               the routing failure test's threshold: a reply fails when the mean gap between its
 *                            ids exceeds gamma times the mean gap in the sender's own leaf set
 * @param tableRepair         repair the routing table (periodic row exchange, a failed entry replaced from its
 *                            row); off: failed entries are only removed (Rowstron and Druschel's "no repair")
 */
public record PastryConfig(int b, int leafSet, int neighbourhood, long leafProbeMillis, long tableRepairMillis,
                           long queryTimeoutMillis, long routeTimeoutMillis, boolean proximity, boolean bindIds,
                           boolean constrainedTable, SecureRouting secureRouting, double gamma, boolean tableRepair) {

    /**
     * How a route is made: plain ({@code off}), plain checked by the routing failure test with Castro et al.'s
     * neighbour-set anycast as its fallback ({@code test}, the paper's secure routing primitive), always by the anycast
     * ({@code redundant}, {@link PastryAnycast}), redundant through every leaf with the closest nodes of the answers
     * kept ({@code leafset}, this project's variant before 2026-12-07), or the test falling back to that variant
     * ({@code test-leafset}, what {@code test} was before 2026-12-07). See docs/pastry.md, "Secure routing".
     */
    public enum SecureRouting {
        OFF, TEST, REDUNDANT, LEAFSET, TEST_LEAFSET;

        /** The mode's word in parameters and features: off, test, redundant, leafset, test-leafset. */
        public String label() {
            return ProtocolParams.label(this);
        }

        /** The mode named {@code s} (off, test, redundant, leafset, test-leafset); names the parameter and the choices otherwise. */
        public static SecureRouting parse(String s) {
            for (SecureRouting m : values()) {
                if (m.label().equalsIgnoreCase(s.trim()) || m.name().equalsIgnoreCase(s.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("parameter 'secureRouting' of protocol pastry must be " + CHOICES
                    + ", got '" + s + "'");
        }

        private static final String CHOICES = "off, test, redundant, leafset or test-leafset";
    }

    /** Without the secure-routing defences (all off). */
    public PastryConfig(int b, int leafSet, int neighbourhood, long leafProbeMillis, long tableRepairMillis,
                        long queryTimeoutMillis, long routeTimeoutMillis, boolean proximity) {
        this(b, leafSet, neighbourhood, leafProbeMillis, tableRepairMillis, queryTimeoutMillis, routeTimeoutMillis,
                proximity, false, false, SecureRouting.OFF, DEFAULT_GAMMA, true);
    }

    /**
     * The routing failure test's threshold. Castro et al. tune gamma to trade false positives (an honest answer
     * taken for a lie: one redundant route too many) against false negatives. The mean gap of 16 gaps varies by
     * about a quarter, so with 2 about 1 honest answer in 30 fails, and a set of colluders that are 40% of the
     * nodes or fewer (2.5 times sparser) almost never passes.
     */
    public static final double DEFAULT_GAMMA = 2.0;

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
        if (secureRouting == null) {
            throw new IllegalArgumentException("parameter 'secureRouting' of protocol pastry must be "
                    + SecureRouting.CHOICES);
        }
        ProtocolParams.requireRange(PastryProtocol.NAME, "gamma", gamma, 1, 100);
    }

    private static void check(String name, long v, long min, long max) {
        ProtocolParams.requireRange(PastryProtocol.NAME, name, v, min, max);
    }

    public static PastryConfig defaults() {
        return new PastryConfig(4, 16, 32, 1_000, 10_000, 1_000, 10_000, true, false, false, SecureRouting.OFF,
                DEFAULT_GAMMA, true);
    }

    /** Rows of the routing table: 128 / b (only the first ceil(log_{2^b} N) are ever populated). */
    public int rows() {
        return PastryIds.BITS / b;
    }

    public int columns() {
        return 1 << b;
    }

    public Map<String, String> toParams() {
        return ProtocolParams.valuesOf(this);
    }

    /** The config of parameters; bad values are refused with the parameter's name. */
    public static PastryConfig of(ProtocolParams p) {
        long query = p.longValue("queryTimeoutMillis", 1, 600_000);
        return new PastryConfig(p.intValue("b", 1, 8), p.intValue("leafSet", 2, MAX_SET),
                p.intValue("neighbourhood", 0, MAX_SET), p.longValue("leafProbeMillis", 10, 3_600_000),
                p.longValue("tableRepairMillis", 10, 3_600_000), query,
                p.longValue("routeTimeoutMillis", query, 3_600_000), p.bool("proximity"), p.bool("bindIds"),
                p.bool("constrainedTable"), p.choice("secureRouting", SecureRouting.class), p.decimal("gamma", 1, 100),
                p.bool("tableRepair"));
    }
}
