package io.p2ptestbed.harness.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.fault.Loss;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.FaultRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The swarm runtime's parts that need no engine: the no-swarm messages, and faults as senders' transport rules. */
class SwarmUnitTest {

    private static NodeAddress a(int i) {
        return NodeAddress.of(10, 200, 0, i, 6881);
    }

    @Test
    void withoutASwarmTheMessageNamesSwarmInit() {
        SwarmAvailability.Status inactive = SwarmAvailability.ofSwarmState("inactive false");
        assertThat(inactive.available()).isFalse();
        assertThat(inactive.message()).contains("'inactive'", "docker swarm init --advertise-addr 127.0.0.1");
        SwarmAvailability.Status worker = SwarmAvailability.ofSwarmState("active false");
        assertThat(worker.available()).isFalse();
        assertThat(worker.message()).contains("worker", "manager");
        assertThat(SwarmAvailability.ofSwarmState("active true\n").available()).isTrue();
    }

    @Test
    void aPartitionDropsAtEachSenderWhatItsReceiversHoldAGrudgeAgainst() {
        Partition p = Partition.complete(List.of(a(1), a(2)), List.of(a(3), a(4), a(5)));
        FaultRule r1 = SwarmFaults.rule(p, a(1));
        assertThat(r1.loss()).isEqualTo(1.0);
        assertThat(r1.peers()).isEqualTo(Set.of(a(3), a(4), a(5)));
        assertThat(SwarmFaults.rule(p, a(4)).peers()).isEqualTo(Set.of(a(1), a(2)));
        assertThat(SwarmFaults.rule(p, NodeAddress.of(10, 200, 9, 9, 6881))).as("not in the grudge").isNull();
        // a one-way grudge: 3 drops what 1 sends, 1 still hears 3
        Partition oneWay = new Partition("one-way", java.util.Map.of(a(3), Set.of(a(1))));
        assertThat(SwarmFaults.rule(oneWay, a(1)).peers()).containsExactly(a(3));
        assertThat(SwarmFaults.rule(oneWay, a(3))).isNull();
    }

    @Test
    void lossTouchesEveryLinkOfItsScope() {
        Loss scoped = new Loss(0.3, Set.of(a(1)));
        assertThat(SwarmFaults.rule(scoped, a(1)).peers()).as("a sender in the scope: everything").isEmpty();
        assertThat(SwarmFaults.rule(scoped, a(2)).peers()).as("others: towards the scope").containsExactly(a(1));
        assertThat(SwarmFaults.rule(scoped, a(2)).loss()).isEqualTo(0.3);
        assertThat(SwarmFaults.rule(new Loss(0.5, Set.of()), a(2)).peers()).isEmpty();
    }
}
