package io.p2ptestbed.harness;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Derives every random stream of a run from the one scenario seed: each purpose ("node", "ids",
 * "network", "workload"...) and index gets its own generator, so adding a node or a workload does not
 * perturb the others' streams and the same seed always gives the same world.
 */
public final class Seeds {

    private final long seed;

    public Seeds(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    public RandomGenerator stream(String purpose) {
        return stream(purpose, 0);
    }

    public RandomGenerator stream(String purpose, long index) {
        return new SplittableRandom(seedOf(purpose, index));
    }

    /** The seed of {@link #stream(String, long)}: that stream is {@code new SplittableRandom(seedOf(...))}. */
    public long seedOf(String purpose, long index) {
        return mix(mix(seed ^ mix(purpose.hashCode())) + index);
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
