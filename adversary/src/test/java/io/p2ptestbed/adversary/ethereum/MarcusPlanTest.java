package io.p2ptestbed.adversary.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.lab.OutsideLabException;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where Marcus et al.'s attacker puts its ids: round robin over its hosts, one port each, every address in the lab. */
class MarcusPlanTest {

    private static final int HOST_A = NodeAddress.of(10, 238, 240, 254, 0).ip();
    private static final int HOST_B = NodeAddress.of(10, 238, 241, 254, 0).ip();

    @Test
    void idsGoRoundRobinOverTheHostsEachAtItsOwnPort() {
        LabGuard lab = LabGuard.loopbackOnly().allowing(Cidr.parse("10.238.0.0/16"));
        List<NodeAddress> a = MarcusPlan.addresses(5, List.of(HOST_A, HOST_B), 30_303, lab);
        assertThat(a).extracting(NodeAddress::toString).containsExactly("10.238.240.254:30304", "10.238.241.254:30304",
                "10.238.240.254:30305", "10.238.241.254:30305", "10.238.240.254:30306");
        // the loopback plan is the same rule on 127.54.(200 + h).10
        assertThat(MarcusPlan.addresses(3, 2, 7961)).extracting(NodeAddress::toString)
                .containsExactly("127.54.200.10:7962", "127.54.201.10:7962", "127.54.200.10:7963");
    }

    @Test
    void hostsOutsideTheLabAndBadCountsAreRefusedWithAMessage() {
        LabGuard lab = LabGuard.loopbackOnly().allowing(Cidr.parse("10.238.0.0/16"));
        assertThatThrownBy(() -> MarcusPlan.addresses(2, List.of(NodeAddress.of(8, 8, 8, 8, 0).ip()), 30_303, lab))
                .isInstanceOf(OutsideLabException.class).hasMessageContaining("attacker address");
        assertThatThrownBy(() -> MarcusPlan.addresses(0, List.of(HOST_A), 30_303, lab))
                .hasMessageContaining("attacker ids must be in [1, 20000] for 1 IP addresses, got 0");
        assertThatThrownBy(() -> MarcusPlan.addresses(2, List.of(), 30_303, lab))
                .hasMessageContaining("attacker IP addresses must be in [1, 50], got 0");
        assertThatThrownBy(() -> MarcusPlan.addresses(40, List.of(HOST_A, HOST_B), 65_520, lab))
                .hasMessageContaining("beyond 65535");
    }
}
