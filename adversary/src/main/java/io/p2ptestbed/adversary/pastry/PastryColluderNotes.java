package io.p2ptestbed.adversary.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What Eclipse colluders in different processes (containers) tell each other, so that they know what colluders in one
 * process share in memory ({@link PastryColluders#auditRelayed}): a colluder that relays an audit as anonymizer tells
 * the audited fellow colluder who the auditor is, in a datagram of the colluders' own ahead of the challenge it relays
 * (sent first on the same socket to the same address). The datagram is text, {@code p2ptb-colluders relayed <auditor id
 * hex40> <auditor ip:port>}; it goes only to fellow colluders, through the lab guard, and only those from a fellow
 * colluder's address are believed. Honest nodes never see it.
 */
public final class PastryColluderNotes {

    static final byte[] MAGIC = "p2ptb-colluders relayed ".getBytes(StandardCharsets.US_ASCII);
    /** Longest note: the magic, 40 hex digits, a space and "255.255.255.255:65535". */
    static final int MAX = MAGIC.length + 40 + 1 + 21;

    private PastryColluderNotes() {}

    /** Sends every relay {@code colluders} record to the audited fellow colluder, unless it is {@code self}. */
    public static void install(PastryLiar liar, PastryColluders colluders, NodeAddress self) {
        colluders.onAuditRelayed((target, auditor) -> {
            if (!target.equals(self) && colluders.at(target) != null) {
                liar.sendAside(target, encode(auditor));
            }
        });
        liar.setColluderChannel((from, data) -> {
            if (!isNote(data)) {
                return false;
            }
            Contact auditor = colluders.at(from) == null ? null : decode(data);
            if (auditor != null) {
                colluders.record(from, self, auditor);
            }
            return true; // a note (believed or not) never reaches the node
        });
    }

    static byte[] encode(Contact auditor) {
        return (new String(MAGIC, StandardCharsets.US_ASCII) + auditor.id().toHex() + " " + auditor.address())
                .getBytes(StandardCharsets.US_ASCII);
    }

    static boolean isNote(byte[] data) {
        return data.length >= MAGIC.length && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The auditor a note names, or null when it is malformed. */
    static Contact decode(byte[] data) {
        if (!isNote(data) || data.length > MAX) {
            return null;
        }
        String[] parts = new String(data, MAGIC.length, data.length - MAGIC.length, StandardCharsets.US_ASCII).split(" ");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new Contact(NodeId.fromHex(parts[0]), NodeAddress.parse(parts[1]));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
