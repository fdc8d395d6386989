package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.overlay.id.NodeAddress;
import org.junit.jupiter.api.Test;

/** In-JVM attacker sockets carry the lab port in their IP, so concurrent runs on other lab ports never collide. */
class CrossRuntimeAddressesTest {

    @Test
    void inJvmAttackerIps_encodeTheLabPort_andStayInTheLab() {
        NodeAddress a = CrossRuntime.perRunIp(252, 20_000);
        assertThat(a).isEqualTo(NodeAddress.of(127, 252, Addresses.PORT >>> 8, Addresses.PORT & 0xFF, 20_000));
        assertThat(LabGuard.loopbackOnly().permits(a)).isTrue();
        assertThat(Cidr.parse("127.201.0.0/16").contains(a)).as("clear of the Sybil /24 pools").isFalse();
        assertThat(CrossRuntime.perRunIp(253, 30_000).ip()).isNotEqualTo(a.ip());
        // two lab ports, two IPs: 7201 -> 127.252.28.33, 7202 -> 127.252.28.34
        assertThat(NodeAddress.of(127, 252, 7201 >>> 8, 7201 & 0xFF, 1)).isEqualTo(NodeAddress.parse("127.252.28.33:1"));
    }
}
