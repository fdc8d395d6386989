package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.runtime.BroadcastProbe;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Broadcast;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Gnutella on TCP streams in containers: each node process opens its own Netty TCP streams on its container's
 * address, and the docker runtime's partitions drop TCP segments as well as datagrams. A connection across a
 * partition carries nothing while it holds and is not torn down; after the heal, TCP's retransmissions deliver
 * what was sent during it over the same connection.
 */
class DockerStreamFaultsTest {

    @Test
    void aTcpConnectionIsCutByAPartitionAndCarriesItsFramesAgainAfterTheHeal() {
        DockerTestSupport.requireDockerOrSkip();
        Scenario s = Scenario.defaults("docker-gnutella-streams", 4).withRuntime(RuntimeKind.DOCKER).withSeed(41)
                .withProtocol("gnutella");
        DockerRuntime rt = new DockerRuntime(s);
        try {
            rt.start();
            assertThat(rt.node(0).control().capabilities(0)).contains("Broadcast");
            BroadcastProbe probe = rt.broadcastProbe();
            DockerNode a = rt.node(3);
            List<Contact> linked = a.routingContacts();
            assertThat(linked).as("node 3's Gnutella connections (TCP) after joining").isNotEmpty();
            Set<NodeId> peers = linked.stream().map(c -> rt.node(c.address()).id()).collect(Collectors.toSet());

            long before = a.control().publish(a.slot(), new byte[] {1});
            awaitDeliveries(probe, before, peers, 20_000);

            Map<String, Long> c0 = a.stats();
            List<DockerNode> others = rt.nodes().stream().filter(n -> n != a).toList();
            Runnable heal = rt.faults().partition(List.of(a), others);
            long during = a.control().publish(a.slot(), new byte[] {2});
            sleep(4_000);
            List<Broadcast.Delivery> cut = probe.deliveries(during);
            assertThat(cut).as("deliveries of a query sent over TCP into the partition").extracting(Broadcast.Delivery::at)
                    .containsOnly(a.id());
            Map<String, Long> c1 = a.stats();
            assertThat(c1.get("stream.framesSent")).as("frames node 3 queued on its connections during the partition")
                    .isGreaterThan(c0.get("stream.framesSent"));
            assertThat(a.routingContacts()).as("node 3's connections while partitioned: stalled, not torn down")
                    .containsExactlyInAnyOrderElementsOf(linked);

            heal.run();
            long t0 = System.nanoTime();
            awaitDeliveries(probe, during, peers, 60_000);
            System.out.printf("[docker-test] the query sent during the partition arrived %d ms after the heal%n",
                    (System.nanoTime() - t0) / 1_000_000);
            assertThat(a.routingContacts()).as("node 3's connections after the heal: the ones it had before")
                    .containsAll(linked);
            assertThat(a.stats().get("stream.resets")).as("connections of node 3 reset").isEqualTo(c0.get("stream.resets"));
            long after = a.control().publish(a.slot(), new byte[] {3});
            awaitDeliveries(probe, after, peers, 20_000);
        } finally {
            DockerTestSupport.closeAndAssertClean(rt);
        }
    }

    /** Waits until every node of {@code at} has delivered {@code id}; fails with what arrived. */
    private static void awaitDeliveries(BroadcastProbe probe, long id, Set<NodeId> at, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        Set<NodeId> got = Set.of();
        while (System.nanoTime() < deadline) {
            got = probe.deliveries(id).stream().map(Broadcast.Delivery::at).collect(Collectors.toSet());
            if (got.containsAll(at)) {
                return;
            }
            sleep(200);
        }
        assertThat(got).as("nodes that delivered message %016x within %d ms", id, millis).containsAll(at);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
