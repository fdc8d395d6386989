package io.p2ptestbed.harness.docker;

import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.harness.truth.RingCheck;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import io.p2ptestbed.overlay.spi.ValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The docker runtime through the protocol-neutral path: the scenario's protocol and parameters go to every
 * container ({@code --protocol}, {@code --param}), routes go through {@code POST /v1/routes}, neighbours and
 * counters through their neutral endpoints, and ground truth uses the scenario's key space.
 */
class DockerProtocolTest {

    /** {@code count} routes from random live nodes to random keys. */
    static List<RouteRequest> randomRoutes(List<NodeHandle> live, int count, SplittableRandom rng) {
        List<RouteRequest> reqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reqs.add(new RouteRequest(live.get(rng.nextInt(live.size())), NodeId.random(rng)));
        }
        return reqs;
    }

    @Test
    void kademliaThroughTheNeutralPath_routesReachTheTrueClosestNode() {
        DockerTestSupport.requireDockerOrSkip();
        Scenario s = Scenario.defaults("docker-neutral-kademlia", 8).withRuntime(RuntimeKind.DOCKER).withSeed(11)
                .withProtocol("kademlia").withParams(Map.of("k", "6", "queryTimeoutMillis", "2500"));
        DockerRuntime rt = new DockerRuntime(s);
        try {
            long t0 = System.nanoTime();
            rt.start();
            System.out.printf("[docker-test] 8 kademlia containers (neutral path) up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(NodeLauncher.protocolArgs(s)).containsExactly("--protocol", "kademlia", "--param", "k=6",
                    "--param", "queryTimeoutMillis=2500");
            assertThat(rt.keySpace()).isSameAs(KeySpaces.XOR);
            assertThat(rt.node(0).control().protocol(0)).isEqualTo("kademlia");
            assertThat(rt.node(0).control().capabilities(0)).contains("KeyRouting");

            List<RouteRequest> reqs = randomRoutes(rt.liveNodes(), 40, new SplittableRandom(5));
            long t1 = System.nanoTime();
            List<RouteResult> results = rt.routes(reqs);
            System.out.printf("[docker-test] 40 routes in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
            GroundTruth truth = rt.truth();
            for (int i = 0; i < reqs.size(); i++) {
                RouteResult r = results.get(i);
                assertThat(r).as("route %d", i).isNotNull();
                NodeId origin = reqs.get(i).from().id();
                // a Kademlia node never returns itself: the truth is the closest live node other than the origin
                NodeId expected = truth.closest(r.key(), 2).stream().filter(id -> !id.equals(origin)).findFirst().orElseThrow();
                assertThat(r.owner().id()).as("route %d to %s", i, r.key().shortHex()).isEqualTo(expected);
            }
            LookupStats stats = LookupStats.evaluateRoutes(reqs, results, truth, 6);
            System.out.println("[docker-test] neutral kademlia routes: " + stats);
            assertThat(stats.successes()).isEqualTo(stats.count());

            NodeHandle n3 = rt.node(3);
            assertThat(n3.routingContacts()).isNotEmpty()
                    .isEqualTo(io.p2ptestbed.harness.kademlia.DockerKademlia.table(rt.node(3).control(), 0)); // Kademlia: neighbours are the routing table
            assertThat(n3.stats()).containsKeys("fault.rules", "queries_served");
            assertThat(n3.ring()).isEmpty();
        } finally {
            DockerTestSupport.closeAndAssertClean(rt);
        }
    }

    /**
     * Chord in 12 containers: every route from a random live node ends on the live successor of its key
     * (ground truth in the clockwise key space). Skipped until the chord overlay is on the classpath.
     */
    @Test
    void chordInContainers_everyRouteReachesTheLiveSuccessorOfItsKey() throws Exception {
        assumeTrue(Protocols.names().contains("chord"), "the chord overlay is not registered on this branch");
        DockerTestSupport.requireDockerOrSkip();
        int nodes = Integer.getInteger("testbed.docker.chordNodes", 12);
        Scenario s = Scenario.defaults("docker-chord", nodes).withRuntime(RuntimeKind.DOCKER).withSeed(21)
                .withProtocol("chord");
        DockerRuntime rt = new DockerRuntime(s);
        try {
            long t0 = System.nanoTime();
            rt.start();
            long up = (System.nanoTime() - t0) / 1_000_000;
            assertThat(rt.keySpace()).isSameAs(KeySpaces.CLOCKWISE);
            assertThat(rt.node(0).control().protocol(0)).isEqualTo("chord");
            assertThatThrownBy(() -> KademliaRuntime.of(rt).lookup(rt.node(1), NodeId.random(new SplittableRandom(1))))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("the chord overlay does not support");
            assertThatThrownBy(() -> rt.setDefences("eviction(ping=false)"))
                    .hasMessageContaining("for the chord overlay, which takes the neutral defences");

            // stabilisation: until every node's first successor is the next live id (with a ring view), else
            // until a probe batch of routes all end at the live successor
            long t1 = System.nanoTime();
            boolean ringView = rt.node(0).ring().isPresent();
            boolean settled = false;
            String last = "";
            int probes = 0;
            while (!settled && System.nanoTime() - t1 < 90_000_000_000L) {
                if (ringView) {
                    RingCheck ring = RingCheck.of(rt.liveNodes());
                    settled = ring.successorsCorrect();
                    last = ring.toString();
                } else {
                    // a route to a node's own id ends there only if its predecessor's successor pointer is right:
                    // one route per live node checks every successor pointer, as the ring check would
                    List<NodeHandle> live = rt.liveNodes();
                    SplittableRandom from = new SplittableRandom(100 + probes++);
                    List<RouteRequest> probe = live.stream()
                            .map(n -> new RouteRequest(live.get(from.nextInt(live.size())), n.id())).toList();
                    int good = atSuccessor(probe, rt.routes(probe), rt.truth(), null);
                    settled = good == probe.size();
                    last = good + "/" + probe.size() + " routes to the nodes' own ids reach them";
                }
                if (!settled) {
                    Thread.sleep(500);
                }
            }
            long stabilised = (System.nanoTime() - t1) / 1_000_000;
            assertThat(settled).as("ring stabilised within 90 s; last: %s", last).isTrue();

            NodeId probeKey = NodeId.random(new SplittableRandom(3));
            RouteResult single = rt.await(rt.routeAsync(rt.node(6), probeKey), 30_000);
            assertThat(single.owner().id()).isEqualTo(rt.truth().owner(probeKey));

            List<RouteRequest> reqs = randomRoutes(rt.liveNodes(), 60, new SplittableRandom(7));
            long t2 = System.nanoTime();
            List<RouteResult> results = rt.routes(reqs);
            long routed = (System.nanoTime() - t2) / 1_000_000;
            GroundTruth truth = GroundTruth.of(rt.liveNodes(), KeySpaces.CLOCKWISE);
            List<String> wrong = new ArrayList<>();
            int ok = atSuccessor(reqs, results, truth, wrong);
            LookupStats stats = LookupStats.evaluateRoutes(reqs, results, truth, 1);
            System.out.printf("[docker-test] chord: %d containers up in %d ms, ring stable after %d ms (%s), 60 routes in"
                    + " %d ms, %d/60 at the live successor; %s%n", nodes, up, stabilised,
                    ringView ? "ring view" : "probe routes", routed, ok, stats);
            assertThat(ok).as("routes at the key's live successor; wrong: %s", wrong).isEqualTo(reqs.size());

            if (rt.node(0).control().capabilities(0).contains("ValueStore")) {
                NodeId key = NodeId.random(new SplittableRandom(8));
                ValueStore.PutResult put = rt.await(rt.putAsync(rt.node(2), key, new byte[] {1, 2, 3}), 30_000);
                assertThat(put).isNotNull();
                assertThat(put.stored()).as("%s", put).isTrue();
                ValueStore.GetResult got = rt.node(9).control().get(0, key);
                assertThat(got.found()).as("%s", got).isTrue();
                assertThat(got.value()).containsExactly(1, 2, 3);
                System.out.println("[docker-test] chord put on node 2, get on node 9: found after " + got.hops() + " hops");
            }

            // the neutral defences, switched on through the control interface of every container
            rt.setDefences("rate-limit(ip=1000,burst=2000)");
            assertThat(rt.node(5).stats()).containsKey("rate_limit.admitted");
            assertThatThrownBy(() -> rt.setDefences("ip-diversity")).isInstanceOf(ControlClient.ControlException.class)
                    .hasMessageContaining("cannot be removed from a running chord node");

            NodeHandle n4 = rt.node(4);
            assertThat(n4.routingContacts()).isNotEmpty();
            assertThat(n4.stats()).containsKey("fault.rules");
            assertThat(n4.ring().isPresent()).isEqualTo(ringView);
        } finally {
            DockerTestSupport.closeAndAssertClean(rt);
        }
    }

    /** How many routes ended at their key's live successor (the owner in the clockwise key space). */
    private static int atSuccessor(List<RouteRequest> reqs, List<RouteResult> results, GroundTruth truth, List<String> wrong) {
        int ok = 0;
        for (int i = 0; i < reqs.size(); i++) {
            RouteResult r = results.get(i);
            NodeId owner = truth.owner(reqs.get(i).key());
            if (r != null && r.found() && r.owner().id().equals(owner)) {
                ok++;
            } else if (wrong != null && wrong.size() < 5) {
                wrong.add(reqs.get(i).key().shortHex() + " -> " + (r == null ? "no answer" : r.found()
                        ? r.owner().id().shortHex() : "not found") + ", true owner " + owner.shortHex());
            }
        }
        return ok;
    }
}
