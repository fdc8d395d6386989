package io.p2ptestbed.adversary.sybil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.defence.IpDiversityConfig;
import io.p2ptestbed.overlay.defence.IpDiversityPolicy;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.InsertOutcome;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AddressPlanTest {

    @Test
    void thousandSybilsFromTwoSlash24s_shareIpsOnFurtherPorts() {
        AddressPlan.Spread plan = AddressPlan.slash24s(2, 6881);
        assertThat(plan.capacity()).as("2 x 254 hosts per round").isEqualTo(508);
        List<NodeAddress> addrs = IntStream.range(0, 1000).mapToObj(plan::address).toList();

        assertThat(addrs).doesNotHaveDuplicates();
        assertThat(addrs).allSatisfy(a -> assertThat(Cidr.LOOPBACK.contains(a)).isTrue());
        assertThat(addrs.stream().map(a -> a.ip() >>> 8).distinct()).as("only the two /24s").hasSize(2);
        assertThat(addrs.stream().map(NodeAddress::ip).distinct()).as("every host of both /24s").hasSize(508);
        assertThat(addrs.stream().map(NodeAddress::port).distinct().sorted()).containsExactly(6881, 6882);
        Map<Integer, Long> perIp = addrs.stream().collect(Collectors.groupingBy(NodeAddress::ip, Collectors.counting()));
        assertThat(perIp.values()).as("Sybils per IP").allSatisfy(n -> assertThat(n).isBetween(1L, 2L));
        assertThat(perIp.values().stream().filter(n -> n == 2)).as("1000 - 508 IPs carry a second Sybil").hasSize(492);
    }

    @Test
    void firstRound_isUnchanged_andLaterRoundsAreDeterministic() {
        AddressPlan.Spread plan = AddressPlan.slash24s(2, 6881);
        assertThat(plan.address(0)).isEqualTo(NodeAddress.parse("127.201.0.1:6881"));
        assertThat(plan.address(1)).isEqualTo(NodeAddress.parse("127.201.1.1:6881"));
        assertThat(plan.address(507)).isEqualTo(NodeAddress.parse("127.201.1.254:6881"));
        assertThat(plan.address(508)).isEqualTo(NodeAddress.parse("127.201.0.1:6882"));
        assertThat(plan.address(1016)).isEqualTo(NodeAddress.parse("127.201.0.1:6883"));
        assertThat(AddressPlan.slash24s(2, 6881).address(777)).isEqualTo(plan.address(777));
    }

    @Test
    void portsRunOut_withAMessageNamingTheLimit() {
        AddressPlan.Spread plan = AddressPlan.slash24s(1, 65_535);
        assertThat(plan.address(253)).isEqualTo(NodeAddress.parse("127.201.0.254:65535"));
        assertThatThrownBy(() -> plan.address(254)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no address left for Sybil 254: 1 pools of 254 hosts on ports 65535 to 65535 hold 254 Sybils");
        assertThatThrownBy(() -> plan.address(-1)).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new AddressPlan.Spread(List.of(Cidr.parse("127.9.9.9/32")), 6881))
                .hasMessageContaining("has no usable host");
    }

    @Test
    void perIpDefencesSeeSybilsOnOneIpAsOne() {
        AddressPlan.Spread plan = AddressPlan.slash24s(2, 6881);
        SplittableRandom rng = new SplittableRandom(5);
        NodeId self = NodeId.random(rng);
        RoutingTable table = new RoutingTable(self, NodeConfig.defaults(), new VirtualScheduler());
        table.addPolicy(new IpDiversityPolicy(new IpDiversityConfig(1, 1, 32)));
        NodeAddress first = plan.address(0);
        NodeAddress sameIpNextRound = plan.address(508);
        assertThat(sameIpNextRound.ip()).isEqualTo(first.ip());
        assertThat(table.insert(new Contact(self.randomInBucketOf(0, rng), first))).isInstanceOf(InsertOutcome.Added.class);
        assertThat(table.insert(new Contact(self.randomInBucketOf(1, rng), sameIpNextRound)))
                .as("a second Sybil on 127.201.0.1, another port").isInstanceOf(InsertOutcome.Rejected.class);
        assertThat(table.insert(new Contact(self.randomInBucketOf(1, rng), plan.address(2))))
                .as("a Sybil on another IP").isInstanceOf(InsertOutcome.Added.class);
    }

    @Test
    void factoryMakesThousandSybilsFromTwoSlash24s_allInsideTheLab() {
        SybilSet set = new SybilFactory(new SplittableRandom(3), LabGuard.loopbackOnly())
                .create(SybilSpec.of(1000, new Placement.Anywhere(), AddressPlan.slash24s(2, 6881)));
        assertThat(set.size()).isEqualTo(1000);
        assertThat(set.cost().budgetExhausted()).isFalse();
        Map<Integer, Long> perSlash24 = set.identities().stream()
                .collect(Collectors.groupingBy(s -> s.address().ip() >>> 8, Collectors.counting()));
        assertThat(perSlash24.values()).containsExactlyInAnyOrder(500L, 500L);
        assertThat(set.identities().stream().map(SybilIdentity::address).collect(Collectors.toMap(Function.identity(), a -> 1)))
                .hasSize(1000);
    }
}
