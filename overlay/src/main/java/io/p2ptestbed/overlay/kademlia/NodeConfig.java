package io.p2ptestbed.overlay.kademlia;

/**
 * Protocol parameters of one node. Defaults follow BEP 5 (k = 8) with α = 3.
 *
 * @param k                     bucket size and lookup result size
 * @param alpha                 parallel queries per lookup
 * @param queryTimeoutMillis    a query without reply after this is a failure
 * @param maxFailures           consecutive failures after which a contact is bad
 * @param refreshIntervalMillis buckets untouched for this long are refreshed (BEP 5: 15 minutes)
 * @param tokenRotationMillis   get_peers token secret rotation period (BEP 5: 5 minutes; two secrets accepted)
 * @param peerTtlMillis         announced peers expire after this
 * @param maxPeersPerReply      most "values" in a get_peers reply
 * @param pingBeforeEvict       Kademlia's rule: ping the least-recently-seen contact of a full bucket before evicting it
 * @param preferOldContacts     Kademlia's rule: a full bucket keeps live old contacts (false: newest contact replaces the oldest)
 * @param replacementCacheSize  per-bucket cache of recently seen contacts that did not fit
 * @param joinRefresh           after the join lookup, refresh every still-empty bucket farther than the closest neighbour (the periodic refresh fills the rest)
 */
public record NodeConfig(int k, int alpha, long queryTimeoutMillis, int maxFailures, long refreshIntervalMillis,
                         long tokenRotationMillis, long peerTtlMillis, int maxPeersPerReply, boolean pingBeforeEvict,
                         boolean preferOldContacts, int replacementCacheSize, boolean joinRefresh) {

    public NodeConfig {
        requireRange("k", k, 1, 64);
        requireRange("alpha", alpha, 1, 32);
        requireRange("queryTimeoutMillis", queryTimeoutMillis, 1, 600_000);
        requireRange("maxFailures", maxFailures, 1, 100);
        requireRange("refreshIntervalMillis", refreshIntervalMillis, 1_000, 86_400_000);
        requireRange("tokenRotationMillis", tokenRotationMillis, 1_000, 86_400_000);
        requireRange("peerTtlMillis", peerTtlMillis, 1_000, 86_400_000);
        requireRange("maxPeersPerReply", maxPeersPerReply, 1, 200);
        requireRange("replacementCacheSize", replacementCacheSize, 0, 64);
    }

    public static NodeConfig defaults() {
        return new NodeConfig(8, 3, 2_000, 3, 15 * 60_000, 5 * 60_000, 30 * 60_000, 50, true, true, 8, true);
    }

    public NodeConfig withK(int k) {
        return new NodeConfig(k, alpha, queryTimeoutMillis, maxFailures, refreshIntervalMillis, tokenRotationMillis,
                peerTtlMillis, maxPeersPerReply, pingBeforeEvict, preferOldContacts, replacementCacheSize, joinRefresh);
    }

    public NodeConfig withAlpha(int alpha) {
        return new NodeConfig(k, alpha, queryTimeoutMillis, maxFailures, refreshIntervalMillis, tokenRotationMillis,
                peerTtlMillis, maxPeersPerReply, pingBeforeEvict, preferOldContacts, replacementCacheSize, joinRefresh);
    }

    public NodeConfig withQueryTimeoutMillis(long t) {
        return new NodeConfig(k, alpha, t, maxFailures, refreshIntervalMillis, tokenRotationMillis,
                peerTtlMillis, maxPeersPerReply, pingBeforeEvict, preferOldContacts, replacementCacheSize, joinRefresh);
    }

    public NodeConfig withEvictionRules(boolean pingBeforeEvict, boolean preferOldContacts) {
        return new NodeConfig(k, alpha, queryTimeoutMillis, maxFailures, refreshIntervalMillis, tokenRotationMillis,
                peerTtlMillis, maxPeersPerReply, pingBeforeEvict, preferOldContacts, replacementCacheSize, joinRefresh);
    }

    public NodeConfig withRefreshIntervalMillis(long r) {
        return new NodeConfig(k, alpha, queryTimeoutMillis, maxFailures, r, tokenRotationMillis,
                peerTtlMillis, maxPeersPerReply, pingBeforeEvict, preferOldContacts, replacementCacheSize, joinRefresh);
    }

    private static void requireRange(String name, long v, long min, long max) {
        io.p2ptestbed.overlay.spi.ProtocolParams.requireRange(KademliaProtocol.NAME, name, v, min, max);
    }
}
