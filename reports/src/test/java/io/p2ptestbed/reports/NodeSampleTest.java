package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSampleTest {
    @Test
    void keepsEverythingBelowThreshold() {
        OverlayGraph g = TestGraphs.eclipse(50, 5, 4, 3, 1);
        NodeSample s = NodeSample.select(List.of(g), 300);
        assertThat(s.sampled()).isFalse();
        assertThat(s.keptIds()).hasSize(56);
        assertThat(s.describe()).isEqualTo("56 nodes");
    }

    @Test
    void largeGraphKeepsVictimNeighbourhoodAndSamplesTheRestDeterministically() {
        OverlayGraph g = TestGraphs.eclipse(2000, 30, 6, 6, 7);
        NodeSample s = NodeSample.select(List.of(g), 300);
        assertThat(s.keptIds()).hasSize(300);
        assertThat(s.keptIds()).contains(TestGraphs.VICTIM);
        assertThat(s.keptIds()).containsAll(g.outNeighbours(TestGraphs.VICTIM));
        assertThat(s.keptIds()).containsAll(g.inNeighbours(TestGraphs.VICTIM));
        assertThat(s.describe()).startsWith("sampled 300 of 2031 nodes");
        assertThat(NodeSample.select(List.of(g), 300).keptIds()).containsExactlyElementsOf(s.keptIds());
    }

    @Test
    void neighbourhoodLargerThanThresholdIsStillKeptWhole() {
        OverlayGraph g = TestGraphs.eclipse(100, 20, 4, 20, 3);
        NodeSample s = NodeSample.select(List.of(g), 10);
        assertThat(s.keptIds()).containsAll(g.outNeighbours(TestGraphs.VICTIM));
        assertThat(s.sampled()).isTrue();
    }
}
