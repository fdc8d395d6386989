package io.p2ptestbed.harness.docker;

import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.Runtimes;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The docker runtime end to end on a small network: routing through the control interface, churn, clean-up. */
class DockerRuntimeTest {

    @Test
    void aSmallNetworkRoutesCorrectlyChurnsAndLeavesNothingBehind() {
        DockerTestSupport.requireDockerOrSkip();
        Scenario s = Scenario.defaults("docker-smoke", 12).withRuntime(RuntimeKind.DOCKER).withSeed(3);
        String runId;
        try (DockerRuntime rt = (DockerRuntime) Runtimes.create(s)) {
            runId = rt.runId();
            long t0 = System.nanoTime();
            rt.start();
            System.out.printf("[docker-test] 12 containers up and joined in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(rt.liveNodes()).hasSize(12);
            assertThat(rt.network().isInternal()).isTrue();
            assertThat(rt.nodes()).extracting(n -> n.address().host()).doesNotHaveDuplicates();

            LookupStats stats = Workloads.randomLookups(rt, 60, new SplittableRandom(1));
            System.out.println("[docker-test] lookups: " + stats);
            assertThat(stats.successes()).as("%s", stats).isEqualTo(stats.count());

            NodeHandle n5 = rt.node(5);
            assertThat(n5.routingContacts()).isNotEmpty();
            assertThat(n5.stats()).containsKey("fault.rules");

            AnnounceResult a = KademliaRuntime.of(rt).announce(rt.node(2), NodeId.random(new SplittableRandom(2)), 51413);
            assertThat(a.acknowledged()).isPositive();
            LookupResult g = KademliaRuntime.of(rt).lookups(List.of(new LookupRequest(rt.node(9), a.lookup().target(), LookupKind.GET_PEERS))).get(0);
            assertThat(g.peers()).anyMatch(p -> p.port() == 51413);

            rt.kill(n5);
            assertThat(rt.liveNodes()).hasSize(11);
            assertThat(KademliaRuntime.of(rt).lookup(n5, NodeId.random(new SplittableRandom(4)))).isNull();
            rt.restart(n5);
            assertThat(n5.alive()).isTrue();
            assertThat(KademliaRuntime.of(rt).lookup(n5, rt.node(7).id()).closest().get(0).id()).isEqualTo(rt.node(7).id());

            NodeHandle joined = rt.join();
            assertThat(joined.index()).isEqualTo(12);
            assertThat(KademliaRuntime.of(rt).lookup(rt.node(1), joined.id()).closest().get(0).id()).isEqualTo(joined.id());
        }
        assertThat(DockerTestSupport.containersOf(runId)).isEmpty();
        assertThat(DockerTestSupport.networksOf(runId)).isEmpty();
    }
}
