package io.p2ptestbed.overlay.gnutella;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.transport.netty.NettyTcpStreams;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Gnutella on real TCP: 40 nodes on their own 127.0.x.y addresses, one flood, every node reached once, hits back. */
class GnutellaLoopbackTest {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_LAB_7431", "7431"));

    @Test
    void aFloodOverRealTcpReachesEveryNodeAndHitsComeBack() throws Exception {
        int n = 40;
        NioEventLoopGroup group = new NioEventLoopGroup(2);
        List<GnutellaNode> nodes = new ArrayList<>();
        try {
            ProtocolParams params = Protocols.get("gnutella").params(Map.of("degree", "4"));
            SplittableRandom rng = new SplittableRandom(5);
            for (int i = 0; i < n; i++) {
                NodeAddress a = NodeAddress.of(127, 0, 32, i + 1, PORT);
                EventLoop loop = group.next();
                NettyTcpStreams streams = NettyTcpStreams.bind(loop, a, StreamLimits.DEFAULT, NettyTcpStreams.LOOPBACK);
                GnutellaNode node = (GnutellaNode) Protocols.get("gnutella").create(new NodeContext(ChordIds.forAddress(a),
                        null, streams.scheduler(), rng.split(), params, streams));
                CompletableFuture.runAsync(node::start, loop).get(5, TimeUnit.SECONDS);
                nodes.add(node);
            }
            for (int i = 1; i < n; i++) {
                nodes.get(i).join(List.of(nodes.get(0).address())).get(10, TimeUnit.SECONDS);
            }
            Thread.sleep(1_000);
            Map<Object, Integer> reached = new ConcurrentHashMap<>();
            for (GnutellaNode node : nodes) {
                CompletableFuture.runAsync(() -> node.addDeliveryListener(d -> reached.merge(d.at(), 1, Integer::sum)),
                        node.scheduler()::execute).get(5, TimeUnit.SECONDS);
            }
            GnutellaNode querier = nodes.get(17);
            List<GnutellaSearch.Hit> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
            String wanted = nodes.get(3).files().get(0).replace(".dat", "");
            long holders = nodes.stream().filter(x -> x != querier && x.files().stream().anyMatch(f -> f.contains(wanted))).count();
            CompletableFuture.runAsync(() -> {
                querier.addHitListener(hits::add);
                querier.query(wanted, 7);
            }, querier.scheduler()::execute).get(5, TimeUnit.SECONDS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((reached.size() < n || hits.size() < holders) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(n, reached.size(), "every node delivered the query");
            assertTrue(reached.values().stream().allMatch(c -> c == 1), "once each");
            assertEquals(holders, hits.size(), "every holder's hit came back over TCP");
            assertTrue(nodes.stream().allMatch(x -> x.degree() >= 1));
            long bad = nodes.stream().mapToLong(x -> x.counters().get("malformed") + x.counters().get("stream.handlerErrors")).sum();
            assertEquals(0, bad);
        } finally {
            for (GnutellaNode node : nodes) {
                CompletableFuture.runAsync(node::stop, node.scheduler()::execute).get(5, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
