package io.p2ptestbed.harness.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The pods' lab guard: attacker pods and attack targets only on loopback or in the pod network. */
class PodRuntimeTest {

    @Test
    void anAttackerPodOutsideThePodNetwork_isRefused_beforeAnyConnection() {
        try (PodRuntime rt = new PodRuntime(Scenario.defaults("g", 2), List.of("127.60.3.1:1"), List.of("192.0.2.7:7001"),
                Cidr.parse("10.244.0.0/16"), 1_000, s -> { })) {
            assertThatThrownBy(() -> rt.attackerSharedIp(0, 20_000)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("attacker pod 192.0.2.7:7001 resolves to 192.0.2.7, outside the lab");
        }
    }

    @Test
    void noAttackerPod_isNamed() {
        try (PodRuntime rt = new PodRuntime(Scenario.defaults("g", 2), List.of("127.60.3.1:1"), List.of(), Cidr.parse("10.244.0.0/16"),
                1_000, s -> { })) {
            assertThatThrownBy(() -> rt.attackerSharedIp(0, 20_000)).hasMessageContaining("--attacker-pods 1 or more");
        }
    }

    @Test
    void theAttackersGuard_admitsThePodNetworkAndLoopbackOnly() {
        try (PodRuntime rt = new PodRuntime(Scenario.defaults("g", 2), List.of("127.60.3.1:1"), List.of(), Cidr.parse("10.244.0.0/16"),
                1_000, s -> { })) {
            AttackContext ctx = rt.attackContext(RandomGenerator.of("L64X128MixRandom"));
            assertThat(ctx.guard().permits(NodeAddress.of(10, 244, 3, 4, 6881))).isTrue();
            assertThat(ctx.guard().permits(NodeAddress.of(127, 60, 1, 1, 6881))).isTrue();
            assertThat(ctx.guard().permits(NodeAddress.of(10, 245, 0, 1, 6881))).isFalse();
            assertThat(ctx.guard().permits(NodeAddress.of(8, 8, 8, 8, 53))).isFalse();
        }
    }
}
