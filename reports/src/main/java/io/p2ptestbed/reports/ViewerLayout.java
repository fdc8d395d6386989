package io.p2ptestbed.reports;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.IndexedFRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.LayoutModel2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.alg.util.ToleranceDoubleComparator;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Node positions for the viewer, computed once per scenario over the nodes of all its frames, so a
 * node keeps its place in every frame. DHT ids (hex of one length: a keyspace) go on the
 * {@link RingLayout} ring in id order, victims in the centre; other ids (an unstructured overlay) get a
 * seeded force-directed layout (JGraphT's Barnes-Hut Fruchterman-Reingold) of the union of all edges.
 */
final class ViewerLayout {
    static final String RING = "ring";
    static final String FORCE = "force";
    /** Up to this many nodes the force layout computes every repulsion exactly (no Barnes-Hut quadtree). */
    static final int EXACT_UP_TO = 1500;

    private ViewerLayout() {
    }

    /** "ring" when every id is hex of the same length (a DHT keyspace), else "force". */
    static String kind(Collection<String> ids) {
        boolean hex = ids.stream().allMatch(id -> id.matches("[0-9a-fA-F]+"));
        return hex && ids.stream().mapToInt(String::length).distinct().count() <= 1 ? RING : FORCE;
    }

    static Map<String, double[]> ring(Collection<String> ids, Set<String> victims) {
        return RingLayout.compute(ids.stream().filter(id -> !victims.contains(id)).toList(), victims);
    }

    static Map<String, double[]> force(Collection<String> ids, Collection<GraphEdge> edges, long seed) {
        Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        ids.forEach(g::addVertex);
        for (GraphEdge e : edges) {
            if (!e.from().equals(e.to()) && g.containsVertex(e.from()) && g.containsVertex(e.to())) {
                g.addEdge(e.from(), e.to());
            }
        }
        MapLayoutModel2D<String> model = new MapLayoutModel2D<>(Box2D.of(0, 0, 2, 2));
        if (ids.size() <= EXACT_UP_TO) {
            // exact repulsion: Barnes-Hut's quadtree exhausted a 6 GB heap on a 1,000-node Gnutella graph (points that
            // meet keep splitting the tree); O(n^2) per iteration is cheap at this size
            new ExactFR<String, DefaultEdge>(100, new Random(seed)).layout(g, model);
        } else {
            try {
                new IndexedFRLayoutAlgorithm2D<String, DefaultEdge>(ids.size() > 3000 ? 50 : 100,
                        IndexedFRLayoutAlgorithm2D.DEFAULT_THETA_FACTOR, IndexedFRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR,
                        new Random(seed)).layout(g, model);
            } catch (IllegalArgumentException quadTreeRefused) {
                // JGraphT's FRQuadTree refuses a point that left its box (seen on Bitcoin's eclipse graphs: 1,600
                // attacker addresses with no edge). Fall back to exact repulsion with the iterations scaled down so
                // that the work stays that of 100 iterations at EXACT_UP_TO nodes.
                model = new MapLayoutModel2D<>(Box2D.of(0, 0, 2, 2));
                int iterations = (int) Math.max(5, 100L * EXACT_UP_TO * EXACT_UP_TO / ((long) ids.size() * ids.size()));
                new ExactFR<String, DefaultEdge>(iterations, new Random(seed)).layout(g, model);
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String id : ids) {
            Point2D p = model.get(id);
            out.put(id, new double[] {p.getX() - 1, p.getY() - 1});
        }
        return out;
    }

    /**
     * JGraphT's exact Fruchterman-Reingold with its O(n^2) repulsion step computed over arrays instead of the
     * model's map and the vertex set's iterators (that step was most of the report's time: 57% of a profiled
     * report folder's CPU). Same vertices in the same order, same arithmetic in the same order, same tolerance:
     * the positions are bit for bit those of {@link FRLayoutAlgorithm2D} ({@code ViewerLayoutTest} checks it).
     */
    static final class ExactFR<V, E> extends FRLayoutAlgorithm2D<V, E> {
        private static final double EPSILON = ToleranceDoubleComparator.DEFAULT_EPSILON;

        ExactFR(int iterations, Random rng) {
            super(iterations, FRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR, rng, EPSILON);
        }

        @Override
        protected Map<V, Point2D> calculateRepulsiveForces(Graph<V, E> graph, LayoutModel2D<V> model) {
            double ox = model.getDrawableArea().getMinX();
            double oy = model.getDrawableArea().getMinY();
            int n = graph.vertexSet().size();
            Object[] vs = new Object[n];
            double[] xs = new double[n];
            double[] ys = new double[n];
            int i = 0;
            for (V v : graph.vertexSet()) {
                Point2D p = model.get(v);
                vs[i] = v;
                xs[i] = p.getX() - ox;
                ys[i] = p.getY() - oy;
                i++;
            }
            Map<V, Point2D> disp = new HashMap<>(2 * n);
            for (int a = 0; a < n; a++) {
                double vx = xs[a];
                double vy = ys[a];
                double dispX = 0d;
                double dispY = 0d;
                for (int b = 0; b < n; b++) {
                    if (b == a) {
                        continue;
                    }
                    double ux = xs[b];
                    double uy = ys[b];
                    if (!(Math.abs(vx - ux) < EPSILON) || !(Math.abs(vy - uy) < EPSILON)) {
                        double dx = vx - ux;
                        double dy = vy - uy;
                        double len = Math.sqrt(dx * dx + dy * dy);
                        double f = repulsiveForce(len) / len;
                        dispX = dispX + dx * f;
                        dispY = dispY + dy * f;
                    }
                }
                @SuppressWarnings("unchecked")
                V v = (V) vs[a];
                disp.put(v, Point2D.of(dispX, dispY));
            }
            return disp;
        }
    }
}
