package io.p2ptestbed.features.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {

    @Test
    void keepsFirstAndLast_evenlySpread_atMostMax() {
        List<Integer> frames = IntStream.range(0, 25).boxed().toList();
        assertThat(FrameSampler.pick(frames, 6)).containsExactly(0, 5, 10, 14, 19, 24);
        assertThat(FrameSampler.pick(frames, 1)).containsExactly(24);
        assertThat(FrameSampler.pick(List.of(1, 2, 3), 6)).containsExactly(1, 2, 3);
        assertThat(FrameSampler.pick(List.of(), 6)).isEmpty();
    }
}
