package io.p2ptestbed.overlay.defence;

/**
 * Parameters of the {@link IpDiversityPolicy}; the defaults are go-ethereum's discovery table limits
 * ({@code bucketIPLimit = 2}, {@code tableIPLimit = 10}, {@code /24} subnets).
 *
 * @param perBucket  most contacts from one subnet in one k-bucket
 * @param perTable   most contacts from one subnet in the whole routing table
 * @param prefixBits subnet size (24 means /24)
 */
public record IpDiversityConfig(int perBucket, int perTable, int prefixBits) implements DefenceSpec {

    public static final String NAME = "ip-diversity";

    public IpDiversityConfig {
        if (perBucket < 1 || perBucket > 64) {
            throw new IllegalArgumentException("ip-diversity bucket limit must be in [1, 64], got " + perBucket);
        }
        if (perTable < perBucket || perTable > 100_000) {
            throw new IllegalArgumentException("ip-diversity table limit must be in [bucket limit, 100000], got " + perTable);
        }
        if (prefixBits < 8 || prefixBits > 32) {
            throw new IllegalArgumentException("ip-diversity prefix must be in [8, 32], got " + prefixBits);
        }
    }

    public static IpDiversityConfig defaults() {
        return new IpDiversityConfig(2, 10, 24);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toSpec() {
        return NAME + "(bucket=" + perBucket + ",table=" + perTable + ",prefix=" + prefixBits + ")";
    }

    static IpDiversityConfig parse(SpecParams p) {
        IpDiversityConfig d = defaults();
        int bucket = p.integer("bucket", d.perBucket, 1, 64);
        IpDiversityConfig c = new IpDiversityConfig(bucket, p.integer("table", Math.max(d.perTable, bucket), 1, 100_000),
                p.integer("prefix", d.prefixBits, 8, 32));
        p.requireAllUsed("bucket, table, prefix");
        return c;
    }
}
