package io.p2ptestbed.overlay.superpeer;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A super-peer network's parameters.
 *
 * @param superPercent   a node becomes a super-peer when its capacity (drawn uniformly in 0..999 from the seed) is in
 *                       the top superPercent% (capacity >= 1000 - 10 * superPercent); the node that joins no one is one
 * @param superDegree    connections a super-peer opens to other super-peers
 * @param ttl            TTL of a query among super-peers
 * @param parents        super-peers a leaf attaches to (2: redundancy)
 * @param files          files a leaf shares ({@code kw<r>}, r below {@code vocabulary})
 * @param vocabulary     distinct file names
 * @param timeoutMillis  how long a leaf collects query hits
 * @param reputation     defence: a leaf checks the peers a parent returned (it connects to them) and replaces a
 *                       parent whose answers fail the check while its other parent's pass, or that answer nothing
 * @param role           {@code auto} (by capacity), {@code super} (always: an attacker's Sybil super-peers)
 * @param claimCapacity  attack: advertise this capacity (0..999) and no load instead of the true ones; -1 off
 * @param malice         attack of a super-peer: {@code none}, {@code drop} (answer and forward nothing), {@code poison}
 *                       (answer every query, and replace every hit it relays, with addresses nobody listens on)
 * @param malicePercent  the share of super-peers that turn malicious, drawn from the seed
 */
public record SuperPeerConfig(int superPercent, int superDegree, int ttl, int parents, int files, int vocabulary,
                              long timeoutMillis, boolean reputation, String role, int claimCapacity, String malice,
                              int malicePercent) {

    public static SuperPeerConfig defaults() {
        return new SuperPeerConfig(10, 4, 4, 1, 3, 100, 2_000, false, "auto", -1, "none", 0);
    }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("superPercent", "" + superPercent);
        m.put("superDegree", "" + superDegree);
        m.put("ttl", "" + ttl);
        m.put("parents", "" + parents);
        m.put("files", "" + files);
        m.put("vocabulary", "" + vocabulary);
        m.put("timeoutMillis", "" + timeoutMillis);
        m.put("reputation", "" + reputation);
        m.put("role", role);
        m.put("claimCapacity", "" + claimCapacity);
        m.put("malice", malice);
        m.put("malicePercent", "" + malicePercent);
        return m;
    }

    public static SuperPeerConfig of(ProtocolParams p) {
        String role = p.string("role");
        if (!role.equals("auto") && !role.equals("super")) {
            throw new IllegalArgumentException("parameter 'role' of protocol superpeer must be auto or super, got '" + role + "'");
        }
        String malice = p.string("malice");
        if (!malice.equals("none") && !malice.equals("drop") && !malice.equals("poison")) {
            throw new IllegalArgumentException("parameter 'malice' of protocol superpeer must be none, drop or poison, got '"
                    + malice + "'");
        }
        return new SuperPeerConfig(p.intValue("superPercent", 1, 100), p.intValue("superDegree", 1, 64), p.intValue("ttl", 1, 16),
                p.intValue("parents", 1, 4), p.intValue("files", 0, SuperPeerCodec.MAX_NAMES), p.intValue("vocabulary", 1, 1_000_000),
                p.longValue("timeoutMillis", 10, 600_000), p.bool("reputation"), role, p.intValue("claimCapacity", -1, 999), malice,
                p.intValue("malicePercent", 0, 100));
    }
}
