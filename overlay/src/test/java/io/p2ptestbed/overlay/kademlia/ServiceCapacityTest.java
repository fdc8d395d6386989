package io.p2ptestbed.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.InboundGuard.Verdict;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ServiceCapacityTest {

    private final KrpcQuery ping = new KrpcQuery.Ping(new byte[] {1}, NodeId.random(new SplittableRandom(3)));
    private final NodeAddress from = NodeAddress.parse("127.1.0.1:6881");

    @Test
    void servesTheBudgetOfEachWindowAndShedsTheRest() {
        ServiceCapacity c = new ServiceCapacity(1000, 100);
        int served = 0;
        for (int i = 0; i < 250; i++) {
            served += c.admit(from, ping, 5_000) == Verdict.ALLOW ? 1 : 0;
        }
        assertThat(served).isEqualTo(100);
        assertThat(c.admit(from, ping, 5_099)).isEqualTo(Verdict.DROP);
        assertThat(c.admit(from, ping, 5_100)).as("a new window").isEqualTo(Verdict.ALLOW);
        assertThat(c.served()).isEqualTo(101);
        assertThat(c.shed()).isEqualTo(151);
    }

    @Test
    void aSteadyLoadBelowCapacityIsNeverShed() {
        ServiceCapacity c = new ServiceCapacity(1000, 100);
        for (long t = 0; t < 10_000; t += 2) {
            assertThat(c.admit(from, ping, t)).isEqualTo(Verdict.ALLOW);
        }
    }
}
