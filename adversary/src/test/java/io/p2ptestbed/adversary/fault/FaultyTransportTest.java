package io.p2ptestbed.adversary.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.netty.NettyUdpTransport;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultyTransportTest {

    private final VirtualScheduler sched = new VirtualScheduler();
    private final SimNetwork net = new SimNetwork(sched, new SplittableRandom(1), LatencyModel.constant(10), 0);
    private final FaultPlane plane = new FaultPlane();
    private final NodeAddress a = NodeAddress.parse("127.1.0.1:6881");
    private final NodeAddress b = NodeAddress.parse("127.2.0.1:6881");
    private final List<Long> arrivals = new ArrayList<>();

    private Transport receiverAt(NodeAddress addr, boolean decorated) {
        Transport t = decorated ? plane.decorate(net.open(addr), sched, new SplittableRandom(2)) : net.open(addr);
        t.setHandler((from, data) -> arrivals.add(sched.nowMillis()));
        return t;
    }

    @Test
    void lossDropsAndHealingRestores() {
        Transport ta = plane.decorate(net.open(a), sched, new SplittableRandom(3));
        receiverAt(b, true);
        Runnable heal = plane.install(Loss.everywhere(1.0));
        ta.send(b, new byte[] {1});
        sched.advance(100);
        assertThat(arrivals).isEmpty();
        assertThat(((FaultyTransport) ta).droppedDatagrams()).isEqualTo(1);
        heal.run();
        ta.send(b, new byte[] {1});
        sched.advance(100);
        assertThat(arrivals).hasSize(1);
    }

    @Test
    void delayAddsToTheLinkLatencyWithoutSleeping() {
        Transport ta = plane.decorate(net.open(a), sched, new SplittableRandom(3));
        receiverAt(b, true);
        plane.install(Delay.everywhere(200, 0));
        ta.send(b, new byte[] {1});
        sched.advance(1_000);
        assertThat(arrivals).containsExactly(210L);
    }

    @Test
    void duplicationDeliversTwoCopies() {
        Transport ta = plane.decorate(net.open(a), sched, new SplittableRandom(3));
        receiverAt(b, true);
        plane.install(Duplicate.everywhere(1.0));
        ta.send(b, new byte[] {1});
        sched.advance(100);
        assertThat(arrivals).hasSize(2);
    }

    @Test
    void reorderingLetsLaterDatagramsOvertake() {
        Transport ta = plane.decorate(net.open(a), sched, new SplittableRandom(3));
        List<Integer> order = new ArrayList<>();
        plane.decorate(net.open(b), sched, new SplittableRandom(4)).setHandler((from, data) -> order.add((int) data[0]));
        plane.install(Reorder.everywhere(0.5, 500));
        for (int i = 0; i < 50; i++) {
            ta.send(b, new byte[] {(byte) i});
        }
        sched.advance(1_000);
        assertThat(order).hasSize(50).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(order).isNotEqualTo(java.util.stream.IntStream.range(0, 50).boxed().toList());
    }

    @Test
    void trafficFromAnUndecoratedSenderIsJudgedOnceAtTheReceiver() {
        Transport plain = net.open(a);
        receiverAt(b, true);
        plane.install(Partition.complete(List.of(a), List.of(b)));
        plain.send(b, new byte[] {1});
        sched.advance(100);
        assertThat(arrivals).isEmpty();
    }

    @Test
    void scopedFaultsLeaveOtherLinksAlone() {
        Transport ta = plane.decorate(net.open(a), sched, new SplittableRandom(3));
        receiverAt(b, true);
        plane.install(new Loss(1.0, Set.of(NodeAddress.parse("127.3.0.1:6881"))));
        ta.send(b, new byte[] {1});
        sched.advance(100);
        assertThat(arrivals).hasSize(1);
    }

    @Test
    void aPartitionOnRealLoopbackSocketsBlocksPingsUntilHealed() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(2);
        try {
            NodeConfig cfg = NodeConfig.defaults().withQueryTimeoutMillis(300);
            NettyUdpTransport ra = NettyUdpTransport.bind(group, NodeAddress.parse("127.0.0.1:0"));
            NettyUdpTransport rb = NettyUdpTransport.bind(group, NodeAddress.parse("127.0.0.1:0"));
            FaultPlane real = new FaultPlane();
            KademliaNode na = new KademliaNode(NodeId.random(new SplittableRandom(5)), cfg,
                    real.decorate(ra, ra.scheduler(), new SplittableRandom(6)), ra.scheduler(), new SplittableRandom(7));
            KademliaNode nb = new KademliaNode(NodeId.random(new SplittableRandom(8)), cfg,
                    real.decorate(rb, rb.scheduler(), new SplittableRandom(9)), rb.scheduler(), new SplittableRandom(10));
            na.start();
            nb.start();
            assertThat(na.ping(nb.address()).get(5, TimeUnit.SECONDS)).isTrue();

            Runnable heal = real.install(Partition.complete(List.of(na.address()), List.of(nb.address())));
            assertThat(na.ping(nb.address()).get(5, TimeUnit.SECONDS)).as("ping across the partition").isFalse();
            assertThat(nb.ping(na.address()).get(5, TimeUnit.SECONDS)).isFalse();

            heal.run();
            assertThat(na.ping(nb.address()).get(5, TimeUnit.SECONDS)).as("ping after heal").isTrue();

            real.install(Delay.everywhere(100, 0));
            long t0 = System.nanoTime();
            assertThat(na.ping(nb.address()).get(5, TimeUnit.SECONDS)).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).as("two delayed legs").isGreaterThanOrEqualTo(190);
            na.stop();
            nb.stop();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
