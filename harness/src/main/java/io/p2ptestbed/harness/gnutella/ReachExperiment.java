package io.p2ptestbed.harness.gnutella;

import io.p2ptestbed.harness.metrics.DataFiles;
import io.p2ptestbed.overlay.gnutella.GnutellaNode;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.transport.sim.SimStreams;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.generate.RandomRegularGraphGenerator;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.util.SupplierUtil;

/**
 * The reach of a Gnutella flood against TTL and degree, compared with the tree formula
 * Σ_{i=1..t} d·(d−1)^(i−1) (issue 13, item 6). The formula counts the nodes within t hops of the origin when
 * the neighbourhood is a tree, so the topology must be d-regular: here a uniform random d-regular simple graph
 * (JGraphT's {@link RandomRegularGraphGenerator}, seeded), laid out by giving every servent its neighbours as a
 * fixed peer list ({@code topology=static}, {@code maxInbound=d}), on the simulated stream transport. Every link
 * has the same latency, so the first copy of a query reaches a node along a shortest path (with variable
 * latencies a copy on a longer path may come first, carry a smaller TTL and, duplicates being dropped, stop
 * early: reach would then fall below the ball). Per (d, t) it floods queries from random nodes and reports the
 * mean reach, the tree formula, and the exact number of nodes within t hops in the graph (the ball: what a
 * correct flood must reach); loops make the ball, and so the reach, smaller than the formula once the ball is
 * no longer small against N.
 */
public final class ReachExperiment {

    /** One-way latency of every link. */
    public static final long LATENCY_MILLIS = 20;

    /**
     * One point of the curve.
     *
     * @param meanReach nodes reached besides the origin, mean over the floods
     * @param meanBall  nodes within t hops in the graph besides the origin, mean over the same origins
     * @param formula   Σ_{i=1..t} d·(d−1)^(i−1)
     * @param meanCopies query copies sent per flood
     */
    public record Point(int nodes, int degree, int ttl, int floods, double meanReach, double meanBall, double formula,
                        double meanCopies, int irregularNodes) {

        public double ratio() {
            return meanReach / formula;
        }

        /** The formula's share of the network: where it nears 1 loops must cut reach. */
        public double formulaShare() {
            return formula / (nodes - 1);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "d=%d t=%d: reach %.1f, ball %.1f, formula %.0f (ratio %.3f, formula/N %.3f)",
                    degree, ttl, meanReach, meanBall, formula, ratio(), formulaShare());
        }
    }

    private ReachExperiment() {}

    /** Σ_{i=1..t} d·(d−1)^(i−1). */
    public static double treeFormula(int d, int ttl) {
        double sum = 0;
        double level = d;
        for (int i = 1; i <= ttl; i++) {
            sum += level;
            level *= d - 1;
        }
        return sum;
    }

    /** Runs every (degree, TTL) pair: one network per degree, {@code floods} floods per TTL. */
    public static List<Point> run(int nodes, int[] degrees, int[] ttls, int floods, long seed, Consumer<Point> each) {
        if (nodes < 10 || nodes > 200_000) {
            throw new IllegalArgumentException("the reach experiment needs 10 to 200,000 nodes, got " + nodes);
        }
        List<Point> out = new ArrayList<>();
        for (int d : degrees) {
            if (d < 2 || d >= nodes || (nodes * d) % 2 != 0) {
                throw new IllegalArgumentException("a d-regular graph of " + nodes + " nodes needs 2 <= d < N and N·d even, got d = " + d);
            }
            Network net = new Network(nodes, d, Math.max(7, max(ttls)), seed + 1000L * d);
            SplittableRandom pick = new SplittableRandom(seed * 31 + d);
            for (int t : ttls) {
                Point p = net.floods(t, floods, pick);
                out.add(p);
                each.accept(p);
            }
            net.stop();
        }
        return out;
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** A built d-regular network of servents and its graph. */
    static final class Network {
        final VirtualScheduler scheduler;
        final List<GnutellaNode> nodes;
        final Graph<Integer, DefaultEdge> graph;
        final int degree;
        private final RegularLayout layout;
        private final Map<Long, int[]> reach = new HashMap<>();

        Network(int n, int d, int maxTtl, long seed) {
            this.degree = d;
            Map<String, String> given = new LinkedHashMap<>();
            given.put("maxTtl", "" + maxTtl);
            given.put("files", "0");
            layout = new RegularLayout(n, d, given, LatencyModel.constant(LATENCY_MILLIS), seed, 10_000);
            scheduler = layout.scheduler;
            nodes = layout.nodes;
            graph = layout.graph;
            for (GnutellaNode node : nodes) {
                node.addDeliveryListener(del -> {
                    int[] r = reach.get(del.messageId());
                    if (r != null && del.hops() > 0) {
                        r[0]++;
                    }
                });
            }
        }

        /** Nodes whose open connections are not exactly d (0 when the layout took). */
        int irregular() {
            return layout.irregular(degree);
        }

        Point floods(int ttl, int floods, SplittableRandom pick) {
            double reachSum = 0, ballSum = 0;
            long copies = 0;
            for (int q = 0; q < floods; q++) {
                int origin = pick.nextInt(nodes.size());
                long before = sentQueries();
                int[] counter = new int[1];
                long id = nodes.get(origin).query("reach-" + q, ttl);
                reach.put(id, counter);
                // deliveries at hop 1 can only happen one latency later: the counter is in place in time
                scheduler.advance(LATENCY_MILLIS * (ttl + 2) + 100);
                reach.remove(id);
                reachSum += counter[0];
                ballSum += ball(origin, ttl);
                copies += sentQueries() - before;
            }
            return new Point(nodes.size(), degree, ttl, floods, reachSum / floods, ballSum / floods, treeFormula(degree, ttl),
                    (double) copies / floods, irregular());
        }

        private long sentQueries() {
            long s = 0;
            for (GnutellaNode g : nodes) {
                s += g.counters().get(GnutellaNode.BROADCAST_SENT);
            }
            return s;
        }

        /** Nodes within {@code t} hops of {@code origin} in the graph, the origin excluded (breadth-first). */
        int ball(int origin, int t) {
            Map<Integer, Integer> dist = new HashMap<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            dist.put(origin, 0);
            queue.add(origin);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                int dv = dist.get(v);
                if (dv == t) {
                    continue;
                }
                for (int w : Graphs.neighborListOf(graph, v)) {
                    if (!dist.containsKey(w)) {
                        dist.put(w, dv + 1);
                        queue.add(w);
                    }
                }
            }
            return dist.size() - 1;
        }

        void stop() {
            layout.stop();
        }
    }

    /** The curve as CSV: degree, TTL, floods, mean reach, ball, formula, ratio, formula over N, copies per flood. */
    public static void writeCsv(List<Point> points, Path file) {
        StringBuilder sb = new StringBuilder("nodes,degree,ttl,floods,mean_reach,mean_ball,tree_formula,ratio,formula_share,copies_per_flood\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.2f,%.2f,%.0f,%.4f,%.4f,%.1f%n", p.nodes(), p.degree(), p.ttl(),
                    p.floods(), p.meanReach(), p.meanBall(), p.formula(), p.ratio(), p.formulaShare(), p.meanCopies()));
        }
        DataFiles.write(file, sb);
    }
}
