package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.scenario.Scenario;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The attacker's node containers (a Sybil super-peer is one): their addresses in attacker pool 0 at hosts .200 up,
 * never an honest container's, the pool's socket host's or its Sybil aliases' (.1 up), and their node arguments, the
 * scenario's parameters with the attacker's over them.
 */
class AttackerNodesTest {

    @Test
    void attackerNodesSitInAttackerPoolZeroAtHosts200Up() {
        SubnetPlan p = SubnetPlan.of("10.200.0.0/16");
        Set<Integer> honest = new HashSet<>();
        for (int c = 0; c < p.honestCapacity(); c++) {
            honest.add(p.honestIp(c));
        }
        for (int j = 0; j < 54; j++) {
            int ip = p.attackerNodeIp(j);
            assertThat(p.attackerPool(0).contains(ip)).as("attacker node %d", j).isTrue();
            assertThat(ip & 0xFF).isEqualTo(200 + j);
            assertThat(honest).doesNotContain(ip);
            assertThat(ip).isNotEqualTo(p.attackerHostIp(0));
        }
        assertThatThrownBy(() -> p.attackerNodeIp(54)).hasMessageContaining("attacker node containers are numbered 0..53");
        assertThatThrownBy(() -> p.attackerNodeIp(-1)).hasMessageContaining("got -1");
    }

    @Test
    void theAttackersParametersGoOverTheScenarios() {
        Scenario s = Scenario.defaults("sybil-args", 40).withProtocol("superpeer").withParams(Map.of("parents", "2"));
        Map<String, String> sybil = new LinkedHashMap<>();
        sybil.put("role", "super");
        sybil.put("parents", "1");
        List<String> args = NodeLauncher.protocolArgs(s, "10.200.0.0/16", sybil);
        assertThat(args).containsSequence("--protocol", "superpeer", "--lab", "10.200.0.0/16");
        assertThat(args).containsSequence("--param", "role=super");
        assertThat(args).as("the attacker's value replaces the scenario's, once").doesNotContain("parents=2");
        assertThat(NodeLauncher.protocolArgs(s, "10.200.0.0/16")).containsSequence("--param", "parents=2")
                .doesNotContain("role=super");
    }
}
