package io.p2ptestbed.overlay.guard;

/** One neutral defence, as data. */
public sealed interface GuardSpec {

    String toSpec();

    /**
     * Token buckets on inbound requests: per source IP ({@code ip} per second, bursts of {@code burst}),
     * and optionally for all sources together ({@code global}, 0 = off). A request over the limit is dropped.
     */
    record RateLimit(double ipRate, double ipBurst, double globalRate, double globalBurst) implements GuardSpec {
        public RateLimit {
            if (!(ipRate > 0) || ipBurst < 1 || globalRate < 0 || (globalRate > 0 && globalBurst < 1)) {
                throw new IllegalArgumentException("defence 'rate-limit': needs ip > 0, burst >= 1, global >= 0 "
                        + "(and global-burst >= 1 when global is on), got ip=" + ipRate + ", burst=" + ipBurst
                        + ", global=" + globalRate + ", global-burst=" + globalBurst);
            }
        }

        @Override
        public String toSpec() {
            return "rate-limit(ip=" + ipRate + ",burst=" + ipBurst + ",global=" + globalRate + ",global-burst=" + globalBurst + ")";
        }
    }

    /** At most {@code perTable} neighbours from one network prefix of {@code prefixBits} bits (a /24 by default). */
    record IpDiversity(int perTable, int prefixBits) implements GuardSpec {
        public IpDiversity {
            if (perTable < 1 || prefixBits < 8 || prefixBits > 32) {
                throw new IllegalArgumentException("defence 'ip-diversity': needs table >= 1 and prefix in [8, 32], got table="
                        + perTable + ", prefix=" + prefixBits);
            }
        }

        @Override
        public String toSpec() {
            return "ip-diversity(table=" + perTable + ",prefix=" + prefixBits + ")";
        }
    }
}
