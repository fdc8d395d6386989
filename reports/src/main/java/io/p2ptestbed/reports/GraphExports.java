package io.p2ptestbed.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.BaseExporter;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.GraphExporter;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.gexf.GEXFAttributeType;
import org.jgrapht.nio.gexf.GEXFExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;

/**
 * Full (never sampled) routing-graph exports through JGraphT's exporters, for Gephi, yEd,
 * Graphviz or NetworkX. Every vertex carries {@code role} (HONEST/ATTACKER/VICTIM/FAILED) and
 * {@code label}; in DOT also a role {@code color}. Vertex ids are the node ids.
 */
public final class GraphExports {
    private GraphExports() {
    }

    /** The overlay as a JGraphT directed graph of node ids (duplicate edges collapsed). */
    public static Graph<GraphNode, GraphEdge> toJGraphT(OverlayGraph overlay) {
        Graph<GraphNode, GraphEdge> g = new DefaultDirectedGraph<>(GraphEdge.class);
        Map<String, GraphNode> byId = overlay.nodesById();
        byId.values().forEach(g::addVertex);
        overlay.edges().forEach(e -> g.addEdge(byId.get(e.from()), byId.get(e.to()), e));
        return g;
    }

    public static Path writeGraphMl(OverlayGraph overlay, Path file) {
        GraphMLExporter<GraphNode, GraphEdge> exporter = new GraphMLExporter<>(GraphNode::id);
        exporter.registerAttribute("role", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        exporter.registerAttribute("label", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        return export(exporter, overlay, file, false);
    }

    public static Path writeGexf(OverlayGraph overlay, Path file) {
        GEXFExporter<GraphNode, GraphEdge> exporter = new GEXFExporter<>(GraphNode::id, GraphEdge::id);
        exporter.registerAttribute("role", GEXFExporter.AttributeCategory.NODE, GEXFAttributeType.STRING);
        exporter.setCreator("p2ptestbed reports");
        return export(exporter, overlay, file, false);
    }

    /** DOT with {@code color}/{@code fillcolor} per role so {@code dot -Tsvg} shows the roles. */
    public static Path writeDot(OverlayGraph overlay, Path file) {
        DOTExporter<GraphNode, GraphEdge> exporter = new DOTExporter<>(GraphExports::dotId);
        return export(exporter, overlay, file, true);
    }

    private static Path export(BaseExporter<GraphNode, GraphEdge> exporter, OverlayGraph overlay, Path file,
            boolean dotStyle) {
        exporter.setVertexAttributeProvider(n -> vertexAttributes(n, dotStyle));
        Graph<GraphNode, GraphEdge> g = toJGraphT(overlay);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                ((GraphExporter<GraphNode, GraphEdge>) exporter).exportGraph(g, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        return file;
    }

    private static Map<String, Attribute> vertexAttributes(GraphNode n, boolean dotStyle) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        attrs.put("label", DefaultAttribute.createAttribute(n.label()));
        attrs.put("role", DefaultAttribute.createAttribute(n.role().name()));
        if (dotStyle) {
            attrs.put("style", DefaultAttribute.createAttribute("filled"));
            attrs.put("fillcolor", DefaultAttribute.createAttribute(RolePalette.hex(RolePalette.fill(n.role()))));
            attrs.put("color", DefaultAttribute.createAttribute(
                    RolePalette.hex(n.role() == Role.FAILED ? RolePalette.FAILED_OUTLINE : RolePalette.fill(n.role()))));
        }
        return attrs;
    }

    /** DOT ids must be quoted when they are not plain identifiers; JGraphT does not quote for us. */
    private static String dotId(GraphNode n) {
        return "\"" + n.id().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
