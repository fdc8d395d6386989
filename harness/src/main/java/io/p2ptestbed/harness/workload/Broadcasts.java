package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.runtime.BroadcastProbe;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Broadcast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Broadcasts through the neutral {@link Broadcast} capability: publish at a node, let the network run until
 * the message stops spreading, and measure coverage (share of live nodes that delivered), latency from
 * publication to each delivery, hops and traffic. Works on every runtime through its {@link BroadcastProbe} (in-JVM:
 * a recorder on every node; containers: the nodes' control interfaces, with times on the hosts' wall clock).
 *
 * <p>Traffic is read from the counter {@value #SENT_COUNTER}: overlays offering Broadcast count there every
 * datagram that carries a broadcast message (a push, a forward, a flooded query). Runs are measured one at a
 * time, so the counter's growth over a run is that run's traffic.
 */
public final class Broadcasts {

    /** The counter of datagrams carrying broadcast messages, summed over nodes for traffic. */
    public static final String SENT_COUNTER = "broadcast_sent";

    private Broadcasts() {}

    /**
     * Every first delivery of every node of an in-JVM runtime, by message id, recorded by a listener on each node.
     * Thread-safe (loopback nodes call it on their loops).
     */
    public static final class Recorder implements Broadcast.DeliveryListener, Broadcast.AnswerListener, BroadcastProbe {
        private final LocalRuntime rt;
        private final Map<Long, Map<NodeId, Broadcast.Delivery>> byMessage = new ConcurrentHashMap<>();
        /** Answers by message id (a message has one origin, which alone hears its answers). */
        private final Map<Long, List<Broadcast.Answer>> answers = new ConcurrentHashMap<>();

        Recorder(LocalRuntime rt) {
            this.rt = rt;
        }

        @Override
        public void delivered(Broadcast.Delivery d) {
            byMessage.computeIfAbsent(d.messageId(), id -> new ConcurrentHashMap<>()).putIfAbsent(d.at(), d);
        }

        @Override
        public void answered(Broadcast.Answer a) {
            answers.computeIfAbsent(a.messageId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(a);
        }

        @Override
        public List<Broadcast.Answer> answers(NodeHandle origin, long messageId) {
            return List.copyOf(answers.getOrDefault(messageId, List.of()));
        }

        @Override
        public long publish(NodeHandle origin, byte[] payload) {
            return rt.onOverlay((LocalNode) origin, n -> n.require(Broadcast.class, "broadcast (publish to every node)").publish(payload));
        }

        @Override
        public List<Broadcast.Delivery> deliveries(long messageId) {
            Map<NodeId, Broadcast.Delivery> m = byMessage.get(messageId);
            return m == null ? List.of() : List.copyOf(m.values());
        }

        @Override
        public Progress progress(long messageId) {
            Map<NodeId, Broadcast.Delivery> m = byMessage.get(messageId);
            return new Progress(m == null ? 0 : m.size(), sent());
        }

        @Override
        public long sent() {
            return Broadcasts.sent(rt);
        }

        @Override
        public void forget(long messageId) {
            byMessage.remove(messageId);
            answers.remove(messageId);
        }
    }

    /**
     * The broadcast probe of a runtime. In-JVM runtimes: a {@link Recorder} installed on every node the runtime
     * creates from now on (restarted and joining nodes too), so call it before the network starts; nodes without
     * Broadcast are left alone. Other runtimes: {@link NetworkRuntime#broadcastProbe()} (the container runtimes
     * read the nodes' control interfaces).
     */
    public static BroadcastProbe attach(NetworkRuntime rt) {
        if (!(rt instanceof LocalRuntime local)) {
            return rt.broadcastProbe();
        }
        Recorder r = new Recorder(local);
        local.addOverlaySetup(n -> n.capability(Broadcast.class).ifPresent(b -> {
            b.addDeliveryListener(r);
            b.addAnswerListener(r);
        }));
        return r;
    }

    /**
     * One broadcast, measured.
     *
     * @param live          live nodes when it settled
     * @param delivered     live nodes that delivered it (the origin included)
     * @param latencies     milliseconds from publication to each delivery at another node, ascending
     * @param hops          hop counts of those deliveries
     * @param messages      datagrams carrying it ({@value #SENT_COUNTER}'s growth); -1 when no node counts them
     * @param settledMillis how long it spread before it stopped
     * @param reached       the live nodes that delivered it
     */
    public record Run(long messageId, NodeId origin, int live, int delivered, long[] latencies, int[] hops, long messages,
                      long settledMillis, Set<NodeId> reached) {

        public double coverage() {
            return live == 0 ? 0 : (double) delivered / live;
        }

        public boolean reachedAll() {
            return delivered == live;
        }

        /** Live nodes that never got it (Demers's residue, as a count). */
        public int missed() {
            return live - delivered;
        }

        @Override
        public String toString() {
            return String.format("broadcast %016x from %s: %d of %d live nodes (%.2f%%), %d messages, settled after %d ms",
                    messageId, origin.shortHex(), delivered, live, 100 * coverage(), messages, settledMillis);
        }
    }

    /**
     * Publishes at {@code origin} and lets the network run until neither a delivery nor a broadcast datagram
     * happened for {@code quietMillis} (checked every {@code quietMillis}), or {@code maxMillis} passed.
     */
    public static Run publish(NetworkRuntime rt, BroadcastProbe probe, NodeHandle origin, byte[] payload, long quietMillis,
                              long maxMillis) {
        if (!origin.alive()) {
            throw new IllegalArgumentException("node " + origin.index() + " is not alive, so it cannot publish");
        }
        long sentBefore = probe.sent();
        long start = rt.nowMillis();
        long id = probe.publish(origin, payload);
        long quietSince = settle(rt, () -> probe.progress(id), quietMillis, maxMillis);
        return measure(rt, probe, id, origin.id(), sentBefore < 0 ? -1 : probe.sent() - sentBefore, quietSince - start);
    }

    /**
     * Lets the network run until what {@code look} sees (a broadcast's progress, a traffic counter) has not changed
     * for {@code quietMillis} (looked at every {@code quietMillis}), or {@code maxMillis} passed; returns the runtime's
     * time since which it has not changed.
     */
    public static long settle(NetworkRuntime rt, java.util.function.Supplier<?> look, long quietMillis, long maxMillis) {
        long start = rt.nowMillis();
        Object last = look.get();
        long quietSince = rt.nowMillis();
        while (rt.nowMillis() - start < maxMillis) {
            rt.advance(quietMillis);
            Object now = look.get();
            if (!now.equals(last)) {
                last = now;
                quietSince = rt.nowMillis();
            } else if (rt.nowMillis() - quietSince >= quietMillis) {
                break;
            }
        }
        return quietSince;
    }

    /** {@code count} broadcasts one after the other, each from a live node drawn uniformly. */
    public static List<Run> publishMany(NetworkRuntime rt, BroadcastProbe probe, int count, int payloadBytes, long quietMillis,
                                        long maxMillis, RandomGenerator rng) {
        List<Run> runs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<NodeHandle> live = rt.liveNodes();
            if (live.isEmpty()) {
                throw new IllegalStateException("no live node left to publish from");
            }
            NodeHandle from = live.get(rng.nextInt(live.size()));
            byte[] payload = new byte[payloadBytes];
            rng.nextBytes(payload);
            Run r = publish(rt, probe, from, payload, quietMillis, maxMillis);
            probe.forget(r.messageId());
            runs.add(r);
        }
        return runs;
    }

    private static Run measure(NetworkRuntime rt, BroadcastProbe probe, long id, NodeId origin, long messages, long settled) {
        List<Broadcast.Delivery> ds = probe.deliveries(id);
        Set<NodeId> live = new HashSet<>();
        rt.liveNodes().forEach(n -> live.add(n.id()));
        long publishedAt = ds.stream().filter(d -> d.hops() == 0).mapToLong(Broadcast.Delivery::atMillis).min()
                .orElseThrow(() -> new IllegalStateException("the origin never delivered its own broadcast " + Long.toHexString(id)));
        int delivered = 0;
        Set<NodeId> reached = new HashSet<>();
        List<Broadcast.Delivery> others = new ArrayList<>();
        for (Broadcast.Delivery d : ds) {
            if (live.contains(d.at())) {
                delivered++;
                reached.add(d.at());
                if (d.hops() > 0) {
                    others.add(d);
                }
            }
        }
        long[] lat = others.stream().mapToLong(d -> d.atMillis() - publishedAt).sorted().toArray();
        int[] hops = others.stream().mapToInt(Broadcast.Delivery::hops).sorted().toArray();
        return new Run(id, origin, live.size(), delivered, lat, hops, messages, settled, Set.copyOf(reached));
    }

    /** The sum of {@value #SENT_COUNTER} over the live nodes; -1 when no node counts it. */
    static long sent(NetworkRuntime rt) {
        long sum = 0;
        boolean any = false;
        for (NodeHandle n : rt.liveNodes()) {
            Long v = n.stats().get(SENT_COUNTER);
            if (v != null) {
                sum += v;
                any = true;
            }
        }
        return any ? sum : -1;
    }

    /** The p-th percentile (nearest rank) of sorted values; NaN when empty. */
    public static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /** Summary over runs: mean coverage, share reaching every live node, latency percentiles over all deliveries. */
    public record Summary(int runs, double meanCoverage, int reachedAll, double meanMissedShare, double meanMessagesPerNode,
                          double messagesPerDelivery, double p50, double p90, double p99, double maxLatency,
                          double meanHops, int maxHops) {

        public static Summary of(List<Run> runs) {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("no broadcasts were measured");
            }
            double cov = 0, missed = 0, msgsPerNode = 0;
            long msgs = 0, deliveries = 0;
            int all = 0;
            List<long[]> lats = new ArrayList<>();
            long hopSum = 0, hopCount = 0;
            int maxHops = 0;
            for (Run r : runs) {
                cov += r.coverage();
                missed += 1 - r.coverage();
                msgsPerNode += r.live() == 0 ? 0 : (double) r.messages() / r.live();
                msgs += r.messages();
                deliveries += r.delivered();
                all += r.reachedAll() ? 1 : 0;
                lats.add(r.latencies());
                for (int h : r.hops()) {
                    hopSum += h;
                    hopCount++;
                    maxHops = Math.max(maxHops, h);
                }
            }
            long[] lat = lats.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            int n = runs.size();
            boolean counted = runs.stream().allMatch(r -> r.messages() >= 0);
            return new Summary(n, cov / n, all, missed / n, counted ? msgsPerNode / n : Double.NaN,
                    counted && deliveries > 0 ? (double) msgs / deliveries : Double.NaN, percentile(lat, 50), percentile(lat, 90),
                    percentile(lat, 99), lat.length == 0 ? Double.NaN : lat[lat.length - 1],
                    hopCount == 0 ? Double.NaN : (double) hopSum / hopCount, maxHops);
        }

        public Map<String, Double> asMap() {
            Map<String, Double> m = new java.util.TreeMap<>();
            m.put("broadcasts", (double) runs);
            m.put("broadcast_coverage_mean", meanCoverage);
            m.put("broadcast_reached_all_share", (double) reachedAll / runs);
            m.put("broadcast_messages_per_node", meanMessagesPerNode);
            m.put("broadcast_messages_per_delivery", messagesPerDelivery);
            m.put("broadcast_latency_p50_ms", p50);
            m.put("broadcast_latency_p90_ms", p90);
            m.put("broadcast_latency_p99_ms", p99);
            m.put("broadcast_latency_max_ms", maxLatency);
            m.put("broadcast_hops_mean", meanHops);
            m.put("broadcast_hops_max", (double) maxHops);
            return m;
        }
    }
}
