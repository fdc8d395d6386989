package io.p2ptestbed.features.steps;

import io.p2ptestbed.features.steps.kademlia.EclipseSteps;
import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.overlay.id.Contact;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "N% of nodes are Sybils from 2 /24 networks" with more Sybils than the two /24s have hosts. */
class SybilsSharingIpsTest {

    private final TestbedWorld world = new TestbedWorld();

    @AfterEach
    void close() {
        world.dispose();
    }

    @Test
    void aThousandSybilsFromTwoSlash24s_shareIpsOnFurtherPorts() {
        NetworkSteps net = new NetworkSteps(world);
        net.aNetworkOf(300);
        net.theSeedIs(3);
        net.nodeIsCalled(5, "victim");
        // 77% of all nodes: 300 * 77 / 23 = 1004 Sybils, more than the 2 x 254 hosts of two /24s
        new EclipseSteps(world).percentSybilsFrom(77, 2, "victim");

        assertThat(world.metrics().get("sybils")).isEqualTo(1004.0);
        assertThat(world.attackers()).hasSize(1004);
        assertThat(world.attackers().stream().map(c -> c.address().ip() >>> 8).distinct()).as("/24 networks").hasSize(2);
        Map<Integer, Long> perIp = world.attackers().stream()
                .collect(Collectors.groupingBy(c -> c.address().ip(), Collectors.counting()));
        assertThat(perIp).as("IPs: every host of both /24s").hasSize(508);
        assertThat(perIp.values().stream().filter(n -> n == 2)).as("IPs with a second Sybil on another port").hasSize(1004 - 508);
        assertThat(world.attackers().stream().map(Contact::address).distinct()).as("addresses (IP and port)").hasSize(1004);
    }
}
