package io.p2ptestbed.harness.superpeer;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A super-peer network whose nodes all join at the same moment, as containers do: the seed knows few super-peers when
 * the others ask it, so without the refresh lists the super-peers' mesh is a star and the leaves crowd the first
 * super-peers they hear of. After one refresh (30 s) every super-peer links to as many as it wants, and the leaves
 * of a crowded parent have spread.
 */
class SuperPeerAtOnceTest {

    @Test
    void superPeersFillTheirMeshAndLeavesSpread_afterOneRefresh() {
        Scenario s = Scenario.defaults("superpeer", 40).withProtocol("superpeer").withSeed(1442).withJoinSpacing(0);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            rt.advance(35_000);
            List<LocalNode> sps = SuperPeerService.superPeers(rt);
            assertThat(sps.size()).as("super-peers of 40 nodes").isGreaterThanOrEqualTo(5);
            for (LocalNode n : sps) {
                assertThat(n.stats().get("superLinks")).as("super-peer links of %s", n.address())
                        .isGreaterThanOrEqualTo(Math.min(4L, sps.size() - 1L));
            }
            Map<NodeAddress, Integer> leaves = new TreeMap<>(java.util.Comparator.comparing(NodeAddress::toString));
            SuperPeerService.parents(rt).values().forEach(l -> l.forEach(a -> leaves.merge(a, 1, Integer::sum)));
            int all = leaves.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(leaves.values().stream().mapToInt(Integer::intValue).max().orElse(0))
                    .as("leaves per super-peer %s: none holds more than a third of the %d", leaves, all)
                    .isLessThanOrEqualTo(all / 3);
            long swapped = rt.liveNodes().stream().mapToLong(n -> n.stats().getOrDefault("parents.swapped", 0L)).sum();
            assertThat(swapped).as("leaves that moved to a less crowded super-peer").isPositive();
        }
    }
}
