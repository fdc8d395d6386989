package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Locale;
import java.util.Map;

/**
 * The degree-bound defence of Singh, Ngan, Druschel and Wallach ("Eclipse Attacks on Overlay Networks: Threats and
 * Defenses", INFOCOM 2006), as Pastry parameters. Kept apart from {@link PastryConfig} so the defence stays a
 * separate piece ({@link PastryDegreeAudit}).
 *
 * @param degreeBound     the bound on a node's in-degree (back-pointers: nodes whose routing table holds it) and on
 *                        its out-degree (its routing-table entries); 0 = no bound. At most {@value PastryConfig#MAX_SET},
 *                        the most contacts an audit answer carries
 * @param audit           anonymous auditing of the bound: each node challenges its neighbours through a random
 *                        anonymizer and drops those whose answer is over the bound or leaves it out
 * @param auditMillis     period of the audits: every period a node audits one random routing-table entry (in-degree)
 *                        and one random back-pointer (out-degree)
 * @param auditChallenges challenges per audit, each through its own anonymizer; one failed challenge fails the audit
 * @param degreeBoundPerRow the bound applies per routing-table row, as in Singh et al.'s evaluation (16 per row and
 *                        per back-pointer row): a node holds at most {@code degreeBound} entries in each row of its
 *                        table, accepts at most {@code degreeBound} back-pointers from nodes that hold it in the same
 *                        row of theirs (the row is the digits the two ids share), and an audit answer passes when
 *                        each row's share of it is within the bound. Off: the bound is on the whole table and the
 *                        whole back-pointer set
 */
public record PastryAuditConfig(int degreeBound, boolean audit, long auditMillis, int auditChallenges,
                                boolean degreeBoundPerRow) {

    public static final PastryAuditConfig OFF = new PastryAuditConfig(0, false, 2_000, 4);

    /** A bound on the whole table and back-pointer set (not per row). */
    public PastryAuditConfig(int degreeBound, boolean audit, long auditMillis, int auditChallenges) {
        this(degreeBound, audit, auditMillis, auditChallenges, false);
    }

    public PastryAuditConfig {
        if (degreeBound < 0 || degreeBound > PastryConfig.MAX_SET) {
            throw new IllegalArgumentException("parameter 'degreeBound' of protocol pastry must be in [0, " + PastryConfig.MAX_SET
                    + "] (0: no bound; an audit answer carries at most " + PastryConfig.MAX_SET + " contacts), got " + degreeBound);
        }
        if (audit && degreeBound == 0) {
            throw new IllegalArgumentException("parameter 'audit' of protocol pastry audits the degree bound: set 'degreeBound' "
                    + "(1.." + PastryConfig.MAX_SET + ") too");
        }
        ProtocolParams.requireRange(PastryProtocol.NAME, "auditMillis", auditMillis, 100, 3_600_000);
        ProtocolParams.requireRange(PastryProtocol.NAME, "auditChallenges", auditChallenges, 1, 16);
        if (degreeBoundPerRow && degreeBound == 0) {
            throw new IllegalArgumentException("parameter 'degreeBoundPerRow' of protocol pastry applies the degree bound per "
                    + "row: set 'degreeBound' (1.." + PastryConfig.MAX_SET + ") too");
        }
    }

    /** Whether any part of the defence runs (a bound, audited or not). */
    public boolean enabled() {
        return degreeBound > 0;
    }

    public Map<String, String> toParams() {
        Map<String, String> m = ProtocolParams.valuesOf(this);
        m.put("audit", audit ? "on" : "off");
        return m;
    }

    /** The defence of a node's parameters; bad values are refused with the parameter's name. */
    public static PastryAuditConfig of(ProtocolParams p) {
        return new PastryAuditConfig(p.intValue("degreeBound", 0, PastryConfig.MAX_SET), onOff(p.string("audit")),
                p.longValue("auditMillis", 100, 3_600_000), p.intValue("auditChallenges", 1, 16), p.bool("degreeBoundPerRow"));
    }

    private static boolean onOff(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("parameter 'audit' of protocol pastry must be on or off, got '" + v + "'");
        };
    }
}
