package io.p2ptestbed.harness.chord.bench;

import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.harness.workload.RouteDrivers;
import io.p2ptestbed.overlay.chord.ChordRing;
import io.p2ptestbed.overlay.chord.ChordView;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.transport.netty.NettyUdpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Real-UDP Chord figures: N Netty nodes in this JVM on 127.50.x.y (port TESTBED_LAB_PORT, default 7301), all
 * on one small event-loop group (like {@link LoopbackBenchmark}'s runtime). Joins are spaced a few ms apart
 * through random earlier nodes; then the share of nodes with the right successor and predecessor is polled
 * until it reaches 100% or a deadline, and lookups run with bounded concurrency. Prints; asserts nothing.
 */
public final class LoopbackChordBenchmark {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_LAB_PORT", "7301"));

    private static <T> T on(OverlayNode n, Supplier<T> what) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        n.scheduler().execute(() -> {
            try {
                f.complete(what.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    public static void run(int n, int lookups, int inFlight, int loopThreads, long seed) throws Exception {
        OverlayProtocol chord = Protocols.get("chord");
        ProtocolParams params = chord.params(Map.of("stabilizeMillis", "500", "fixFingersMillis", "1000",
                "checkPredecessorMillis", "2000", "queryTimeoutMillis", "1000"));
        NioEventLoopGroup group = new NioEventLoopGroup(loopThreads);
        List<OverlayNode> nodes = new ArrayList<>(n);
        SplittableRandom rng = new SplittableRandom(seed);
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                NodeAddress a = NodeAddress.of(127, 50, 1 + i / 250, 1 + i % 250, PORT);
                NettyUdpTransport t = NettyUdpTransport.bind(group, a);
                OverlayNode node = chord.create(new NodeContext(NodeId.random(rng), t, t.scheduler(), rng.split(), params));
                nodes.add(node);
                on(node, () -> {
                    node.start();
                    return null;
                });
            }
            on(nodes.get(0), () -> nodes.get(0).join(List.of()));
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                OverlayNode node = nodes.get(i);
                NodeAddress seedAddress = nodes.get(rng.nextInt(i)).address();
                joins.add(on(node, () -> node.join(List.of(seedAddress))));
                Thread.sleep(3);
            }
            long joinFailures = 0;
            for (CompletableFuture<Void> j : joins) {
                try {
                    j.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    joinFailures++;
                }
            }
            double joined = (System.nanoTime() - t0) / 1e9;
            ChordRing truth = ChordRing.of(nodes.stream().map(OverlayNode::id).toList());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            int rightSucc;
            int rightPred;
            do {
                Thread.sleep(1000);
                rightSucc = 0;
                rightPred = 0;
                for (OverlayNode node : nodes) {
                    ChordView v = node.capability(ChordView.class).orElseThrow();
                    int[] ok = on(node, () -> {
                        List<Contact> s = v.successors();
                        Contact p = v.predecessor();
                        return new int[] {!s.isEmpty() && s.get(0).id().equals(truth.successorOfNode(node.id())) ? 1 : 0,
                                p != null && p.id().equals(truth.predecessorOf(node.id())) ? 1 : 0};
                    });
                    rightSucc += ok[0];
                    rightPred += ok[1];
                }
                System.out.printf("  t=%.0f s: %.2f%% right successors, %.2f%% right predecessors%n",
                        (System.nanoTime() - t0) / 1e9, 100.0 * rightSucc / n, 100.0 * rightPred / n);
            } while ((rightSucc < n || rightPred < n) && System.nanoTime() < deadline);
            double stable = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            RouteDrivers.Tally tally = RouteDrivers.windowed(nodes, lookups, inFlight, rng, NodeId::random, truth::successorOf, 120);
            double secs = (System.nanoTime() - t1) / 1e9;
            System.out.printf("chord loopback N=%d (%d event-loop threads): joined in %.1f s wall (%d joins failed), "
                            + "ring checked at %.1f s: %.2f%% right successors, %.2f%% right predecessors; %d lookups (%d in "
                            + "flight) in %.2f s = %.0f lookups/s, %.3f%% reached the live successor, %d failed, mean hops %.2f%n",
                    n, loopThreads, joined, joinFailures, stable, 100.0 * rightSucc / n, 100.0 * rightPred / n, lookups,
                    inFlight, secs, lookups / secs, 100 * tally.correctShare(), tally.failed(), tally.meanHops());
        } finally {
            RouteDrivers.stopAll(nodes);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Arguments: nodes (default 1000), lookups (5000), in flight (200), event-loop threads (2), seed (1). */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1L;
        run(n, lookups, inFlight, threads, seed);
    }
}
