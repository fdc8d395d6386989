package io.p2ptestbed.overlay.bitcoin;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * A Bitcoin node's parameters (all settable per scenario). The defaults are Bitcoin Core's since 0.10.1 and
 * its later countermeasures (feelers 0.13, test-before-evict 0.17, anchors 0.21); switching them off gives the
 * bitcoind 0.9.3 address manager that Heilman et al. attacked.
 *
 * @param outbound             full outbound connections (Core: 8; Heilman's countermeasure 7 asks for more)
 * @param maxInbound           inbound slots (Core: 117 = 125 - 8)
 * @param newBuckets           buckets of the "new" table (Core 0.10.1+: 1024; 0.9.3: 256), 64 entries each
 * @param triedBuckets         buckets of the "tried" table (Core 0.10.1+: 256; 0.9.3: 64), 64 entries each
 * @param deterministicBuckets countermeasure 1: an address has one position in a bucket (a hash of the secret key,
 *                             bucket and address) and may only displace that slot's occupant; off: 0.9.3's buckets,
 *                             where a full bucket evicts the oldest of 4 random entries (and 4 tried / 32 new buckets
 *                             per group instead of 8 / 64)
 * @param timestampBias        0.9.3's selection: favours fresh timestamps (chance × 600 / (600 + age in seconds)) and
 *                             picks "tried" with ρ = √τ(9 − ω) / ((ω + 1)√ν + √τ(9 − ω)); off (countermeasure 2): 50/50
 * @param testBeforeEvict      countermeasure 3: an address moving to "tried" whose slot is taken waits while the
 *                             occupant is tested (a short connection); it displaces it only if the test fails
 * @param feelers              countermeasure 4: every feelerMillis on average (Poisson), a short connection to a
 *                             "new" address; on success it moves to "tried"
 * @param feelerMillis         mean interval of feelers (Core: 120 s)
 * @param anchors              countermeasure 5: on restart, reconnect first to up to 2 outbound peers of the last run
 * @param inboundToTried       0.9.3's behaviour the attack exploits: an inbound peer whose version names its own
 *                             source ip as its address goes straight into "tried" (Core dropped this)
 * @param trickleMillis        mean Poisson delay of inventory (and addr) announcements to inbound peers (Core: 5 s);
 *                             outbound peers get 2/5 of it (Core: 2 s); 0 = announce at once
 * @param connectMillis        interval of the connection loop while outbound slots are free (Core: 500 ms)
 * @param seenMillis           how long a relayed item's id stays in the seen cache (two generations)
 * @param maxPayload           the largest message payload accepted (bytes)
 * @param groupBits            the prefix length of an IPv4 address's network group (Core: 16, the /16). In containers
 *                             every node shares the lab network's one /16, so the docker rows take 24 (each honest
 *                             container sits in a /24 of its own) for nodes to keep 8 outbound connections as on the
 *                             other runtimes; bucketing, outbound diversity and source groups all use it
 */
public record BitcoinConfig(int outbound, int maxInbound, int newBuckets, int triedBuckets, boolean deterministicBuckets,
                            boolean timestampBias, boolean testBeforeEvict, boolean feelers, long feelerMillis,
                            boolean anchors, boolean inboundToTried, long trickleMillis, long connectMillis,
                            long seenMillis, int maxPayload, int groupBits) {

    public static BitcoinConfig defaults() {
        return new BitcoinConfig(8, 117, 1024, 256, true, false, true, true, 120_000, true, false, 5_000, 500,
                1_200_000, 60_000, 16);
    }

    /** The network group of an IPv4 address: its first {@code groupBits} bits (Core: the /16). */
    public int group(int ip) {
        return ip >>> (32 - groupBits);
    }

    /** Tried buckets one network group can reach (Core: 8; 0.9.3: 4). */
    public int triedBucketsPerGroup() {
        return deterministicBuckets ? 8 : 4;
    }

    /** New buckets one source group can reach (Core: 64; 0.9.3: 32). */
    public int newBucketsPerSourceGroup() {
        return deterministicBuckets ? 64 : 32;
    }

    public Map<String, String> toParams() {
        return ProtocolParams.valuesOf(this);
    }

    public static BitcoinConfig of(ProtocolParams p) {
        return new BitcoinConfig(p.intValue("outbound", 1, 64), p.intValue("maxInbound", 0, 10_000),
                p.intValue("newBuckets", 1, 1 << 16), p.intValue("triedBuckets", 1, 1 << 16), p.bool("deterministicBuckets"),
                p.bool("timestampBias"), p.bool("testBeforeEvict"), p.bool("feelers"),
                p.longValue("feelerMillis", 1_000, 86_400_000L), p.bool("anchors"), p.bool("inboundToTried"),
                p.longValue("trickleMillis", 0, 600_000), p.longValue("connectMillis", 10, 600_000),
                p.longValue("seenMillis", 1_000, 86_400_000L), p.intValue("maxPayload", 1_000, 4_000_000),
                p.intValue("groupBits", 8, 24));
    }
}
