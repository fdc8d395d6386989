package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.random.RandomGenerator;

/**
 * A latency topology for any overlay: every address sits at a point of the unit square, drawn from the
 * seed and the address alone (so attackers and late joiners have places too, and no registration order
 * matters); the one-way delay of a link is a base that grows with the Euclidean distance, from
 * {@code minMillis} for two nodes at one point to {@code maxMillis - jitterMillis} across the diagonal,
 * plus a jitter uniform in [0, jitterMillis] drawn from the network's seeded generator. Stateless, so
 * shards may share it. Base latencies obey the triangle inequality, so route stretch is at least 1 up to
 * jitter.
 */
public final class PlaneTopology implements LatencyModel {

    public static final String NAME = "plane";

    private final long seed;
    private final long minMillis;
    private final double millisPerUnit;
    private final long jitterMillis;

    public PlaneTopology(long seed, long minMillis, long maxMillis, long jitterMillis) {
        if (minMillis < 0 || jitterMillis < 0 || maxMillis - jitterMillis < minMillis) {
            throw new IllegalArgumentException("a plane topology needs 0 <= min <= max - jitter, got min " + minMillis
                    + ", max " + maxMillis + ", jitter " + jitterMillis);
        }
        this.seed = seed;
        this.minMillis = minMillis;
        this.millisPerUnit = (maxMillis - jitterMillis - minMillis) / Math.sqrt(2);
        this.jitterMillis = jitterMillis;
    }

    /** The address's x coordinate in [0, 1). */
    public double x(NodeAddress a) {
        return unit(mix(seed ^ key(a)));
    }

    /** The address's y coordinate in [0, 1). */
    public double y(NodeAddress a) {
        return unit(mix(mix(seed ^ key(a)) ^ 0x5851F42D4C957F2DL));
    }

    /** The one-way delay without jitter. */
    public long baseMillis(NodeAddress from, NodeAddress to) {
        double dx = x(from) - x(to);
        double dy = y(from) - y(to);
        return minMillis + Math.round(millisPerUnit * Math.sqrt(dx * dx + dy * dy));
    }

    @Override
    public long sampleMillis(NodeAddress from, NodeAddress to, RandomGenerator rng) {
        long base = baseMillis(from, to);
        return jitterMillis == 0 ? base : base + rng.nextLong(jitterMillis + 1);
    }

    private static long key(NodeAddress a) {
        return (a.ip() & 0xFFFFFFFFL) << 16 | a.port();
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(long z) {
        return (z >>> 11) * 0x1.0p-53;
    }

    /**
     * The latency model a scenario names: {@code uniform} (each datagram uniform in [min, max], the
     * default), {@code plane} (this topology with a jitter of a tenth of max - min) or {@code plane:J}
     * (jitter J ms). Anything else is refused with the accepted forms.
     */
    public static LatencyModel of(String spec, long seed, long minMillis, long maxMillis) {
        String s = spec == null ? "uniform" : spec.trim();
        if (s.equals("uniform")) {
            return LatencyModel.uniform(minMillis, maxMillis);
        }
        if (s.equals(NAME)) {
            return new PlaneTopology(seed, minMillis, maxMillis, (maxMillis - minMillis) / 10);
        }
        if (s.startsWith(NAME + ":")) {
            try {
                return new PlaneTopology(seed, minMillis, maxMillis, Long.parseLong(s.substring(NAME.length() + 1)));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("latency topology '" + spec + "' unknown: use uniform, plane, or plane:J "
                + "(J = jitter in ms, at most max - min latency)");
    }
}
