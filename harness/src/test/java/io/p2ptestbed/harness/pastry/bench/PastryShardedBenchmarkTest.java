package io.p2ptestbed.harness.pastry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The sharded Pastry build is a pure function of the seed: the same events, messages and counters on one thread as
 * on two, and a network that is right (every leaf set exact, every route at the numerically closest live node).
 */
class PastryShardedBenchmarkTest {

    @Test
    void sameRunOnOneAndTwoThreadsAndEveryRouteRight() {
        PastryShardedBenchmark.Figures one = PastryShardedBenchmark.run(400, 600, 80, 5, 2, 1);
        PastryShardedBenchmark.Figures two = PastryShardedBenchmark.run(400, 600, 80, 5, 2, 2);
        assertEquals(0, one.joinFailures(), one.line());
        assertEquals(0, one.wrongLeafSets(), one.line());
        assertEquals(600, one.correct(), one.line());
        assertTrue(one.joinEvents() > 400 * 50, one.line());
        assertEquals(one.joinEvents(), two.joinEvents(), "build events, 1 vs 2 threads");
        assertEquals(one.joinMessages(), two.joinMessages(), "build messages, 1 vs 2 threads");
        assertEquals(one.joinVirtualMillis(), two.joinVirtualMillis(), "virtual build time, 1 vs 2 threads");
        assertEquals(one.counters(), two.counters(), "counters after the build, 1 vs 2 threads");
        assertEquals(one.routeEvents(), two.routeEvents(), "route events, 1 vs 2 threads");
        assertEquals(one.correct(), two.correct());
        assertEquals(one.meanHops(), two.meanHops(), 0.0);
    }
}
