package io.p2ptestbed.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.netty.NettyUdpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Chord on real UDP: 50 Netty nodes on 127.50.0.x (port TESTBED_LAB_PORT, default 7301) form a correct ring
 * and route every key to its successor. {@code -Dchord.loopback.repeat=10} runs it ten times in a row.
 */
class ChordLoopbackTest {

    static final int NODES = 50;
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_LAB_PORT", "7301"));

    @Test
    void fiftyNodesOnLoopback_shouldFormARingAndRouteToSuccessors() throws Exception {
        int repeat = Integer.getInteger("chord.loopback.repeat", 1);
        int passed = 0;
        for (int run = 0; run < repeat; run++) {
            runOnce(run);
            passed++;
        }
        System.out.println("chord loopback: " + passed + " of " + repeat + " runs passed");
    }

    private static <T> T on(OverlayNode n, Supplier<T> what) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        n.scheduler().execute(() -> f.complete(what.get()));
        return f.get(10, TimeUnit.SECONDS);
    }

    private void runOnce(int run) throws Exception {
        OverlayProtocol chord = Protocols.get("chord");
        ProtocolParams params = chord.params(Map.of("stabilizeMillis", "200", "fixFingersMillis", "100",
                "checkPredecessorMillis", "500", "queryTimeoutMillis", "500"));
        NioEventLoopGroup group = new NioEventLoopGroup(2);
        List<OverlayNode> nodes = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(100 + run);
        try {
            for (int i = 0; i < NODES; i++) {
                NettyUdpTransport t = NettyUdpTransport.bind(group, NodeAddress.of(127, 50, 0, i + 1, PORT));
                OverlayNode n = chord.create(new NodeContext(NodeId.random(rng), t, t.scheduler(), rng.split(), params));
                nodes.add(n);
                on(n, () -> {
                    n.start();
                    return null;
                });
            }
            on(nodes.get(0), () -> nodes.get(0).join(List.of()));
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            for (int i = 1; i < NODES; i++) {
                OverlayNode n = nodes.get(i);
                NodeAddress seed = nodes.get(rng.nextInt(i)).address();
                joins.add(on(n, () -> n.join(List.of(seed))));
                Thread.sleep(20);
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            ChordRing truth = ChordRing.of(nodes.stream().map(OverlayNode::id).toList());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int wrong;
            do {
                Thread.sleep(250);
                wrong = 0;
                for (OverlayNode n : nodes) {
                    ChordView v = ChordSim.view(n);
                    boolean ok = on(n, () -> !v.successors().isEmpty() && v.predecessor() != null
                            && v.successors().get(0).id().equals(truth.successorOfNode(n.id()))
                            && v.predecessor().id().equals(truth.predecessorOf(n.id())));
                    wrong += ok ? 0 : 1;
                }
            } while (wrong > 0 && System.nanoTime() < deadline);
            assertThat(wrong).as("run %d: nodes with a wrong successor or predecessor", run).isZero();
            List<CompletableFuture<RouteResult>> routes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                OverlayNode from = nodes.get(rng.nextInt(NODES));
                NodeId key = NodeId.random(rng);
                routes.add(on(from, () -> from.require(KeyRouting.class, "lookup").route(key)));
            }
            CompletableFuture.allOf(routes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (CompletableFuture<RouteResult> f : routes) {
                RouteResult r = f.join();
                assertThat(r.found()).isTrue();
                assertThat(r.owner().id()).as("run %d: owner of %s", run, r.key()).isEqualTo(truth.successorOf(r.key()));
            }
        } finally {
            for (OverlayNode n : nodes) {
                on(n, () -> {
                    n.stop();
                    return null;
                });
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
