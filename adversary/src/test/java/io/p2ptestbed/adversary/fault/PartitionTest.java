package io.p2ptestbed.adversary.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionTest {

    private static List<NodeAddress> addresses(int n) {
        return IntStream.range(0, n).mapToObj(SimLab::honestAddress).toList();
    }

    @Test
    void aCompletePartitionDropsCrossTrafficAndHealingRestoresIt() {
        SimLab lab = new SimLab(3).grow(20, NodeConfig.defaults());
        List<NodeAddress> all = lab.nodes.stream().map(KademliaNode::address).toList();
        Nemesis nemesis = new Nemesis(lab.scheduler, FaultTarget.of(lab.network), null, lab.rng());
        KademliaNode left = lab.nodes.get(0);
        KademliaNode sameSide = lab.nodes.get(5);
        KademliaNode right = lab.nodes.get(15);

        lab.advance(1_000);
        ActiveFault cut = nemesis.invoke(Partition.halves(all));
        long cutAt = lab.scheduler.nowMillis();
        assertThat(lab.await(left.ping(right.address()), 10_000)).as("ping across the partition").isFalse();
        assertThat(lab.await(right.ping(left.address()), 10_000)).isFalse();
        assertThat(lab.await(left.ping(sameSide.address()), 10_000)).as("ping within a side").isTrue();

        lab.advance(5_000);
        nemesis.heal(cut);
        long healedAt = lab.scheduler.nowMillis();
        assertThat(lab.await(left.ping(right.address()), 10_000)).as("ping across the former partition").isTrue();
        assertThat(nemesis.timeline()).containsExactly(new FaultInterval("Partition", "partition complete 10|10", cutAt, healedAt));
        assertThat(nemesis.active()).isEmpty();
    }

    @Test
    void grudgesAreDirectionalPerReceiver() {
        List<NodeAddress> n = addresses(6);
        Partition p = Partition.complete(n.subList(0, 2), n.subList(2, 6));
        assertThat(p.blocks(n.get(0), n.get(3))).isTrue();
        assertThat(p.blocks(n.get(3), n.get(0))).isTrue();
        assertThat(p.blocks(n.get(0), n.get(1))).isFalse();
        assertThat(p.blocks(NodeAddress.parse("127.201.0.1:6881"), n.get(0))).as("outsiders are not partitioned").isFalse();
    }

    @Test
    void aBridgeNodeTalksToBothSides() {
        List<NodeAddress> n = addresses(5);
        Partition p = Partition.bridge(n);
        NodeAddress bridge = n.get(2);
        for (NodeAddress x : n) {
            assertThat(p.blocks(x, bridge)).isFalse();
            assertThat(p.blocks(bridge, x)).isFalse();
        }
        assertThat(p.blocks(n.get(0), n.get(4))).isTrue();
        assertThat(p.blocks(n.get(1), n.get(3))).isTrue();
    }

    @Test
    void inAMajoritiesRingEveryNodeSeesADifferentMajority() {
        List<NodeAddress> n = addresses(7);
        Partition p = Partition.majoritiesRing(n, new SplittableRandom(9));
        List<java.util.Set<NodeAddress>> views = n.stream()
                .map(me -> java.util.Set.copyOf(n.stream().filter(o -> !p.blocks(o, me)).toList())).toList();
        assertThat(views).allSatisfy(v -> assertThat(v.size()).isGreaterThanOrEqualTo(4));
        assertThat(views).doesNotHaveDuplicates();
        for (NodeAddress a : n) {
            for (NodeAddress b : n) {
                assertThat(p.blocks(a, b)).as("symmetric").isEqualTo(p.blocks(b, a));
            }
        }
    }

    @Test
    void isolateCutsOneNodeBothWays() {
        List<NodeAddress> n = addresses(4);
        Partition p = Partition.isolate(n.get(1), n);
        assertThat(p.blocks(n.get(1), n.get(0))).isTrue();
        assertThat(p.blocks(n.get(0), n.get(1))).isTrue();
        assertThat(p.blocks(n.get(0), n.get(2))).isFalse();
        assertThat(p.blocks(n.get(1), n.get(1))).isFalse();
    }
}
