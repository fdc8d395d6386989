package io.p2ptestbed.overlay.ethereum;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.transport.netty.NettyTcpStreams;
import io.p2ptestbed.overlay.transport.netty.NettyUdpTransport;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ethereum nodes on real sockets (discovery v4 over UDP, devp2p over TCP on 127.91.1.x): every devp2p connection
 * completes the RLPx handshake (ECIES auth/ack, then Hello and Status in encrypted frames) and a transaction relayed
 * over those frames reaches every node; nothing is refused.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EthLoopbackTest {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_LAB_PORT", "7951"));

    private static <T> T on(EthNode n, Function<EthNode, T> f) throws Exception {
        return CompletableFuture.supplyAsync(() -> f.apply(n), n.scheduler()::execute).get(10, TimeUnit.SECONDS);
    }

    @Test
    void realTcpConnectionsCompleteTheRlpxHandshakeAndCarryTransactions() throws Exception {
        int n = 6;
        NioEventLoopGroup group = new NioEventLoopGroup(2);
        List<EthNode> nodes = new ArrayList<>();
        try {
            ProtocolParams params = Protocols.get("ethereum").params(Map.of("maxPeers", "9", "dialRatio", "0", "ipLimits", "false",
                    "respMillis", "2000")); // discovery's replies may take longer than geth's 500 ms on a loaded machine
            SplittableRandom rng = new SplittableRandom(15);
            for (int i = 0; i < n; i++) {
                NodeAddress a = NodeAddress.of(127, 91, 1, i + 1, PORT);
                EventLoop loop = group.next();
                NettyUdpTransport udp = NettyUdpTransport.bind(loop, a);
                NettyTcpStreams streams = NettyTcpStreams.bind(loop, a, StreamLimits.DEFAULT, NettyTcpStreams.LOOPBACK);
                EthNode node = (EthNode) Protocols.get("ethereum").create(new NodeContext(NodeId.ofAddress(a), udp,
                        streams.scheduler(), rng.split(), params, streams));
                CompletableFuture.runAsync(node::start, loop).get(5, TimeUnit.SECONDS);
                nodes.add(node);
            }
            for (int i = 1; i < n; i++) {
                nodes.get(i).join(List.of(nodes.get(0).address())).get(20, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            boolean allPeered = false;
            while (!allPeered && System.nanoTime() < deadline) {
                Thread.sleep(250);
                allPeered = true;
                for (EthNode x : nodes) {
                    allPeered &= on(x, y -> y.outboundPeers().size() + y.inboundPeers().size()) >= 1;
                }
            }
            List<Map<String, Long>> seen = new ArrayList<>();
            for (EthNode x : nodes) {
                seen.add(on(x, EthNode::counters));
            }
            assertThat(allPeered).as("every node has a devp2p peer: %s", seen).isTrue();
            Thread.sleep(1_000); // the last Status exchanges
            Map<Object, Integer> reached = new ConcurrentHashMap<>();
            for (EthNode x : nodes) {
                on(x, y -> {
                    y.addDeliveryListener(d -> reached.merge(d.at(), 1, Integer::sum));
                    return null;
                });
            }
            on(nodes.get(3), y -> y.publish("over rlpx".getBytes()));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reached.size() < n && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(reached).as("nodes that delivered the transaction").hasSize(n);
            assertThat(reached.values()).as("once each").containsOnly(1);
            for (EthNode x : nodes) {
                Map<String, Long> c = on(x, EthNode::counters);
                assertThat(c.get("rlpx.handshakes")).as("RLPx handshakes at %s", x.address()).isPositive();
                assertThat(c.get("rlpx.refused") + c.get("malformed") + c.get("unexpected_identity") + c.get("status.mismatch")
                        + c.get("stream.handlerErrors")).as("refusals at %s: %s", x.address(), c).isZero();
            }
        } finally {
            for (EthNode x : nodes) {
                CompletableFuture.runAsync(x::stop, x.scheduler()::execute).get(5, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
