package io.p2ptestbed.harness.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.p2ptestbed.harness.docker.DockerAvailability;
import io.p2ptestbed.harness.docker.DockerLabels;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The swarm runtime end to end on this engine's swarm: 7 nodes in services of 3 tasks (so three services, one
 * with the bootstrap node alone), every route reaches the true closest node through the relay, a partition
 * through the control interface stops pings across and its heal restores them, and close leaves no service,
 * network or container of the run. Skipped without a swarm unless TESTBED_REQUIRE_DOCKER=1.
 *
 * <p>Opt-in ({@code -Dtestbed.swarm.tests=true}; about 40 s): {@code mvn verify} runs the 50-node {@code @swarm}
 * scenario, which covers the same path (services, relay, partition, clean-up), and CI time is short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmRuntimeTest {

    private SwarmRuntime rt;

    @BeforeAll
    void start() {
        assumeTrue(Boolean.getBoolean("testbed.swarm.tests"), "opt-in: -Dtestbed.swarm.tests=true (the @swarm scenario "
                + "covers the swarm runtime in mvn verify)");
        SwarmAvailability.Status s = SwarmAvailability.check();
        if (DockerAvailability.required()) {
            s.orThrow();
        }
        assumeTrue(s.available(), s.message());
        rt = new SwarmRuntime(Scenario.defaults("swarm-test", 7).withRuntime(RuntimeKind.SWARM).withSeed(5),
                io.p2ptestbed.harness.docker.DockerOptions.defaults(), 3);
        rt.start();
    }

    @AfterAll
    void stop() {
        if (rt != null) {
            String run = rt.runId();
            rt.close();
            for (List<String> ls : List.of(List.of("service", "ls", "-q"), List.of("network", "ls", "-q"),
                    List.of("ps", "-aq"), List.of("config", "ls", "-q"), List.of("secret", "ls", "-q"))) {
                List<String> cmd = new ArrayList<>(ls);
                cmd.addAll(List.of("--filter", "label=" + DockerLabels.RUN + "=" + run));
                assertThat(DockerCli.run(cmd)).as("docker %s of run %s", ls, run).isEmpty();
            }
        }
    }

    @Test
    void servicesWithReplicasOnAnInternalAttachableOverlayNetwork() {
        assertThat(rt.groups()).extracting(SwarmRuntime.Group::replicas).containsExactly(1, 3, 3);
        assertThat(rt.nodes()).hasSize(7).allMatch(n -> n.alive());
        String net = DockerCli.run("network", "inspect", "--format",
                "{{.Driver}} {{.Internal}} {{.Attachable}} {{index .Labels \"io.p2ptestbed.swarm\"}}", rt.network());
        assertThat(net).isEqualTo("overlay true true 1");
        for (int i = 0; i < rt.nodes().size(); i++) {
            assertThat(rt.node(i).index()).isEqualTo(i);
        }
    }

    @Test
    void everyRouteReachesTheTrueClosestNodeThroughTheRelay() {
        SplittableRandom r = new SplittableRandom(3);
        List<RouteRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            reqs.add(new RouteRequest(rt.node(i % 7), NodeId.random(r)));
        }
        List<RouteResult> res = rt.routes(reqs);
        GroundTruth truth = rt.truth();
        for (int i = 0; i < reqs.size(); i++) {
            RouteResult route = res.get(i);
            assertThat(route).as("route %d", i).isNotNull();
            NodeId origin = reqs.get(i).from().id();
            // a Kademlia node never returns itself: the truth is the closest live node other than the origin
            NodeId expected = truth.closest(route.key(), 2).stream().filter(id -> !id.equals(origin)).findFirst().orElseThrow();
            assertThat(route.owner().id()).as("route %d", i).isEqualTo(expected);
        }
    }

    @Test
    void aPartitionThroughTheControlInterfaceStopsPingsAcrossAndHeals() {
        Runnable heal = rt.faults().install(io.p2ptestbed.adversary.fault.Partition.complete(
                rt.nodes().subList(0, 3).stream().map(n -> n.address()).toList(),
                rt.nodes().subList(3, 7).stream().map(n -> n.address()).toList()));
        assertThat(ping(0, 4)).as("across").isEqualTo(-1);
        assertThat(ping(6, 1)).as("across, the other way").isEqualTo(-1);
        assertThat(ping(0, 2)).as("within a side").isNotNegative();
        assertThat(ping(3, 6)).as("within the other side").isNotNegative();
        heal.run();
        assertThat(ping(0, 4)).as("across after the heal").isNotNegative();
        assertThat(ping(6, 1)).isNotNegative();
    }

    private long ping(int from, int to) {
        return rt.node(from).control().pingMillis(rt.node(from).slot(), rt.node(to).address());
    }
}
