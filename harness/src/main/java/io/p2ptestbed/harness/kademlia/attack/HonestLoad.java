package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.harness.kademlia.LocalKademlia;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.ReplyHandler;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Honest clients querying one node: {@code perSecond} get_peers queries, query i sent at a random moment
 * of the i-th slot of {@code 1000 / perSecond} ms (clients are not synchronised with each other, nor with
 * the target's accounting), each by the next of the given honest nodes in turn (so each client stays far
 * below any per-IP limit), through the node's own query machinery and timeout. Measures the service ratio: queries answered with a
 * response over queries sent. Errors (e.g. 202 "rate limited") and timeouts count as not served.
 */
public final class HonestLoad {

    /** What the clients saw. */
    /** @param examples a few of the queries that were not served: client, send time, what happened */
    public record Report(long sent, long answered, long errors, long timeouts, long startMillis, long endMillis,
                         List<String> examples) {
        public double serviceRatio() {
            return sent == 0 ? Double.NaN : (double) answered / sent;
        }

        @Override
        public String toString() {
            return String.format("%d/%d honest queries answered (%.2f%%), %d errors, %d timeouts%s", answered, sent,
                    100 * serviceRatio(), errors, timeouts, examples.isEmpty() ? "" : ", e.g. " + examples);
        }
    }

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final List<CompletableFuture<Void>> replies = new ArrayList<>();
    private final List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Report> done = new CompletableFuture<>();

    private HonestLoad() {}

    /**
     * Starts the load on the attack scheduler ({@code scheduler}); the returned future completes once
     * every query has been answered or has timed out.
     */
    public static CompletableFuture<Report> run(Scheduler scheduler, NodeHandle target, List<? extends NodeHandle> clients,
                                                int perSecond, long durationMillis, RandomGenerator rng) {
        if (perSecond < 1 || perSecond > 10_000 || durationMillis < 1 || durationMillis > 600_000) {
            throw new IllegalArgumentException("honest load must be 1..10000 queries/s for 1 ms..10 min, got "
                    + perSecond + "/s for " + durationMillis + " ms");
        }
        List<NodeHandle> from = clients.stream().filter(c -> !c.equals(target)).map(c -> (NodeHandle) c).toList();
        if (from.isEmpty()) {
            throw new IllegalArgumentException("no honest client other than the target");
        }
        HonestLoad load = new HonestLoad();
        long count = perSecond * durationMillis / 1000;
        double spacing = 1000.0 / perSecond;
        long start = scheduler.nowMillis();
        NodeId[] keys = new NodeId[(int) count];
        long[] at = new long[(int) count];
        for (int i = 0; i < count; i++) {
            keys[i] = NodeId.random(rng);
            at[i] = (long) Math.floor(i * spacing + rng.nextDouble() * spacing);
        }
        for (int i = 0; i < count; i++) {
            LocalNode client = (LocalNode) from.get(i % from.size());
            NodeId key = keys[i];
            CompletableFuture<Void> reply = new CompletableFuture<>();
            load.replies.add(reply);
            scheduler.schedule(at[i], () -> load.send(client, target, key, reply));
        }
        CompletableFuture.allOf(load.replies.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> load.done.complete(
                new Report(load.sent.get(), load.answered.get(), load.errors.get(), load.timeouts.get(), start,
                        scheduler.nowMillis(), List.copyOf(load.examples))));
        return load.done;
    }

    private void example(LocalNode client, long sentAt, String what) {
        if (examples.size() < 5) {
            examples.add(client + " at " + sentAt + ": " + what);
        }
    }

    private void send(LocalNode client, NodeHandle target, NodeId key, CompletableFuture<Void> reply) {
        KademliaNode n = LocalKademlia.node(client);
        if (!client.alive() || n == null) {
            reply.complete(null);
            return;
        }
        sent.incrementAndGet();
        long sentAt = n.scheduler().nowMillis();
        n.scheduler().execute(() -> n.sendQuery(target.address(), target.id(), tid -> new KrpcQuery.GetPeers(tid, n.id(), key),
                new ReplyHandler() {
                    @Override
                    public void onResponse(KrpcResponse r) {
                        answered.incrementAndGet();
                        reply.complete(null);
                    }

                    @Override
                    public void onError(KrpcError e) {
                        errors.incrementAndGet();
                        example(client, sentAt, "error " + e.code());
                        reply.complete(null);
                    }

                    @Override
                    public void onTimeout() {
                        timeouts.incrementAndGet();
                        example(client, sentAt, "timeout");
                        reply.complete(null);
                    }
                }));
    }
}
