package io.p2ptestbed.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.graphstream.graph.Edge;
import org.graphstream.graph.Element;
import org.graphstream.graph.Graph;
import org.graphstream.graph.Node;

/**
 * Makes a GraphStream graph mirror one {@link OverlayGraph} restricted to a fixed node sample,
 * with fixed positions ({@code xyz}), so that no auto-layout ever runs. Used both to draw single
 * frames and, incrementally, to emit the add/remove/change events of a DGS time-lapse.
 */
final class SceneSync {
    static final int LABEL_ALL_NODES_UP_TO = 40;
    /** The force-directed layout's seed: the same picture on every render of the same graphs. */
    static final long FORCE_SEED = 42;

    private final Map<String, double[]> positions;
    private final Set<String> kept;
    private final boolean labelAll;

    SceneSync(NodeSample sample) {
        this(sample, List.of());
    }

    /**
     * Key-space ids (hex of one length) go on the {@link RingLayout} ring; other ids (an unstructured overlay,
     * see {@link ViewerLayout#kind}) get the viewer's seeded force-directed layout of the edges of {@code graphs}
     * among the kept nodes, so the key frame and the viewer draw the same picture.
     */
    SceneSync(NodeSample sample, List<OverlayGraph> graphs) {
        this.kept = sample.keptIds();
        if (ViewerLayout.kind(kept).equals(ViewerLayout.FORCE)) {
            List<GraphEdge> edges = graphs.stream().flatMap(g -> g.edges().stream()).toList();
            this.positions = ViewerLayout.force(kept, edges, FORCE_SEED);
        } else {
            Set<String> ring = sample.keptIds().stream()
                    .filter(id -> !sample.victimIds().contains(id)).collect(Collectors.toSet());
            this.positions = RingLayout.compute(ring, sample.victimIds());
        }
        this.labelAll = kept.size() <= LABEL_ALL_NODES_UP_TO;
    }

    Map<String, double[]> positions() {
        return positions;
    }

    void sync(Graph g, OverlayGraph target) {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        target.nodes().stream().filter(n -> kept.contains(n.id())).forEach(n -> nodes.put(n.id(), n));
        Map<String, GraphEdge> edges = new LinkedHashMap<>();
        target.edges().stream()
                .filter(e -> nodes.containsKey(e.from()) && nodes.containsKey(e.to()))
                .forEach(e -> edges.put(e.id(), e));

        List<String> staleEdges = g.edges().map(Edge::getId).filter(id -> !edges.containsKey(id)).toList();
        staleEdges.forEach(g::removeEdge);
        List<String> staleNodes = g.nodes().filter(n -> !isAnchor(n))
                .map(Node::getId).filter(id -> !nodes.containsKey(id)).toList();
        staleNodes.forEach(g::removeNode);

        for (GraphNode n : nodes.values()) {
            Node gn = g.getNode(n.id());
            if (gn == null) {
                gn = g.addNode(n.id());
                double[] p = positions.get(n.id());
                gn.setAttribute("xyz", p[0], p[1], 0.0);
            }
            set(gn, "ui.class", GraphStyle.classOf(n.role()));
            set(gn, "role", n.role().name());
            set(gn, "ui.label", label(n, target));
        }
        for (GraphEdge e : edges.values()) {
            Edge ge = g.getEdge(e.id());
            if (ge == null) {
                ge = g.addEdge(e.id(), e.from(), e.to(), true);
            }
            set(ge, "ui.class", edgeClass(e, nodes));
        }
    }

    /** Adds invisible corner nodes so the camera frames every image identically. */
    static void addAnchors(Graph g, double minX, double minY, double maxX, double maxY) {
        double[][] corners = {{minX, minY}, {maxX, maxY}};
        for (int i = 0; i < corners.length; i++) {
            Node a = g.addNode("__anchor" + i);
            a.setAttribute("xyz", corners[i][0], corners[i][1], 0.0);
            a.setAttribute("ui.class", GraphStyle.ANCHOR_CLASS);
        }
    }

    private static boolean isAnchor(Node n) {
        return GraphStyle.ANCHOR_CLASS.equals(n.getAttribute("ui.class"));
    }

    private String label(GraphNode n, OverlayGraph target) {
        if (n.role() == Role.VICTIM) {
            double share = target.attackerShareOfRoutes(n.id());
            String routes = Double.isNaN(share) ? "no routes"
                    : Math.round(share * 100) + "% of routes -> attackers";
            return "VICTIM " + n.label() + " (" + routes + ")";
        }
        return labelAll ? n.label() : null;
    }

    private static String edgeClass(GraphEdge e, Map<String, GraphNode> nodes) {
        boolean fromVictim = nodes.get(e.from()).role() == Role.VICTIM;
        boolean toAttacker = nodes.get(e.to()).role() == Role.ATTACKER;
        if (fromVictim) {
            return toAttacker ? GraphStyle.VICTIM_EDGE_TO_ATTACKER_CLASS : GraphStyle.VICTIM_EDGE_CLASS;
        }
        return toAttacker ? GraphStyle.EDGE_TO_ATTACKER_CLASS : null;
    }

    /** Sets, changes or removes an attribute only when its value differs (keeps DGS diffs small). */
    private static void set(Element el, String key, Object value) {
        Object old = el.getAttribute(key);
        if (Objects.equals(old, value)) {
            return;
        }
        if (value == null) {
            el.removeAttribute(key);
        } else {
            el.setAttribute(key, value);
        }
    }
}
