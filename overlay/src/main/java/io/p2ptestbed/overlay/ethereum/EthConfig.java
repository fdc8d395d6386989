package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * An Ethereum node's parameters (all settable per scenario). The defaults are go-ethereum 1.8's, the release that
 * took Marcus, Heilman and Goldberg's countermeasures; switching them off gives geth 1.7, which they attacked.
 *
 * @param maxPeers         connection slots (geth: 25)
 * @param dialRatio        geth 1.8: at most maxPeers / dialRatio (8 of 25) connections are dialled and inbound ones take
 *                         at most the rest (17), so inbound connections cannot take every slot; 0 = geth 1.7: up to
 *                         (1 + maxPeers) / 2 (13) dynamic dials and no separate inbound limit (inbound may take all 25)
 * @param bucketSize       entries per k-bucket (16)
 * @param buckets          k-buckets by log distance: 17 (geth 1.8: distances 240..256, everything closer in the
 *                         first) or 257 (geth 1.7: one per distance)
 * @param ipLimits         geth 1.8: at most 2 nodes of one /24 per bucket and 10 of one /24 in the whole table
 *                         (netutil.DistinctNetSet); off = geth 1.7: no limit
 * @param seedAge          geth 1.8: only nodes that stayed in the table for 5 minutes are stored as seed nodes for the
 *                         next start; off = geth 1.7: every bonded node is stored (so unsolicited pings fill the db)
 * @param seedAgeMillis    with seedAge: how long a node must have stayed in the table to become a seed (geth's
 *                         seedMinTableTime, 5 minutes); the table is copied every tenth of it (geth: every 30 s).
 *                         Shorter only to scale a run down in time (the loopback rows say so)
 * @param seedCount        nodes read from the db to seed the table at start (geth: 30)
 * @param refreshMillis    interval of table refreshes: a lookup of the node's own id and 3 of random targets (30 min)
 * @param revalidateMillis the last node of a random bucket is pinged every uniform(0, this) ms (geth: 10 s)
 * @param dialMillis       interval of the dial scheduler (geth's is event driven; here a tick)
 * @param respMillis       how long a node waits for a reply (geth's respTimeout: 500 ms)
 * @param networkId        the network id of eth's Status (1, the main network); a peer on another network (or with
 *                         another genesis block) is disconnected after the Status exchange
 */
public record EthConfig(int maxPeers, int dialRatio, int bucketSize, int buckets, boolean ipLimits, boolean seedAge,
                        long seedAgeMillis, int seedCount, long refreshMillis, long revalidateMillis, long dialMillis, long respMillis,
                        long networkId) {

    /** Packets expire 20 s after they are sent (geth's expiration). */
    public static final long EXPIRATION_SECONDS = 20;
    /** A bond (an answered ping) lasts 24 hours (geth's bondExpiration). */
    public static final long BOND_MILLIS = 24 * 3_600_000L;
    /** Lookup parallelism (geth's alpha). */
    public static final int ALPHA = 3;
    /** Nodes kept per bucket's replacement list (geth's maxReplacements). */
    public static final int MAX_REPLACEMENTS = 10;
    /** geth 1.8's bucketIPLimit, tableIPLimit, and their subnet (/24). */
    public static final int BUCKET_IP_LIMIT = 2;
    public static final int TABLE_IP_LIMIT = 10;
    /** geth 1.8's seedMinTableTime and copyLiveNodes interval. */
    public static final long SEED_MIN_TABLE_MILLIS = 300_000;
    public static final long COPY_LIVE_MILLIS = 30_000;

    /** How often the table is copied to the db: geth's 30 s against its 5 minutes, the same tenth when scaled. */
    public long copyLiveMillis() {
        return seedAgeMillis * COPY_LIVE_MILLIS / SEED_MIN_TABLE_MILLIS;
    }
    /** A dialled node is not dialled again for 30 s (geth's dialHistoryExpiration). */
    public static final long DIAL_HISTORY_MILLIS = 30_000;
    /** A connection whose Hello does not come within 5 s is closed (geth's handshakeTimeout). */
    public static final long HANDSHAKE_MILLIS = 5_000;

    public static EthConfig defaults() {
        return new EthConfig(25, 3, 16, 17, true, true, SEED_MIN_TABLE_MILLIS, 30, 1_800_000, 10_000, 1_000, 500, 1);
    }

    /** Connections this node dials at most. */
    public int maxDialed() {
        return dialRatio == 0 ? (1 + maxPeers) / 2 : maxPeers / dialRatio;
    }

    /** Inbound connections this node accepts at most. */
    public int maxInbound() {
        return dialRatio == 0 ? maxPeers : maxPeers - maxDialed();
    }

    public Map<String, String> toParams() {
        return ProtocolParams.valuesOf(this);
    }

    public static EthConfig of(ProtocolParams p) {
        int buckets = p.intValue("buckets", 1, 257);
        return new EthConfig(p.intValue("maxPeers", 1, 1_000), p.intValue("dialRatio", 0, 100), p.intValue("bucketSize", 1, 64),
                buckets, p.bool("ipLimits"), p.bool("seedAge"), p.longValue("seedAgeMillis", 1_000, 86_400_000L), p.intValue("seedCount", 0, 1_000),
                p.longValue("refreshMillis", 10_000, 86_400_000L), p.longValue("revalidateMillis", 100, 3_600_000L),
                p.longValue("dialMillis", 10, 600_000), p.longValue("respMillis", 10, 60_000),
                p.longValue("networkId", 0, Long.MAX_VALUE));
    }
}
