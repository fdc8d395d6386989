package io.p2ptestbed.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.graph.RoutingGraph;
import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import io.p2ptestbed.harness.kademlia.KademliaWorkloads;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.metrics.TableStats;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {

    static List<LookupRequest> randomLookups(List<NodeHandle> live, int n, RandomGenerator rng) {
        List<LookupRequest> reqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            reqs.add(LookupRequest.findNode(live.get(rng.nextInt(live.size())), NodeId.random(rng)));
        }
        return reqs;
    }

    @Test
    void aConvergedNetworkOf500NodesFindsTheTrueClosestNodeForEveryLookup() {
        try (SimulatedRuntime rt = new SimulatedRuntime(Scenario.defaults("smoke", 500))) {
            rt.start();
            GroundTruth truth = rt.truth();
            List<LookupRequest> reqs = randomLookups(rt.liveNodes(), 500, new Seeds(7).stream("w"));
            LookupStats stats = KademliaWorkloads.evaluate(reqs, KademliaRuntime.of(rt).lookups(reqs), truth, 8);
            TableStats tables = TableStats.of(rt.liveNodes(), truth);
            System.out.println(stats + " | " + tables);
            assertThat(stats.successRate()).isEqualTo(1.0);
            assertThat(stats.meanHops()).isLessThanOrEqualTo(Math.log(500) / Math.log(2));
            assertThat(tables.missedBuckets()).isZero();
            assertThat(RoutingGraph.of(rt.liveNodes()).stronglyConnectedComponentCount()).isEqualTo(1);
        }
    }
}
