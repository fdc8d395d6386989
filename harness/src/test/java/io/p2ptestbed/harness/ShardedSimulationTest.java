package io.p2ptestbed.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.graph.RoutingGraph;
import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import io.p2ptestbed.harness.kademlia.KademliaWorkloads;
import io.p2ptestbed.harness.kademlia.LocalKademlia;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.metrics.TableStats;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulated runtime on several threads: shards advancing in windows of the minimum latency. The
 * timeout guards against a hang (threads waiting for each other), not a speed.
 */
@Timeout(120)
class ShardedSimulationTest {

    /** What a run computed: its event count, datagrams, every lookup result and every routing table. */
    private static List<String> run(long seed, int threads, int nodes) {
        Scenario s = Scenario.defaults("sharded", nodes).withSeed(seed);
        try (SimulatedRuntime rt = new SimulatedRuntime(s, threads)) {
            rt.start();
            List<LookupRequest> reqs = SimulatedNetworkTest.randomLookups(rt.liveNodes(), 300, new Seeds(seed).stream("w"));
            List<LookupResult> results = KademliaRuntime.of(rt).lookups(reqs);
            NodeHandle victim = rt.liveNodes().get(17);
            rt.kill(victim);
            rt.advance(5_000);
            rt.restart(victim);
            rt.join();
            List<String> out = new ArrayList<>();
            out.add("t=" + rt.nowMillis() + " events=" + rt.executedEvents() + " sent=" + rt.network().sentDatagrams()
                    + " delivered=" + rt.network().deliveredDatagrams() + " dropped=" + rt.network().droppedDatagrams());
            for (LookupResult r : results) {
                out.add(r.target() + " " + r.closest() + " hops=" + r.hops() + " q=" + r.queries() + " at " + r.endMillis());
            }
            for (NodeHandle n : rt.liveNodes()) {
                out.add(n.id() + " " + LocalKademlia.onNode(rt, (io.p2ptestbed.harness.runtime.LocalNode) n, k -> k.table().contacts()));
            }
            return out;
        }
    }

    @Test
    void aShardedRun_shouldBeTheSameOnAnyNumberOfThreadsAndChangeWithTheSeed() {
        List<String> two = run(5, 2, 400);
        assertThat(run(5, 2, 400)).isEqualTo(two);
        assertThat(run(5, 3, 400)).isEqualTo(two);
        assertThat(run(6, 2, 400)).isNotEqualTo(two);
    }

    @Test
    void aShardedNetworkOf2000Nodes_shouldConvergeAndFindTheTrueClosestNodeForEveryLookup() {
        try (SimulatedRuntime rt = new SimulatedRuntime(Scenario.defaults("sharded", 2_000), 2)) {
            rt.start();
            GroundTruth truth = rt.truth();
            List<LookupRequest> reqs = SimulatedNetworkTest.randomLookups(rt.liveNodes(), 1_000, new Seeds(3).stream("w"));
            LookupStats stats = KademliaWorkloads.evaluate(reqs, KademliaRuntime.of(rt).lookups(reqs), truth, 8);
            TableStats tables = TableStats.of(rt.liveNodes(), truth);
            assertThat(stats.successRate()).isEqualTo(1.0);
            assertThat(stats.recall()).isEqualTo(1.0);
            assertThat(stats.meanHops()).isLessThanOrEqualTo(Math.log(2_000) / Math.log(2));
            assertThat(tables.missedBuckets()).isZero();
            assertThat(RoutingGraph.of(rt.liveNodes()).stronglyConnectedComponentCount()).isEqualTo(1);
            assertThat(rt.network().sentDatagrams()).isEqualTo(rt.network().deliveredDatagrams());
        }
    }

    @Test
    void whatNeedsOneEventLoop_shouldBeRefusedWithAReason() {
        Scenario s = Scenario.defaults("sharded", 50);
        try (SimulatedRuntime rt = new SimulatedRuntime(s, 2)) {
            assertThatThrownBy(rt::scheduler).hasMessageContaining("2 threads").hasMessageContaining("attacks, faults");
            assertThatThrownBy(() -> LocalKademlia.addNodeSetup(rt, KademliaNode::id)).hasMessageContaining("defences");
            assertThatThrownBy(() -> rt.network().addFilter((from, to, rng) -> LinkEffect.NONE))
                    .hasMessageContaining("single-shard");
        }
        assertThatThrownBy(() -> new SimulatedRuntime(s.withLatency(0, 50), 2)).hasMessageContaining("minimum latency");
        assertThatThrownBy(() -> new SimulatedRuntime(s, 0)).hasMessageContaining("threads");
    }

    @Test
    void anExceptionInAShard_shouldReachTheCaller() {
        try (SimulatedRuntime rt = new SimulatedRuntime(Scenario.defaults("sharded", 20), 2)) {
            rt.start();
            KademliaNode n = LocalKademlia.node(rt.liveNodes().get(5));
            n.scheduler().schedule(10, () -> {
                throw new IllegalStateException("boom on a shard");
            });
            assertThatThrownBy(() -> rt.advance(1_000)).hasMessageContaining("boom on a shard");
        }
    }
}
