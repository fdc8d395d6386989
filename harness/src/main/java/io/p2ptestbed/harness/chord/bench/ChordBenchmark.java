package io.p2ptestbed.harness.chord.bench;

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
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulated Chord figures, in the style of {@link SimulatedBenchmark}: N nodes made through
 * {@code Protocols.get("chord")} on one VirtualScheduler + SimNetwork (one-way latency uniform in 10..100 ms),
 * joined and run until every successor and predecessor is right; then lookups of random keys from random nodes,
 * a bounded number in flight (closed loop; default {@link #defaultInFlight}), while every node's stabilize,
 * fix_fingers, check_predecessor and reunion timers keep running as usual. Prints wall-clock build+stabilise
 * time, the workload (lookups per node per virtual second, maintenance lookups and messages meanwhile), lookups
 * per wall-clock and per CPU second, events per lookup, the share reaching the key's live successor, mean hops
 * against 1/2 log2 N, and heap. Asserts nothing.
 *
 * <p>Joins come in waves: each wave adds as many nodes as the ring holds (joins 2 ms apart in virtual time,
 * each through a random member), then the ring stabilises before the next wave. Chord's stabilize sorts
 * nodes that joined into the same gap one per round, so doubling waves keep every gap's pile small.
 */
public final class ChordBenchmark {

    public record Figures(int nodes, double buildSeconds, double buildCpuSeconds, long virtualBuildMillis, long events,
                          int waves, int lookups, int inFlight, double lookupSeconds, double lookupCpuSeconds,
                          long lookupEvents, long lookupVirtualMillis, long maintenanceLookups, long reunionLookups, long messages,
                          double lookupsPerSecond, double correctShare, double meanHops, int failed, long heapUsedMb) {

        public String line() {
            double half = 0.5 * Math.log(nodes) / Math.log(2);
            return String.format("chord simulated N=%d: built+stabilised in %.2f s wall / %.2f s cpu (%.1f s virtual, %d waves, "
                            + "%,d events), heap after build %d MB (%.1f KB/node); workload: %,d lookups of random keys from "
                            + "random nodes, %,d in flight (%.2f lookups per node per virtual second), maintenance running: "
                            + "%.1f s virtual, %,d maintenance lookups (%,d of them reunion checks), %,d messages; %.2f s wall / %.2f s cpu (%,d events, "
                            + "%.1f per lookup) = %.0f lookups/s wall, %.0f per cpu-second; %.3f%% reached the live "
                            + "successor, %d failed; mean hops %.2f (1/2 log2 N = %.2f) [java %s]",
                    nodes, buildSeconds, buildCpuSeconds, virtualBuildMillis / 1000.0, waves, events, heapUsedMb,
                    heapUsedMb * 1024.0 / nodes, lookups, inFlight, perNodeRate(), lookupVirtualMillis / 1000.0,
                    maintenanceLookups, reunionLookups, messages, lookupSeconds, lookupCpuSeconds, lookupEvents,
                    (double) lookupEvents / lookups, lookupsPerSecond, lookups / lookupCpuSeconds, 100 * correctShare,
                    failed, meanHops, half, Runtime.version());
        }

        /** Benchmark lookups per node per virtual second. */
        public double perNodeRate() {
            return lookups * 1000.0 / Math.max(1, lookupVirtualMillis) / nodes;
        }
    }

    /** Min / median / max of the build time and the lookup rate over repeated runs of one size. */
    public static String summary(List<Figures> runs) {
        double[] b = runs.stream().mapToDouble(Figures::buildSeconds).sorted().toArray();
        double[] l = runs.stream().mapToDouble(Figures::lookupsPerSecond).sorted().toArray();
        double[] c = runs.stream().mapToDouble(f -> f.lookups() / f.lookupCpuSeconds()).sorted().toArray();
        long all = runs.stream().filter(f -> f.correctShare() >= 0.999).count();
        return String.format("chord simulated N=%d, %d runs: built+stabilised min / median / max %.2f / %.2f / %.2f s wall; "
                        + "lookups/s wall %.0f / %.0f / %.0f; per cpu-second %.0f / %.0f / %.0f; %d of %d runs with >= 99.9%% "
                        + "reaching the live successor", runs.get(0).nodes(), runs.size(), b[0], b[b.length / 2],
                b[b.length - 1], l[0], l[l.length / 2], l[l.length - 1], c[0], c[c.length / 2], c[c.length - 1], all,
                runs.size());
    }

    /** The simulated world: nodes, their network and time. */
    static final class World {
        final VirtualScheduler scheduler = new VirtualScheduler();
        final SplittableRandom rng;
        final SimNetwork network;
        final OverlayProtocol chord = Protocols.get("chord");
        final ProtocolParams params;
        final List<OverlayNode> nodes = new ArrayList<>();
        final List<ChordView> views = new ArrayList<>();

        World(long seed, Map<String, String> params) {
            rng = new SplittableRandom(seed);
            network = new SimNetwork(scheduler, rng.split(), LatencyModel.uniform(10, 100), 0);
            this.params = chord.params(params);
        }

        OverlayNode add() {
            int i = nodes.size() + 1;
            NodeAddress a = NodeAddress.of(10, (i >>> 16) & 0xFF, (i >>> 8) & 0xFF, i & 0xFF, 6881);
            SplittableRandom r = rng.split();
            OverlayNode n = chord.create(new NodeContext(NodeId.random(r), network.open(a), scheduler, r, params));
            n.start();
            nodes.add(n);
            views.add(n.capability(ChordView.class).orElseThrow());
            return n;
        }

        /** Nodes whose first successor or predecessor is wrong. */
        int wrong() {
            ChordRing truth = ChordRing.of(nodes.stream().filter(OverlayNode::isRunning).map(OverlayNode::id).toList());
            int wrong = 0;
            for (int i = 0; i < nodes.size(); i++) {
                OverlayNode n = nodes.get(i);
                if (!n.isRunning()) {
                    continue;
                }
                ChordView v = views.get(i);
                List<Contact> s = v.successors();
                Contact p = v.predecessor();
                if (s.isEmpty() || p == null || !s.get(0).id().equals(truth.successorOfNode(n.id()))
                        || !p.id().equals(truth.predecessorOf(n.id()))) {
                    wrong++;
                }
            }
            return wrong;
        }

        /** Builds n nodes in doubling waves; returns the number of waves. */
        int build(int n, long gapMillis, long checkMillis) {
            add().join(List.of());
            int waves = 0;
            while (nodes.size() < n) {
                int members = nodes.size();
                int wave = Math.min(members, n - members);
                for (int k = 0; k < wave; k++) {
                    OverlayNode node = add();
                    NodeAddress seed = nodes.get(rng.nextInt(members)).address();
                    scheduler.schedule(k * gapMillis, () -> node.join(List.of(seed)));
                }
                scheduler.advance(wave * gapMillis + 500);
                while (wrong() > 0) {
                    scheduler.advance(checkMillis);
                }
                waves++;
            }
            return waves;
        }
    }

    /** CPU seconds of this (the simulation) thread: on a shared machine the figure that does not depend on the neighbours. */
    static double cpuSeconds() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    public static Figures run(int n, int lookups, int inFlight, long seed) {
        return run(n, lookups, inFlight, seed, 2);
    }

    /** @param joinGapMillis virtual time between two joins of a wave */
    public static Figures run(int n, int lookups, int inFlight, long seed, long joinGapMillis) {
        Map<String, String> params = Map.of("stabilizeMillis", "1000", "fixFingersMillis", "5000",
                "checkPredecessorMillis", "5000", "queryTimeoutMillis", "1000");
        World w = new World(seed, params);
        long t0 = System.nanoTime();
        double c0 = cpuSeconds();
        int waves = w.build(n, joinGapMillis, 500);
        // joiners seeded their fingers from their successors; one more fix_fingers period refreshes them
        w.scheduler.advance(5_000);
        double build = (System.nanoTime() - t0) / 1e9;
        double buildCpu = cpuSeconds() - c0;
        long virtual = w.scheduler.nowMillis();
        long events = w.scheduler.executedEvents();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;

        ChordRing truth = ChordRing.of(w.nodes.stream().map(OverlayNode::id).toList());
        long lookupsBefore = sum(w, "chord.lookups");
        long messagesBefore = sum(w, "chord.sent");
        long reunionBefore = sum(w, "chord.reunion.lookups");
        long t1 = System.nanoTime();
        double c1 = cpuSeconds();
        RouteDrivers.Tally tally = RouteDrivers.closedLoop(w.scheduler, w.nodes, lookups, inFlight,
                new SplittableRandom(seed * 31 + 7), NodeId::random, truth::successorOf);
        double secs = (System.nanoTime() - t1) / 1e9;
        double lookupCpu = cpuSeconds() - c1;
        long lookupEvents = w.scheduler.executedEvents() - events;
        long lookupVirtual = w.scheduler.nowMillis() - virtual;
        long maintenanceLookups = sum(w, "chord.lookups") - lookupsBefore - lookups;
        long messages = sum(w, "chord.sent") - messagesBefore;
        long reunion = sum(w, "chord.reunion.lookups") - reunionBefore;
        return new Figures(n, build, buildCpu, virtual, events, waves, lookups, inFlight, secs, lookupCpu, lookupEvents,
                lookupVirtual, maintenanceLookups, reunion, messages, lookups / secs,
                tally.correctShare(), (double) tally.hops() / lookups, (int) tally.failed(), heap);
    }

    /**
     * The default workload's concurrency: N/5 lookups in flight, closed loop (each finished lookup starts the next,
     * from a random node). At 10,000 nodes that is 2,000 in flight, about 0.28 lookups per node per virtual second
     * (one every 3.6 s), while every node stabilises each second, fixes a finger every 5 s and pings its
     * predecessor every 5 s. With a fixed 500 in flight the lookups of a 10,000-node ring are one per node every
     * 130 virtual seconds, and nearly all the work measured is maintenance (docs/benchmarks.md).
     */
    public static int defaultInFlight(int n) {
        return Math.max(1, n / 5);
    }

    /** Virtual ms between two joins of a build wave: 2, or 1 from 50,000 nodes (keeps the build under 3 minutes virtual). */
    public static long defaultJoinGap(int n) {
        return n >= 50_000 ? 1 : 2;
    }

    /** A counter summed over all nodes. */
    static long sum(World w, String counter) {
        long total = 0;
        for (OverlayNode node : w.nodes) {
            total += node.counters().getOrDefault(counter, 0L);
        }
        return total;
    }

    /**
     * Arguments: node counts (comma-separated, default 10000), lookups (default 20000), lookups in flight
     * (default {@code auto}: {@link #defaultInFlight}), seed (default 1), virtual ms between joins of a wave (default
     * {@code auto}: {@link #defaultJoinGap}), runs per size (default 1; more print min / median / max). For 100,000 nodes run
     * with -Xmx4g (the parallel collector, -XX:+UseParallelGC, spends far less time than G1 on this heap).
     */
    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000};
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String inFlightArg = args.length > 2 ? args[2] : "auto";
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
        String gapArg = args.length > 4 ? args[4] : "auto";
        int repeat = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        for (int n : sizes) {
            List<Figures> runs = new ArrayList<>();
            int inFlight = inFlightArg.equals("auto") ? defaultInFlight(n) : Integer.parseInt(inFlightArg);
            long gap = gapArg.equals("auto") ? defaultJoinGap(n) : Long.parseLong(gapArg);
            for (int i = 0; i < repeat; i++) {
                runs.add(run(n, lookups, inFlight, seed, gap));
                System.out.println(runs.get(i).line());
            }
            if (repeat > 1) {
                System.out.println(summary(runs));
            }
        }
    }
}
