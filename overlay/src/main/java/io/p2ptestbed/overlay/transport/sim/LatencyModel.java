package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.random.RandomGenerator;

/** One-way delay of a simulated link, drawn from the network's seeded generator. */
@FunctionalInterface
public interface LatencyModel {

    long sampleMillis(NodeAddress from, NodeAddress to, RandomGenerator rng);

    static LatencyModel constant(long millis) {
        return (f, t, r) -> millis;
    }

    /** Uniform in [min, max] milliseconds. */
    static LatencyModel uniform(long min, long max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("latency range must satisfy 0 <= min <= max, got " + min + ".." + max);
        }
        return (f, t, r) -> min == max ? min : min + r.nextLong(max - min + 1);
    }
}
