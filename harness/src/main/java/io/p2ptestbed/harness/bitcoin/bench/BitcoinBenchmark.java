package io.p2ptestbed.harness.bitcoin.bench;

import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.BenchMeter;
import io.p2ptestbed.harness.runtime.LoopbackRuntime;
import io.p2ptestbed.harness.runtime.ShardedClock;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.runtime.StreamSimNetwork;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.bitcoin.BitcoinNode;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import com.carrotsearch.hppc.LongIntHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bitcoin gossip figures (issue 13's floors). Simulated: N nodes made through {@code Protocols.get("bitcoin")} on one
 * VirtualScheduler + SimNetwork + SimStreams (one-way latency uniform in 10..100 ms) at lab addresses over 200 /16
 * groups, joined 5 ms apart through node 0, settled for 2 virtual minutes and on until every node has its outbound
 * connections and the joins' addr wave has ended (a 10-second step relays no address); then T transactions published from random
 * nodes, {@code perSecond} per virtual second, and the network runs until every transaction has reached every node
 * (or 10 virtual minutes pass). Prints the relay phase's wall and process CPU seconds, frames sent in it (every inv,
 * getdata, tx, addr... on every connection: the messages) per wall-second and per CPU-second, and how many
 * transactions reached every node. Loopback: N nodes on real TCP sockets in this JVM, M transactions published one
 * after another, their coverage and delivery latency percentiles. Asserts nothing.
 */
public final class BitcoinBenchmark {

    private BitcoinBenchmark() {}

    public record Figures(int nodes, int txs, double buildSeconds, double buildCpuSeconds, double relaySeconds,
                          double relayCpuSeconds, double relayProcessCpuSeconds, long messages, int reachedAll,
                          double meanOutbound, long virtualMillis, long bytesPerNode, long addrManBytesPerNode,
                          double meanKnownAddresses, long heapUsedMb, double loadBefore, double loadAfter,
                          int minOutbound, long settleMillis, long seenBytesPerNode, long events, int threads,
                          double relayWorkerCpuSeconds) {

        public double messagesPerSecond() {
            return messages / relaySeconds;
        }

        public double messagesPerCpuSecond() {
            return messages / relayCpuSeconds;
        }

        /** How the simulation ran: empty for the single loop, else its shards and threads. */
        private String mode() {
            return threads == 0 ? "" : String.format("sharded (%d shards on %d threads, windows of 10 ms; relay cpu = "
                    + "calling thread %.2f s + workers %.2f s) ", SimulatedRuntime.SHARDS, threads,
                    relayCpuSeconds - relayWorkerCpuSeconds, relayWorkerCpuSeconds);
        }

        public String line() {
            return String.format("bitcoin simulated " + mode() + "N=%d: built in %.2f s wall / %.2f s cpu (settled %.0f virtual s; outbound "
                            + "min %d, mean %.2f); heap after "
                            + "build %,d bytes per node (address manager %,d bytes per node for %.0f addresses); %,d "
                            + "transactions relayed in %.2f s wall / %.2f s cpu (process cpu %.2f s) over %.1f virtual s: "
                            + "%,d messages = %,.0f messages per wall-second (%,.0f per cpu-second); %,d events (%.2f per "
                            + "message); %d of %d transactions "
                            + "reached every node; seen cache %,d bytes per node; heap %d MB; load average %.2f before, "
                            + "%.2f after [java %s]",
                    nodes, buildSeconds, buildCpuSeconds, settleMillis / 1000.0, minOutbound, meanOutbound, bytesPerNode, addrManBytesPerNode, meanKnownAddresses,
                    txs, relaySeconds, relayCpuSeconds, relayProcessCpuSeconds, virtualMillis / 1000.0, messages,
                    messagesPerSecond(), messagesPerCpuSecond(), events, (double) events / messages, reachedAll, txs, seenBytesPerNode, heapUsedMb, loadBefore, loadAfter,
                    Runtime.version());
        }
    }

    /** Seed nodes the joiners ask for addresses (as a Bitcoin node asks several DNS seeds; 3 at once, see BitcoinNode). */
    public static final int SEED_NODES = 10;

    /** Virtual time the benchmark lets a network settle at most until every node has all its outbound connections. */
    public static final long MAX_SETTLE_MILLIS = 10 * 60_000;

    /**
     * Virtual time the benchmark lets a network settle at most until a 10-second step relays no address: the joins'
     * addr wave is over (Core relays only addresses under 10 minutes old, so it ends 10 minutes after the last
     * self-announcement at the latest).
     */
    public static final long MAX_ADDR_WAVE_MILLIS = 20 * 60_000;

    /** The settling steps, virtual ms. */
    private static final long STEP_MILLIS = 10_000;

    /**
     * A simulated network of n joined bitcoin nodes (lab addresses over 200 /16 groups, joined 5 ms apart, 2 minutes
     * settled), then run on in 10-second steps until every node has its {@code outbound} connections, or
     * {@link #MAX_SETTLE_MILLIS} of settling have passed. At 10,000 nodes the 2 minutes leave the mean at about 4 of 8:
     * a joiner learns mostly early nodes' addresses, whose 117 inbound slots are full, and Core shuns an address it
     * tried in the last 10 minutes, so the slots fill over several virtual minutes. Then on in 10-second steps until
     * one relays no address (the joins' addr wave is over), or {@link #MAX_ADDR_WAVE_MILLIS} of settling have passed.
     */
    public static final class World implements AutoCloseable {
        /** The single event loop; null when sharded. */
        public final VirtualScheduler scheduler;
        public final List<BitcoinNode> nodes;
        public final SplittableRandom rng;
        /**
         * Virtual milliseconds from the last join until every node had its outbound connections and the addr wave
         * had ended (or the caps).
         */
        public final long settledMillis;
        public final StreamSimNetwork net;
        /** Per shard: deliveries by transaction id of that shard's nodes (each written only by its shard). */
        private final LongIntHashMap[] reached;

        public World(int n, Map<String, String> params, long seed) {
            this(n, params, seed, 0);
        }

        /**
         * @param threads 0 for the single event loop; otherwise the nodes in {@value SimulatedRuntime#SHARDS} shards run
         *        by that many threads ({@link StreamSimNetwork})
         */
        public World(int n, Map<String, String> params, long seed, int threads) {
            net = new StreamSimNetwork(BitcoinNode.PROTOCOL, n, params, seed, 10, 100, i -> Addresses.honest(i, Addresses.SIMULATED_PORT), 5,
                    120_000 - STEP_MILLIS, Math.min(n, SEED_NODES), threads);
            scheduler = net.scheduler;
            rng = net.rng;
            nodes = net.nodes.stream().map(BitcoinNode.class::cast).toList();
            reached = new LongIntHashMap[net.shards()];
            for (int i = 0; i < reached.length; i++) {
                reached[i] = new LongIntHashMap();
            }
            for (int i = 0; i < n; i++) {
                LongIntHashMap mine = reached[net.shardOf(i)];
                nodes.get(i).addDeliveryListener(d -> mine.addTo(d.messageId(), 1));
            }
            // the 2 minutes' last 10 s as a step of their own (the same events), so that the addr relayed in it is known
            long relayed = total("addr.relayed");
            net.advance(STEP_MILLIS);
            long settled = 120_000;
            while (settled < MAX_SETTLE_MILLIS && minOutbound() < nodes.get(0).config().outbound()) {
                if (settled % 60_000 == 0) { // progress, for large runs on a loaded machine
                    System.err.printf("settling: %d virtual s, outbound min %d, mean %.2f%n", settled / 1000, minOutbound(),
                            nodes.stream().mapToInt(x -> x.outboundPeers().size()).average().orElse(0));
                }
                relayed = total("addr.relayed");
                net.advance(STEP_MILLIS);
                settled += STEP_MILLIS;
            }
            // then on until the joins' addr wave has ended (session 15): Core relays an address while it is under 10
            // minutes old, so the joiners' self-announcements flood the network for minutes after the joins (at
            // N = 3,000, 210,000 addresses were relayed in the 10 virtual s after the 2-minute settle, none after
            // 330 s more); the transactions are relayed in the quiet that follows, as in a network that is not joining.
            // A network whose last step relayed no address goes on at once, as before (the N = 150 pin's)
            for (long now = total("addr.relayed"); now != relayed && settled < MAX_ADDR_WAVE_MILLIS; now = total("addr.relayed")) {
                if (settled % 60_000 == 0) {
                    System.err.printf("settling: %d virtual s, %,d addresses relayed in the last 10 s%n", settled / 1000,
                            now - relayed);
                }
                relayed = now;
                net.advance(STEP_MILLIS);
                settled += STEP_MILLIS;
            }
            settledMillis = settled;
        }

        public int minOutbound() {
            int min = Integer.MAX_VALUE;
            for (BitcoinNode node : nodes) {
                min = Math.min(min, node.outboundPeers().size());
            }
            return min;
        }

        public long total(String counter) {
            return net.total(counter);
        }

        /** Nodes transaction {@code id} has reached (been delivered to, its publisher included). */
        public int reached(long id) {
            int k = 0;
            for (LongIntHashMap m : reached) {
                k += m.get(id);
            }
            return k;
        }

        /**
         * Publishes {@code txs} transactions from nodes drawn by {@code pick}, {@code perSecond} per virtual second, and
         * runs on in 1-second steps until every one has reached every node or 10 virtual minutes have passed; returns
         * their ids. On the single loop the harness publishes between steps of the gap; sharded, each publication is
         * scheduled on its node's shard 1 ms after the instant the single loop would publish it (the harness acts only
         * between windows).
         */
        public List<Long> relay(int txs, int perSecond, SplittableRandom pick) {
            int n = nodes.size();
            long gap = Math.max(1, 1000 / perSecond);
            List<Long> ids = new ArrayList<>();
            if (!net.sharded()) {
                for (int q = 0; q < txs; q++) {
                    ids.add(nodes.get(pick.nextInt(n)).publish(payload(q)));
                    scheduler.advance(gap);
                }
            } else {
                long[] published = new long[txs]; // written on the shards, read between windows
                long t0 = net.nowMillis();
                for (int q = 0; q < txs; q++) {
                    int from = pick.nextInt(n);
                    int tx = q;
                    BitcoinNode node = nodes.get(from);
                    net.at(from, t0 + 1 + q * gap, () -> published[tx] = node.publish(payload(tx)));
                }
                net.advance(txs * gap);
                for (long id : published) {
                    ids.add(id);
                }
            }
            long deadline = net.nowMillis() + 600_000;
            while (net.nowMillis() < deadline && !all(ids, n)) {
                net.advance(1_000);
            }
            return ids;
        }

        private static byte[] payload(int q) {
            return ("tx " + q).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        private boolean all(List<Long> ids, int n) {
            for (long id : ids) {
                if (reached(id) < n) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            net.close();
        }
    }

    public static Figures run(int n, int txs, int perSecond, long seed) {
        return run(n, txs, perSecond, seed, 0);
    }

    /**
     * One run on the single event loop ({@code threads} 0) or sharded on {@code threads} threads; the CPU figures of a
     * sharded run add the worker threads' CPU to the calling thread's.
     */
    public static Figures run(int n, int txs, int perSecond, long seed, int threads) {
        double load0 = BenchMeter.loadAverage();
        long t0 = System.nanoTime();
        double c0 = BenchMeter.threadCpuSeconds();
        try (World w = new World(n, Map.of(), seed, threads)) {
            return run(w, txs, perSecond, load0, t0, c0, threads);
        }
    }

    private static Figures run(World w, int txs, int perSecond, double load0, long t0, double c0, int threads) {
        int n = w.nodes.size();
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        double buildCpu = BenchMeter.threadCpuSeconds() - c0 + w.net.workerCpuSeconds();
        long bytesPerNode = BenchMeter.heapAfterGc() / n;
        long addrManBytes = 0;
        long known = 0;
        for (BitcoinNode node : w.nodes) {
            addrManBytes += node.addrMan().footprintBytes();
            known += node.addrMan().size();
        }
        double meanOutbound = w.nodes.stream().mapToInt(x -> x.outboundPeers().size()).average().orElse(0);
        // printed at once: a large run on a loaded machine may be stopped before its last line
        int minOutbound = w.minOutbound();
        System.out.printf("bitcoin simulated " + (threads == 0 ? "" : "sharded on " + threads + " threads ") + "N=%d: built in %.2f s wall / %.2f s cpu (settled %.0f virtual s; outbound min %d, "
                + "mean %.2f); heap after build "
                + "%,d bytes per node (address manager %,d bytes per node for %.0f addresses); load average %.2f; relaying %,d "
                + "transactions...%n", n, buildSeconds, buildCpu, w.settledMillis / 1000.0, minOutbound, meanOutbound, bytesPerNode, addrManBytes / n, (double) known / n,
                BenchMeter.loadAverage(), txs);
        System.out.flush();
        long sentBefore = w.total("stream.framesSent");
        SplittableRandom pick = w.rng.split();
        double cpu0 = BenchMeter.threadCpuSeconds();
        double wk0 = w.net.workerCpuSeconds();
        double p0 = BenchMeter.processCpuSeconds();
        long v0 = w.net.nowMillis();
        long e0 = w.net.executedEvents();
        ShardedClock.Balance b0 = w.net.balance();
        long[] gc0 = BenchMeter.gc();
        long r0 = System.nanoTime();
        List<Long> ids = w.relay(txs, perSecond, pick);
        double relaySeconds = (System.nanoTime() - r0) / 1e9;
        long[] gc1 = BenchMeter.gc();
        // the threads' balance and the collector in the relay, on a line of their own (the figures' line is unchanged)
        System.out.printf("relay: %,d collections, %.2f s in them (the collectors' own figures)%s%n", gc1[0] - gc0[0],
                (gc1[1] - gc0[1]) / 1000.0, b0 == null ? "" : "; " + w.net.balance().minus(b0));
        double workerCpu = w.net.workerCpuSeconds() - wk0;
        double cpu = BenchMeter.threadCpuSeconds() - cpu0 + workerCpu;
        double processCpu = BenchMeter.processCpuSeconds() - p0;
        long messages = w.total("stream.framesSent") - sentBefore;
        int full = 0;
        for (long id : ids) {
            if (w.reached(id) >= n) {
                full++;
            }
        }
        return new Figures(n, txs, buildSeconds, buildCpu, relaySeconds, cpu, processCpu, messages, full, meanOutbound,
                w.net.nowMillis() - v0, bytesPerNode, addrManBytes / n, (double) known / n, BenchMeter.heapUsed() >> 20,
                load0, BenchMeter.loadAverage(), minOutbound, w.settledMillis,
                w.nodes.stream().mapToLong(BitcoinNode::seenCacheBytes).sum() / n, w.net.executedEvents() - e0, threads,
                workerCpu);
    }

    /**
     * File descriptors a loopback run of n bitcoin nodes in one JVM needs at most: per node its UDP socket, its TCP
     * listener, its outbound connections and as many inbound ones (both ends of a connection are in this JVM), and
     * room for one-shot (seed, feeler) connections; plus the JVM's own.
     */
    public static long descriptorsNeeded(int n) {
        int outbound = io.p2ptestbed.overlay.bitcoin.BitcoinConfig.defaults().outbound();
        return (long) n * (2 + 2 * outbound + 4) + 512;
    }

    /** The process's open-file limit (ulimit -n), or -1 when the JVM does not say. */
    public static long descriptorLimit() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean u ? u.getMaxFileDescriptorCount() : -1;
    }

    /**
     * N bitcoin nodes on real TCP sockets (the loopback runtime), {@code messages} transactions from random nodes, one
     * after another: coverage and latency percentiles from publication to delivery. Refuses, naming the limit, when
     * the open-file limit cannot hold the sockets.
     */
    public static String loopback(int n, int messages, long seed) {
        long limit = descriptorLimit();
        if (limit > 0 && descriptorsNeeded(n) > limit) {
            throw new IllegalArgumentException(n + " loopback bitcoin nodes need up to " + descriptorsNeeded(n)
                    + " file descriptors but the open-file limit (ulimit -n) is " + limit + "; raise it or use fewer nodes");
        }
        Scenario s = Scenario.defaults("bitcoin loopback bench", n).withProtocol("bitcoin").withRuntime(RuntimeKind.LOOPBACK)
                .withSeed(seed).withParams(Map.of("trickleMillis", "500"));
        double load0 = BenchMeter.loadAverage();
        double cpu0 = BenchMeter.processCpuSeconds();
        long t0 = System.nanoTime();
        try (LoopbackRuntime rt = new LoopbackRuntime(s)) {
            io.p2ptestbed.harness.runtime.BroadcastProbe rec = Broadcasts.attach(rt);
            rt.start();
            double build = (System.nanoTime() - t0) / 1e9;
            rt.advance(15_000);
            long open = openDescriptors();
            double cpu1 = BenchMeter.processCpuSeconds();
            long r0 = System.nanoTime();
            List<Broadcasts.Run> runs = Broadcasts.publishMany(rt, rec, messages, 32, 3_000, 120_000,
                    rt.seeds().stream("bench-broadcasts"));
            double relay = (System.nanoTime() - r0) / 1e9;
            double relayCpu = BenchMeter.processCpuSeconds() - cpu1;
            Broadcasts.Summary sum = Broadcasts.Summary.of(runs);
            double outbound = rt.nodes().stream().mapToInt(x -> rt.onOverlay(x,
                    o -> ((BitcoinNode) o).outboundPeers().size())).average().orElse(0);
            return String.format("bitcoin loopback N=%d (real TCP on 127.x addresses, port %d, trickle 500 ms, %d Netty event "
                            + "loops): built in %.1f s, mean outbound %.2f, %d file descriptors open (limit %d); %d "
                            + "transactions in %.1f s wall / %.1f s process cpu: mean coverage %.4f, %d reached every node; "
                            + "delivery latency p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; mean hops %.2f; process cpu "
                            + "%.1f s in all; load average %.2f before, %.2f after",
                    n, rt.labPort(), eventLoops(rt), build, outbound, open, limit, runs.size(), relay, relayCpu,
                    sum.meanCoverage(), sum.reachedAll(), sum.p50(), sum.p90(), sum.p99(), sum.maxLatency(), sum.meanHops(),
                    BenchMeter.processCpuSeconds() - cpu0, load0, BenchMeter.loadAverage());
        }
    }

    private static long openDescriptors() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean u ? u.getOpenFileDescriptorCount() : -1;
    }

    private static int eventLoops(LoopbackRuntime rt) {
        int k = 0;
        for (io.netty.util.concurrent.EventExecutor ignored : rt.eventLoopGroup()) {
            k++;
        }
        return k;
    }

    /**
     * {@code n txs perSecond [seed [threads]]}: one simulated run, printed (threads 0, the default: the single event
     * loop); {@code loopback n messages [seed]}: the loopback run.
     */
    public static void main(String[] a) {
        if (a.length > 0 && a[0].equals("loopback")) {
            System.out.println(loopback(Integer.parseInt(a[1]), Integer.parseInt(a[2]), a.length > 3 ? Long.parseLong(a[3]) : 1));
            return;
        }
        System.out.println(run(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2]),
                a.length > 3 ? Long.parseLong(a[3]) : 1, a.length > 4 ? Integer.parseInt(a[4]) : 0).line());
    }

}
