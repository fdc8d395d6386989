package io.p2ptestbed.adversary;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The one place where the adversary makes a generator: a child stream seeded from a parent that was
 * handed in (itself derived from the scenario seed). Components that run on their own timeline (a
 * flood, each Sybil) take a child so that adding one does not shift the others' draws.
 */
public final class Rngs {

    private Rngs() {}

    public static RandomGenerator child(RandomGenerator parent) {
        return new SplittableRandom(parent.nextLong());
    }
}
