package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.InboundGuard;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inbound query rate limiting with token buckets, checked in the order per source IP, per claimed
 * node id, then the global budget. A query takes a token from a bucket only once it has passed the
 * buckets before it, so a flooding IP spends its own bucket and never the global one: honest sources
 * keep being served while one address floods. Many flooding addresses can still exhaust the global
 * budget; that is the intended last line (the node stays up, honest traffic degrades).
 *
 * <p>Counters ({@code defence.rate_limit.*}): {@code admitted}, {@code limited} (= {@code dropped} +
 * {@code rejected_202}), and which bucket refused: {@code limited_by_ip}, {@code limited_by_id},
 * {@code limited_by_global}; {@code tracked_ips}, {@code tracked_ids}, {@code forgotten_buckets}.
 */
public final class RateLimiter implements Defence, InboundGuard {

    private final RateLimitConfig config;
    private final Counters counters = new Counters("rate_limit", "admitted", "limited", "dropped",
            "rejected_202", "limited_by_ip", "limited_by_id", "limited_by_global", "forgotten_buckets");
    private final SingleNode node = new SingleNode();
    private final Map<Integer, TokenBucket> perIp;
    private final Map<NodeId, TokenBucket> perId;
    private TokenBucket global;

    public RateLimiter(RateLimitConfig config) {
        this.config = config;
        this.perIp = lru(config.maxTrackedKeys());
        this.perId = lru(config.maxTrackedKeys());
    }

    @Override
    public String name() {
        return RateLimitConfig.NAME;
    }

    public RateLimitConfig config() {
        return config;
    }

    @Override
    public void install(KademliaNode n) {
        node.bind(n, name()).addGuard(this);
    }

    @Override
    public void uninstall(KademliaNode n) {
        n.removeGuard(this);
        node.release(n);
    }

    @Override
    public Verdict admit(NodeAddress from, KrpcQuery query, long now) {
        if (config.ipRate() > 0 && !bucket(perIp, from.ip(), config.ipRate(), config.ipBurst(), now).tryTake(now)) {
            return limited("limited_by_ip");
        }
        if (config.idRate() > 0 && !bucket(perId, query.sender(), config.idRate(), config.idBurst(), now).tryTake(now)) {
            return limited("limited_by_id");
        }
        if (config.globalRate() > 0) {
            if (global == null) {
                global = new TokenBucket(config.globalRate(), config.globalBurst(), now);
            }
            if (!global.tryTake(now)) {
                return limited("limited_by_global");
            }
        }
        counters.inc("admitted");
        return Verdict.ALLOW;
    }

    private Verdict limited(String why) {
        counters.inc("limited");
        counters.inc(why);
        counters.inc(config.action() == Verdict.DROP ? "dropped" : "rejected_202");
        return config.action();
    }

    private <K> TokenBucket bucket(Map<K, TokenBucket> map, K key, double rate, double burst, long now) {
        TokenBucket b = map.get(key);
        if (b == null) {
            b = new TokenBucket(rate, burst, now);
            map.put(key, b);
        }
        return b;
    }

    private <K> Map<K, TokenBucket> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, TokenBucket> eldest) {
                if (size() > max) {
                    counters.inc("forgotten_buckets");
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public Map<String, Long> counters() {
        counters.set("tracked_ips", perIp.size());
        counters.set("tracked_ids", perId.size());
        return counters.snapshot();
    }
}
