package io.p2ptestbed.harness.gnutella;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.docker.SubnetPlan;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan of Gnutella Sybil addresses in containers: one attacker /24, own IPs, never an honest container's. */
class DockerGnutellaSybilsTest {

    private final SubnetPlan plan = SubnetPlan.of("10.200.0.0/16");

    @Test
    void sybilsTakeTheirOwnAddressesInTheAttackerSlash24FromHost1() {
        List<NodeAddress> a = DockerGnutellaSybils.addresses(plan, 0, 20, 6881);
        assertThat(a).hasSize(20);
        assertThat(a.get(0).toString()).isEqualTo("10.200.240.1:6881");
        assertThat(a.get(19).toString()).isEqualTo("10.200.240.20:6881");
        assertThat(a.stream().map(NodeAddress::ip).distinct().count()).as("distinct IPs").isEqualTo(20);
        assertThat(a).allSatisfy(x -> assertThat(plan.attackerPool(0).contains(x)).as("%s in the attacker /24", x).isTrue());
        Set<Integer> honest = new HashSet<>();
        for (int c = 0; c < 100; c++) {
            honest.add(plan.honestIp(c) >>> 8);
        }
        assertThat(a).allSatisfy(x -> assertThat(honest).as("no honest container's /24").doesNotContain(x.ip() >>> 8));
    }

    @Test
    void aSecondGroupContinuesAfterTheFirstAndNeverReachesTheAttackerNodeContainers() {
        List<NodeAddress> more = DockerGnutellaSybils.addresses(plan, 10, 5, 6881);
        assertThat(more.get(0).toString()).isEqualTo("10.200.240.11:6881");
        assertThat(DockerGnutellaSybils.addresses(plan, 0, 199, 6881).get(198).toString()).isEqualTo("10.200.240.199:6881");
        assertThatThrownBy(() -> DockerGnutellaSybils.addresses(plan, 190, 10, 6881))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hosts .1 to .199").hasMessageContaining("10.200.240.0/24");
        assertThatThrownBy(() -> DockerGnutellaSybils.addresses(plan, 0, 0, 6881)).hasMessageContaining("0 more do not fit");
    }
}
