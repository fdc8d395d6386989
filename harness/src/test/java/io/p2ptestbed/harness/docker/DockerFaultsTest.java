package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.fault.Delay;
import io.p2ptestbed.adversary.fault.Duplicate;
import io.p2ptestbed.adversary.fault.Reorder;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.FaultRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every fault in containers has a heal, and after the heal traffic flows again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerFaultsTest {

    private DockerRuntime rt;

    @BeforeAll
    void start() {
        rt = DockerTestSupport.startNetwork("faults", 6, 8);
    }

    @AfterAll
    void stop() {
        DockerTestSupport.closeAndAssertClean(rt);
    }

    private long ping(int from, int to) {
        return rt.node(from).control().pingMillis(0, rt.node(to).address());
    }

    @Test
    void partitionDropsTrafficBetweenTheHalvesOnlyAndHealRestoresIt() {
        Runnable heal = rt.faults().partition(rt.nodes().subList(0, 3), rt.nodes().subList(3, 6));
        assertThat(ping(0, 4)).as("across").isEqualTo(-1);
        assertThat(ping(5, 1)).as("across, the other way").isEqualTo(-1);
        assertThat(ping(0, 2)).as("within a half").isNotNegative();
        assertThat(ping(3, 5)).as("within the other half").isNotNegative();
        heal.run();
        assertThat(ping(0, 4)).as("across after heal").isNotNegative();
        assertThat(ping(5, 1)).isNotNegative();
    }

    @Test
    void totalLossDropsEverythingAndHealRestoresIt() {
        Runnable heal = rt.faults().loss(1.0);
        assertThat(ping(1, 2)).isEqualTo(-1);
        heal.run();
        assertThat(ping(1, 2)).isNotNegative();
        heal.run(); // healing twice does nothing
        assertThat(ping(2, 1)).isNotNegative();
    }

    @Test
    void latencyInTheTransportSlowsRoundTripsAndHealRestoresThem() {
        Runnable heal = rt.faults().delay(250, 50);
        assertThat(ping(1, 3)).as("250 ms each way").isGreaterThanOrEqualTo(500);
        heal.run();
        assertThat(ping(1, 3)).isBetween(0L, 200L);
    }

    @Test
    void duplicationAndReorderingAreCountedByTheNodesAndHealed() {
        Runnable dup = rt.faults().duplicate(1.0);
        Runnable reorder = rt.faults().reorder(1.0, 30);
        for (int i = 0; i < 5; i++) {
            assertThat(ping(2, 4)).isNotNegative();
        }
        assertThat(rt.node(2).stats().get("fault.duplicated")).isPositive();
        assertThat(rt.node(2).stats().get("fault.reordered")).isPositive();
        assertThat(rt.node(2).stats().get("fault.rules")).isEqualTo(2);
        dup.run();
        reorder.run();
        assertThat(rt.node(2).stats().get("fault.rules")).isZero();
        assertThat(ping(2, 4)).isBetween(0L, 200L);
    }

    @Test
    void aPausedContainerAnswersNothingUntilUnpaused() {
        rt.pause(rt.node(5));
        assertThat(rt.node(5).alive()).isFalse();
        assertThat(ping(0, 5)).isEqualTo(-1);
        rt.unpause(rt.node(5));
        assertThat(rt.node(5).alive()).isTrue();
        assertThat(ping(0, 5)).isNotNegative();
    }

    @Test
    void scopedTransportFaultsApplyToTheScopeAndToTrafficTowardsIt() {
        NodeAddress a = NodeAddress.of(10, 0, 0, 1, 6881);
        NodeAddress b = NodeAddress.of(10, 0, 0, 2, 6881);
        Delay d = new Delay(100, 0, Set.of(a));
        assertThat(DockerFaults.rule(d, a).peers()).as("a node in scope: everything it sends").isEmpty();
        assertThat(DockerFaults.rule(d, b).peers()).as("others: what they send to the scope").containsExactly(a);
        assertThat(DockerFaults.rule(Duplicate.everywhere(0.5), b)).isEqualTo(new FaultRule(0, 0, 0.5, 0, 0, 0, Set.of()));
        assertThat(DockerFaults.rule(Reorder.everywhere(0.2, 40), b).reorderMillis()).isEqualTo(40);
        assertThat(List.of(d)).hasSize(1);
    }
}
