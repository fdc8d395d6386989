package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubnetPlanTest {

    @Test
    void honestContainersSpreadOverDistinctSlash24sAndAttackerPoolsStayApart() {
        SubnetPlan p = SubnetPlan.of("10.200.0.0/16");
        assertThat(p.attackerBlocks()).isEqualTo(16);
        assertThat(SubnetPlan.dotted(p.honestIp(0))).isEqualTo("10.200.0.10");
        assertThat(SubnetPlan.dotted(p.honestIp(1))).isEqualTo("10.200.1.10");
        assertThat(SubnetPlan.dotted(p.honestIp(240))).isEqualTo("10.200.0.11");
        Set<Integer> slash24s = new HashSet<>();
        for (int c = 0; c < 200; c++) {
            slash24s.add(p.honestIp(c) >>> 8);
            assertThat(p.poolOf(p.honestIp(c))).isEqualTo(-1);
        }
        assertThat(slash24s).hasSize(200);
        assertThat(p.attackerPool(0).toString()).isEqualTo("10.200.240.0/24");
        assertThat(SubnetPlan.dotted(p.attackerHostIp(15))).isEqualTo("10.200.255.254");
        assertThat(p.poolOf(p.attackerHostIp(3))).isEqualTo(3);
        assertThat(p.honestCapacity()).isGreaterThan(50_000);
        assertThatThrownBy(() -> p.honestIp(p.honestCapacity())).hasMessageContaining("capacity");
        assertThatThrownBy(() -> SubnetPlan.of("10.0.0.0/24")).hasMessageContaining("too small");
    }
}
