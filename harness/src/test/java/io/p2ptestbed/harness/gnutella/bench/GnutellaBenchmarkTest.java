package io.p2ptestbed.harness.gnutella.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The flooding benchmark's network and counts (its speed is measured by {@code ./testbed bench}, not here). */
class GnutellaBenchmarkTest {

    /** What a run computes from the simulation alone (no clock, no load). */
    private static List<Object> simulated(GnutellaBenchmark.Figures f) {
        return List.of(f.meanDegree(), f.messages(), f.meanReach(), f.duplicateRatio(), f.hitsPerQuery(), f.maxBurst());
    }

    @Test
    void theRegularLayoutFloodsEveryNodeAndTheSameSeedGivesTheSameRun() {
        GnutellaBenchmark.Figures a = GnutellaBenchmark.run(400, 8, 5, 20, 7);
        assertThat(a.meanDegree()).as("every servent has exactly d connections").isEqualTo(8.0);
        // the ball of radius 5 holds all 400 nodes; with latencies of 10..100 ms a copy on a longer path may come
        // first with a smaller TTL and stop early, so a flood may miss a node now and then
        assertThat(a.meanReach()).as("%s", a.line()).isBetween(0.99 * 399, 399.0);
        // every node forwards each query once to its d - 1 other neighbours, unless the TTL ran out at it
        assertThat(a.messagesPerQuery()).as("%s", a.line()).isGreaterThan(399 * 7 * 0.5).isLessThan(400 * 8 + 400.0 * 20);
        assertThat(a.duplicateRatio()).as("%s", a.line()).isGreaterThan(0.5);
        assertThat(a.hitsPerQuery()).as("%s", a.line()).isPositive();
        assertThat(simulated(GnutellaBenchmark.run(400, 8, 5, 20, 7))).isEqualTo(simulated(a));
        assertThat(simulated(GnutellaBenchmark.run(400, 8, 5, 20, 8))).isNotEqualTo(simulated(a));
    }

    @Test
    void theJoinLayoutStillBuildsThroughPingPongDiscovery() {
        GnutellaBenchmark.Figures f = GnutellaBenchmark.run(200, 8, 7, 5, 3, GnutellaBenchmark.Layout.JOIN);
        assertThat(f.meanDegree()).as("%s", f.line()).isBetween(6.0, 10.0);
        assertThat(f.meanReach()).as("%s", f.line()).isBetween(0.95 * 199, 199.0);
    }

    @Test
    void aLayoutThatCannotBeBuiltIsNamed() {
        assertThatThrownBy(() -> GnutellaBenchmark.run(401, 7, 5, 1, 1)).hasMessageContaining("N·d even");
        assertThatThrownBy(() -> GnutellaBenchmark.Layout.parse("ring")).hasMessageContaining("regular or join, got 'ring'");
    }
}
