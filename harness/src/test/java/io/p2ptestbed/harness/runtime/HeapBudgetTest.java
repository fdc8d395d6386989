package io.p2ptestbed.harness.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.kademlia.bench.SimulatedBenchmark;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.scenario.ScenarioException;
import org.junit.jupiter.api.Test;

class HeapBudgetTest {

    @Test
    void aNetworkTooLargeForTheHeap_isRefusedBeforeBuilding_withTheEstimateAndTheOptionsToUse() {
        Scenario huge = SimulatedBenchmark.scenario(Scenario.MAX_SIMULATED_NODES, 8, 3, 1);
        assertThatThrownBy(() -> new SimulatedRuntime(huge, 2))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("scenario parameter 'nodes' is too large for this JVM's heap")
                .hasMessageContaining("10,000,000 simulated kademlia nodes need about")
                .hasMessageContaining("KB per node")
                .hasMessageContaining("TESTBED_JAVA_OPTS='-Xms")
                .hasMessageContaining("-Xmx");
    }

    @Test
    void theEstimateGrowsWithSizeAndK_andSuggestsAHeapAboveWhatIsNeeded() {
        HeapBudget small = HeapBudget.of(SimulatedBenchmark.scenario(10_000, 8, 3, 1), Long.MAX_VALUE);
        HeapBudget large = HeapBudget.of(SimulatedBenchmark.scenario(1_000_000, 8, 3, 1), Long.MAX_VALUE);
        HeapBudget wide = HeapBudget.of(SimulatedBenchmark.scenario(1_000_000, 20, 3, 1), Long.MAX_VALUE);
        assertThat(small.bytesPerNode()).isLessThan(large.bytesPerNode());
        assertThat(large.bytesPerNode()).isLessThan(wide.bytesPerNode());
        assertThat(large.fits()).isTrue();
        assertThat(large.suggestedHeapBytes()).isGreaterThanOrEqualTo(large.neededBytes() + large.youngBytes());
        assertThat(large.suggestedHeapBytes() % (1L << 30)).isZero();
        assertThat(HeapBudget.of(SimulatedBenchmark.scenario(1_000_000, 8, 3, 1), large.neededBytes() - 1).fits()).isFalse();
    }

    @Test
    void todaysScenarioSizes_fitTheLaunchersDefaultHeap() {
        // ./testbed runs scenarios with -Xmx6g; 200,000 nodes were the old limit and must still be accepted there
        HeapBudget b = HeapBudget.of(SimulatedBenchmark.scenario(200_000, 20, 3, 1), 4L << 30);
        assertThat(b.fits()).as(b.describe("nodes")).isTrue();
    }
}
