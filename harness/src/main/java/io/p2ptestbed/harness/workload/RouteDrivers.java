package io.p2ptestbed.harness.workload;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Benchmark workloads of any overlay with {@link KeyRouting}: routes of random keys from random nodes, a bounded
 * number in flight, each graded against the key's true owner.
 */
public final class RouteDrivers {

    private RouteDrivers() {}

    /** What the routes did. Hops are summed over the routes that found an answer. */
    public record Tally(int routes, long correct, long hops, long failed) {
        public double correctShare() {
            return (double) correct / routes;
        }

        public double meanHops() {
            return (double) hops / Math.max(1, routes - failed);
        }
    }

    private static final class Counts {
        final AtomicLong correct = new AtomicLong();
        final AtomicLong hops = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        void add(RouteResult r, NodeId owner) {
            if (r == null || !r.found()) {
                failed.incrementAndGet();
                return;
            }
            hops.addAndGet(r.hops());
            if (r.owner().id().equals(owner)) {
                correct.incrementAndGet();
            }
        }

        Tally tally(int routes) {
            return new Tally(routes, correct.get(), hops.get(), failed.get());
        }
    }

    /**
     * A closed loop on one virtual scheduler: {@code inFlight} routes at once, each finished route starting the
     * next from a random node, until {@code routes} have finished.
     */
    public static Tally closedLoop(VirtualScheduler scheduler, List<? extends OverlayNode> nodes, int routes, int inFlight,
                                   RandomGenerator rng, Function<RandomGenerator, NodeId> keys, UnaryOperator<NodeId> owner) {
        Counts c = new Counts();
        int[] started = {0};
        int[] finished = {0};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (started[0] >= routes) {
                return;
            }
            started[0]++;
            OverlayNode from = nodes.get(rng.nextInt(nodes.size()));
            NodeId key = keys.apply(rng);
            from.require(KeyRouting.class, "benchmark routes").route(key).thenAccept(r -> {
                finished[0]++;
                c.add(r, owner.apply(key));
                next[0].run();
            });
        };
        for (int i = 0; i < Math.min(inFlight, routes); i++) {
            next[0].run();
        }
        scheduler.runUntil(() -> finished[0] >= routes, Long.MAX_VALUE);
        return c.tally(routes);
    }

    /**
     * Real threads (loopback): at most {@code inFlight} routes at once, each started on its node's own thread;
     * waits at most {@code timeoutSeconds} for the last.
     */
    public static Tally windowed(List<? extends OverlayNode> nodes, int routes, int inFlight, RandomGenerator rng,
                                 Function<RandomGenerator, NodeId> keys, UnaryOperator<NodeId> owner, long timeoutSeconds)
            throws Exception {
        Counts c = new Counts();
        Semaphore window = new Semaphore(inFlight);
        List<CompletableFuture<RouteResult>> all = new ArrayList<>(routes);
        for (int i = 0; i < routes; i++) {
            window.acquire();
            OverlayNode from = nodes.get(rng.nextInt(nodes.size()));
            NodeId key = keys.apply(rng);
            all.add(CompletableFuture.supplyAsync(() -> from.require(KeyRouting.class, "benchmark routes").route(key),
                    from.scheduler()::execute).thenCompose(f -> f).whenComplete((r, e) -> {
                        window.release();
                        c.add(r, owner.apply(key));
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(timeoutSeconds, TimeUnit.SECONDS);
        return c.tally(routes);
    }

    /** Stops every node on its own thread (real-thread runtimes), each within 30 s; a node that fails to stop is skipped. */
    public static void stopAll(List<? extends OverlayNode> nodes) {
        for (OverlayNode node : nodes) {
            try {
                CompletableFuture.runAsync(node::stop, node.scheduler()::execute).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // shutting down: the event loop may already be gone
            }
        }
    }
}
