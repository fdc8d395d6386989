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
        assertThat(p.honestCapacity()).isEqualTo(240 * 90);
        assertThatThrownBy(() -> p.honestIp(p.honestCapacity())).hasMessageContaining("capacity");
        assertThatThrownBy(() -> SubnetPlan.of("10.0.0.0/24")).hasMessageContaining("too small");
    }

    @Test
    void aBotnetSpreadsOverTheHonestSlash24sAtHostsThatNoHonestContainerGets() {
        SubnetPlan p = SubnetPlan.of("10.200.0.0/16");
        var botnet = p.botnet(600, 8333);
        assertThat(botnet.get(0).toString()).isEqualTo("10.200.0.100:8333");
        assertThat(botnet.get(239).toString()).isEqualTo("10.200.239.100:8333");
        assertThat(botnet.get(240).toString()).isEqualTo("10.200.0.101:8333");
        assertThat(botnet.stream().map(a -> a.ip() >>> 8).distinct().count()).as("distinct /24s").isEqualTo(240);
        assertThat(botnet.stream().distinct().count()).isEqualTo(600);
        Set<Integer> honest = new HashSet<>();
        for (int c = 0; c < p.honestCapacity(); c++) {
            honest.add(p.honestIp(c));
            assertThat(p.inBotnetRange(p.honestIp(c))).isFalse();
        }
        for (var a : botnet) {
            assertThat(p.inBotnetRange(a.ip())).as("%s", a).isTrue();
            assertThat(honest).doesNotContain(a.ip());
            assertThat(p.poolOf(a.ip())).isEqualTo(-1);
        }
        for (var a : p.trash(7, 2, 50, 8333)) {
            assertThat(a.ip() & 0xFF).isBetween(200, 253);
            assertThat(honest).doesNotContain(a.ip());
            assertThat(p.inBotnetRange(a.ip())).isFalse();
            assertThat(p.poolOf(a.ip())).isEqualTo(-1);
        }
        assertThat(p.inBotnetRange(p.attackPoolIp(0, 150))).as("an attacker pool's address").isFalse();
        assertThat(p.inBotnetRange(io.p2ptestbed.overlay.id.NodeAddress.parse("10.201.3.150:1").ip())).isFalse();
        assertThatThrownBy(() -> p.botnet(240 * 100 + 1, 8333)).hasMessageContaining("botnet addresses must be in [1, 24000]");
    }
}
