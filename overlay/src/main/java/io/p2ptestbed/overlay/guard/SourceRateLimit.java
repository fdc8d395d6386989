package io.p2ptestbed.overlay.guard;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Guards;
import java.util.LinkedHashMap;
import java.util.Map;

/** Token buckets per source IP (and optionally one for everyone) on a node's inbound requests. */
final class SourceRateLimit implements Guards.InboundFilter {

    /** Buckets remembered at most; the least recently seen source is forgotten first. */
    static final int MAX_TRACKED = 4096;

    private final GuardSpec.RateLimit spec;
    private final Map<Integer, Bucket> perIp = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Bucket> e) {
            return size() > MAX_TRACKED;
        }
    };
    private Bucket global;
    private long admitted;
    private long dropped;

    SourceRateLimit(GuardSpec.RateLimit spec) {
        this.spec = spec;
    }

    @Override
    public boolean admit(NodeAddress from, long now) {
        Bucket b = perIp.computeIfAbsent(from.ip(), ip -> new Bucket(spec.ipRate(), spec.ipBurst(), now));
        boolean ok = b.take(now);
        if (ok && spec.globalRate() > 0) {
            if (global == null) {
                global = new Bucket(spec.globalRate(), spec.globalBurst(), now);
            }
            ok = global.take(now);
        }
        if (ok) {
            admitted++;
            b.admitted++;
        } else {
            dropped++;
            b.dropped++;
        }
        return ok;
    }

    /**
     * Besides the totals, the sources the limit held back (those with at least one request dropped, among the ones
     * still tracked): how many there are, what they sent that reached the filter, and how much of it was admitted.
     * What a flood's addresses got through, measured where the limit applies, beside what the flood sent.
     */
    Map<String, Long> counters() {
        long limited = 0;
        long limitedRequests = 0;
        long limitedAdmitted = 0;
        for (Bucket b : perIp.values()) {
            if (b.dropped > 0) {
                limited++;
                limitedRequests += b.admitted + b.dropped;
                limitedAdmitted += b.admitted;
            }
        }
        return Map.of("rate_limit.admitted", admitted, "rate_limit.dropped", dropped, "rate_limit.limited_sources", limited,
                "rate_limit.limited.requests", limitedRequests, "rate_limit.limited.admitted", limitedAdmitted);
    }

    /** A token bucket on scheduler time. */
    private static final class Bucket {
        private final double perMilli;
        private final double burst;
        private double tokens;
        private long last;
        long admitted;
        long dropped;

        Bucket(double perSecond, double burst, long now) {
            this.perMilli = perSecond / 1000.0;
            this.burst = burst;
            this.tokens = burst;
            this.last = now;
        }

        boolean take(long now) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) * perMilli);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
