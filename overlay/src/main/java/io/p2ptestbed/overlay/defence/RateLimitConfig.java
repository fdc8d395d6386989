package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.kademlia.InboundGuard;
import java.util.Set;

/**
 * Parameters of the {@link RateLimiter}: token buckets per source IP, per claimed source node id, and
 * one global budget. A rate of 0 switches that bucket off.
 *
 * @param ipRate          queries per second allowed from one IP address (any port)
 * @param ipBurst         bucket depth per IP
 * @param idRate          queries per second allowed per sender node id ("id" in the query)
 * @param idBurst         bucket depth per node id
 * @param globalRate      queries per second this node serves in total
 * @param globalBurst     depth of the global bucket
 * @param action          what happens to an over-limit query: {@code DROP} silently, or {@code REJECT_202}
 *                        (answered with KRPC error 202 "server error", as BEP 5 allows)
 * @param maxTrackedKeys  most per-IP (and, separately, per-id) buckets kept; the least recently used one
 *                        is forgotten beyond that, so a spoofing flood cannot exhaust memory
 */
public record RateLimitConfig(double ipRate, double ipBurst, double idRate, double idBurst, double globalRate,
                              double globalBurst, InboundGuard.Verdict action, int maxTrackedKeys) implements DefenceSpec {

    public static final String NAME = "rate-limit";

    public RateLimitConfig {
        requireRate("ip", ipRate, ipBurst);
        requireRate("id", idRate, idBurst);
        requireRate("global", globalRate, globalBurst);
        if (action == InboundGuard.Verdict.ALLOW) {
            throw new IllegalArgumentException("rate-limit action must be DROP or REJECT_202");
        }
        if (maxTrackedKeys < 16 || maxTrackedKeys > 10_000_000) {
            throw new IllegalArgumentException("rate-limit max-tracked must be in [16, 10000000], got " + maxTrackedKeys);
        }
    }

    /** 10 queries/s (burst 40) per IP and per id, 500/s (burst 1000) in total, excess dropped. */
    public static RateLimitConfig defaults() {
        return new RateLimitConfig(10, 40, 10, 40, 500, 1000, InboundGuard.Verdict.DROP, 65_536);
    }

    public RateLimitConfig withPerIp(double rate, double burst) {
        return new RateLimitConfig(rate, burst, idRate, idBurst, globalRate, globalBurst, action, maxTrackedKeys);
    }

    public RateLimitConfig withPerId(double rate, double burst) {
        return new RateLimitConfig(ipRate, ipBurst, rate, burst, globalRate, globalBurst, action, maxTrackedKeys);
    }

    public RateLimitConfig withGlobal(double rate, double burst) {
        return new RateLimitConfig(ipRate, ipBurst, idRate, idBurst, rate, burst, action, maxTrackedKeys);
    }

    public RateLimitConfig withAction(InboundGuard.Verdict action) {
        return new RateLimitConfig(ipRate, ipBurst, idRate, idBurst, globalRate, globalBurst, action, maxTrackedKeys);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toSpec() {
        return NAME + "(ip=" + SpecParams.rate(ipRate) + ",ip-burst=" + SpecParams.number(ipBurst)
                + ",id=" + SpecParams.rate(idRate) + ",id-burst=" + SpecParams.number(idBurst)
                + ",global=" + SpecParams.rate(globalRate) + ",global-burst=" + SpecParams.number(globalBurst)
                + ",action=" + (action == InboundGuard.Verdict.DROP ? "drop" : "reject") + ",max-tracked=" + maxTrackedKeys + ")";
    }

    static RateLimitConfig parse(SpecParams p) {
        RateLimitConfig d = defaults();
        RateLimitConfig c = new RateLimitConfig(p.ratePerSecond("ip", d.ipRate), p.number("ip-burst", d.ipBurst),
                p.ratePerSecond("id", d.idRate), p.number("id-burst", d.idBurst),
                p.ratePerSecond("global", d.globalRate), p.number("global-burst", d.globalBurst),
                p.choice("action", "drop", Set.of("drop", "reject", "202")).equals("drop")
                        ? InboundGuard.Verdict.DROP : InboundGuard.Verdict.REJECT_202,
                p.integer("max-tracked", d.maxTrackedKeys, 16, 10_000_000));
        p.requireAllUsed("ip, ip-burst, id, id-burst, global, global-burst, action (drop|reject), max-tracked");
        return c;
    }

    private static void requireRate(String which, double rate, double burst) {
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate-limit " + which + " rate must be >= 0, got " + rate);
        }
        if (rate > 0 && (burst < 1 || Double.isNaN(burst) || Double.isInfinite(burst))) {
            throw new IllegalArgumentException("rate-limit " + which + "-burst must be >= 1, got " + burst);
        }
    }
}
