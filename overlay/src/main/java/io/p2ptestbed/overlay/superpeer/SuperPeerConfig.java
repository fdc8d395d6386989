package io.p2ptestbed.overlay.superpeer;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * A super-peer network's parameters.
 *
 * @param superPercent   a node becomes a super-peer when its capacity (drawn uniformly in 0..999 from the seed) is in
 *                       the top superPercent% (capacity >= 1000 - 10 * superPercent); the node that joins no one is one
 * @param superDegree    connections a super-peer opens to other super-peers
 * @param ttl            TTL of a query among super-peers
 * @param parents        super-peers a leaf attaches to (2: redundancy)
 * @param probes         super-peers a leaf probes when it picks a parent (KaZaA's ordinary nodes try 5), drawn from
 *                       its list with a weight of the spare capacity they advertise
 * @param files          files a leaf shares ({@code kw<r>}, r below {@code vocabulary})
 * @param vocabulary     distinct file names
 * @param timeoutMillis  how long a leaf collects query hits
 * @param reputation     defence: a leaf checks the peers its searches returned (it connects to them) and scores the
 *                       super-peers that answered and relayed them; it drops the answers of, and leaves, super-peers
 *                       that fail twice, and prefers those that answered well when it picks a parent
 * @param role           {@code auto} (by capacity), {@code super} (always: an attacker's Sybil super-peers)
 * @param claimCapacity  attack: advertise this capacity (0..999) and no load instead of the true ones; -1 off
 * @param malice         this node, as a super-peer, is malicious from the start: {@code none}, {@code drop} (answer and
 *                       forward nothing), {@code poison} (answer every query with decoys, and replace every hit it
 *                       relays with them); a harness can also turn chosen super-peers malicious later
 * @param decoys         decoys a poisoning super-peer returns per answer (1..100)
 */
public record SuperPeerConfig(int superPercent, int superDegree, int ttl, int parents, int probes, int files, int vocabulary,
                              long timeoutMillis, boolean reputation, String role, int claimCapacity, String malice,
                              int decoys) {

    public static SuperPeerConfig defaults() {
        return new SuperPeerConfig(10, 4, 4, 1, 5, 3, 100, 2_000, false, "auto", -1, "none", 10);
    }

    public Map<String, String> toParams() {
        return ProtocolParams.valuesOf(this);
    }

    /** Whether {@code malice} names a behaviour: none, drop or poison. */
    static String checkMalice(String malice) {
        return ProtocolParams.requireChoice(SuperPeerNode.PROTOCOL, "malice", malice, "none", "drop", "poison");
    }

    public static SuperPeerConfig of(ProtocolParams p) {
        String role = p.choice("role", "auto", "super");
        return new SuperPeerConfig(p.intValue("superPercent", 1, 100), p.intValue("superDegree", 1, 64), p.intValue("ttl", 1, 16),
                p.intValue("parents", 1, 4), p.intValue("probes", 1, 16), p.intValue("files", 0, SuperPeerCodec.MAX_NAMES),
                p.intValue("vocabulary", 1, 1_000_000), p.longValue("timeoutMillis", 10, 600_000), p.bool("reputation"), role,
                p.intValue("claimCapacity", -1, 999), checkMalice(p.string("malice")), p.intValue("decoys", 1, SuperPeerCodec.MAX_HITS));
    }
}
