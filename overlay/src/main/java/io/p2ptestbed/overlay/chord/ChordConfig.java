package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * Chord's parameters (see {@link ChordProtocol#defaults()} for their names as scenario parameters).
 *
 * @param successors          r, the length of the successor list (at least 2)
 * @param stabilizeMillis     period of stabilize (ask the successor for its predecessor and list, notify it)
 * @param fixFingersMillis    period of fix_fingers
 * @param fingersPerFix       distinct fingers refreshed per fix_fingers period
 * @param checkPredecessorMillis period of check_predecessor
 * @param queryTimeoutMillis  how long a request waits for its reply
 * @param maxRetries          resends of a maintenance request before its target is taken for dead
 * @param replicas            extra copies of each value on the owner's next successors (0 = owner only)
 * @param bindIds             defence: refuse contacts whose id is not SHA-1 of their address
 * @param verifySuccessors    defence: ping third-party successor candidates before taking them, and
 *                            cross-check a successor list against the second successor's predecessor
 * @param crossCheck          defence: c &gt;= 1 lookups per route over different first hops; the answer closest
 *                            clockwise to the key wins (1 = a plain lookup)
 */
public record ChordConfig(int successors, long stabilizeMillis, long fixFingersMillis, int fingersPerFix,
                          long checkPredecessorMillis, long queryTimeoutMillis, int maxRetries, int replicas,
                          boolean bindIds, boolean verifySuccessors, int crossCheck) {

    /** The most successors a list may hold (also the codec's bound on contact lists). */
    public static final int MAX_SUCCESSORS = 32;

    public ChordConfig {
        check("successors", successors, 2, MAX_SUCCESSORS);
        check("stabilizeMillis", stabilizeMillis, 10, 3_600_000);
        check("fixFingersMillis", fixFingersMillis, 10, 3_600_000);
        check("fingersPerFix", fingersPerFix, 1, 160);
        check("checkPredecessorMillis", checkPredecessorMillis, 10, 3_600_000);
        check("queryTimeoutMillis", queryTimeoutMillis, 1, 600_000);
        check("maxRetries", maxRetries, 0, 10);
        check("replicas", replicas, 0, successors - 1);
        check("crossCheck", crossCheck, 1, 8);
    }

    private static void check(String name, long v, long min, long max) {
        ProtocolParams.requireRange(ChordProtocol.NAME, name, v, min, max);
    }

    public static ChordConfig defaults() {
        return new ChordConfig(8, 1_000, 1_000, 1, 2_000, 1_000, 1, 0, false, false, 1);
    }

    public ChordConfig withBindIds(boolean on) {
        return new ChordConfig(successors, stabilizeMillis, fixFingersMillis, fingersPerFix, checkPredecessorMillis,
                queryTimeoutMillis, maxRetries, replicas, on, verifySuccessors, crossCheck);
    }

    public ChordConfig withVerifySuccessors(boolean on) {
        return new ChordConfig(successors, stabilizeMillis, fixFingersMillis, fingersPerFix, checkPredecessorMillis,
                queryTimeoutMillis, maxRetries, replicas, bindIds, on, crossCheck);
    }

    public ChordConfig withCrossCheck(int c) {
        return new ChordConfig(successors, stabilizeMillis, fixFingersMillis, fingersPerFix, checkPredecessorMillis,
                queryTimeoutMillis, maxRetries, replicas, bindIds, verifySuccessors, c);
    }

    public ChordConfig withReplicas(int n) {
        return new ChordConfig(successors, stabilizeMillis, fixFingersMillis, fingersPerFix, checkPredecessorMillis,
                queryTimeoutMillis, maxRetries, n, bindIds, verifySuccessors, crossCheck);
    }

    /** The parameters of this config, by the record's component names. */
    public Map<String, String> toParams() {
        return ProtocolParams.valuesOf(this);
    }

    /** The config of parameters; bad values are refused with the parameter's name. */
    public static ChordConfig of(ProtocolParams p) {
        int r = p.intValue("successors", 2, MAX_SUCCESSORS);
        return new ChordConfig(r, p.longValue("stabilizeMillis", 10, 3_600_000),
                p.longValue("fixFingersMillis", 10, 3_600_000), p.intValue("fingersPerFix", 1, 160),
                p.longValue("checkPredecessorMillis", 10, 3_600_000), p.longValue("queryTimeoutMillis", 1, 600_000),
                p.intValue("maxRetries", 0, 10), p.intValue("replicas", 0, r - 1), p.bool("bindIds"),
                p.bool("verifySuccessors"), p.intValue("crossCheck", 1, 8));
    }
}
