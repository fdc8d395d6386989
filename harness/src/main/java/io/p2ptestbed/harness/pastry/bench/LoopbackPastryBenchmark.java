package io.p2ptestbed.harness.pastry.bench;

import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.harness.workload.RouteDrivers;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryIds;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.transport.netty.NettyUdpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Real-UDP Pastry figures: N Netty nodes in this JVM on 127.51.x.y, port {@code TESTBED_LAB_PORT} (default 7511),
 * all on one small event-loop group. Each node joins through a random node that has already joined, a few ms
 * apart; then the share of nodes whose leaf set is exactly right is polled until it reaches 100% or a deadline;
 * then routes of random keys from random nodes run with bounded concurrency. Prints; asserts nothing.
 */
public final class LoopbackPastryBenchmark {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_LAB_PORT", "7511"));

    private LoopbackPastryBenchmark() {}

    /** Runs {@code what} on the node's own event loop and waits for it. */
    private static <T> T on(OverlayNode n, Supplier<T> what) throws Exception {
        return CompletableFuture.supplyAsync(what, n.scheduler()::execute).get(30, TimeUnit.SECONDS);
    }

    /** The figures, one line. */
    public static String run(int n, int routes, int inFlight, int loopThreads, long seed) throws Exception {
        if (n < 20 || n > 62_500) {
            throw new IllegalArgumentException("loopback Pastry nodes must be in [20, 62500] (127.51.1.1 to 127.51.250.250), got " + n);
        }
        OverlayProtocol pastry = Protocols.get("pastry");
        ProtocolParams params = pastry.params(Map.of());
        int leafSet = params.intValue("leafSet", 2, 64);
        NioEventLoopGroup group = new NioEventLoopGroup(loopThreads);
        List<OverlayNode> nodes = new ArrayList<>(n);
        SplittableRandom rng = new SplittableRandom(seed);
        double p0 = PastryBenchmark.processCpuSeconds();
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                NodeAddress a = NodeAddress.of(127, 51, 1 + i / 250, 1 + i % 250, PORT);
                NettyUdpTransport t = NettyUdpTransport.bind(group, a);
                OverlayNode node = pastry.create(new NodeContext(pastry.idFor(a, rng, params), t, t.scheduler(), rng.split(), params));
                nodes.add(node);
                on(node, () -> {
                    node.start();
                    return null;
                });
            }
            List<OverlayNode> joined = new ArrayList<>(List.of(nodes.get(0)));
            long joinFailures = 0;
            List<CompletableFuture<Void>> window = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                OverlayNode node = nodes.get(i);
                NodeAddress via = joined.get(rng.nextInt(joined.size())).address();
                window.add(on(node, () -> node.join(List.of(via))));
                // at most 50 joins at once, so that a 2-core machine does not time its own joins out
                if (window.size() == 50 || i == n - 1) {
                    for (int j = 0; j < window.size(); j++) {
                        try {
                            window.get(j).get(60, TimeUnit.SECONDS);
                            joined.add(nodes.get(i - window.size() + 1 + j));
                        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                            joinFailures++;
                        }
                    }
                    window.clear();
                }
            }
            double joinedAt = (System.nanoTime() - t0) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            NodeId[] sorted = PastryBenchmark.sortedLive(nodes);
            int wrong;
            do {
                Thread.sleep(2_000);
                wrong = 0;
                for (OverlayNode node : nodes) {
                    wrong += on(node, () -> PastryBenchmark.wrongLeafSets(List.of(node), leafSet, sorted));
                }
                System.out.printf(Locale.ROOT, "  t=%.0f s: %.2f%% of leaf sets right%n", (System.nanoTime() - t0) / 1e9,
                        100.0 * (n - wrong) / n);
            } while (wrong > 0 && System.nanoTime() < deadline);
            double stableAt = (System.nanoTime() - t0) / 1e9;

            GroundTruth truth = new GroundTruth(nodes.stream().map(OverlayNode::id).toList(), KeySpaces.NUMERIC);
            long t1 = System.nanoTime();
            RouteDrivers.Tally tally = RouteDrivers.windowed(nodes, routes, inFlight, rng, PastryIds::random, truth::owner, 120);
            double secs = (System.nanoTime() - t1) / 1e9;
            return String.format(Locale.ROOT, "pastry loopback N=%,d real UDP nodes in one JVM (%d event-loop threads, "
                            + "127.51.x.y:%d): joined in %.1f s wall (%d joins failed), leaf sets checked at %.1f s: %.2f%% "
                            + "right; %,d routes (%d in flight) in %.2f s = %,.0f routes/s, %.3f%% delivered to the "
                            + "numerically closest live node, %d failed, mean hops %.2f (log_16 N = %.2f); process cpu %.1f s",
                    n, loopThreads, PORT, joinedAt, joinFailures, stableAt, 100.0 * (n - wrong) / n, routes, inFlight, secs,
                    routes / secs, 100 * tally.correctShare(), tally.failed(), tally.meanHops(), Math.log(n) / Math.log(16),
                    PastryBenchmark.processCpuSeconds() - p0);
        } finally {
            RouteDrivers.stopAll(nodes);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Arguments: nodes (default 1000), routes (5000), in flight (200), event-loop threads (2), seed (1). */
    public static void main(String[] args) throws Exception {
        long[] a = {1000, 5000, 200, 2, 1};
        for (int i = 0; i < Math.min(args.length, a.length); i++) {
            a[i] = Long.parseLong(args[i]);
        }
        System.out.println(run((int) a[0], (int) a[1], (int) a[2], (int) a[3], a[4]));
    }
}
