package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.nio.dot.DOTImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GraphExportsTest {
    @TempDir
    Path dir;

    private final OverlayGraph graph = TestGraphs.withFailures(TestGraphs.eclipse(20, 4, 3, 3, 5), 2);

    @Test
    void graphMlHasEveryNodeEdgeAndRole() throws Exception {
        Document doc = parse(GraphExports.writeGraphMl(graph, dir.resolve("g/graph.graphml")));
        NodeList nodes = doc.getElementsByTagName("node");
        assertThat(nodes.getLength()).isEqualTo(graph.nodes().size());
        assertThat(doc.getElementsByTagName("edge").getLength()).isEqualTo(graph.edges().size());
        String roleKey = keyId(doc, "role");
        Map<String, String> roles = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            NodeList data = n.getElementsByTagName("data");
            for (int j = 0; j < data.getLength(); j++) {
                Element d = (Element) data.item(j);
                if (d.getAttribute("key").equals(roleKey)) {
                    roles.put(n.getAttribute("id"), d.getTextContent());
                }
            }
        }
        graph.nodes().forEach(n -> assertThat(roles).containsEntry(n.id(), n.role().name()));
    }

    @Test
    void gexfHasEveryNodeWithRoleAttribute() throws Exception {
        Document doc = parse(GraphExports.writeGexf(graph, dir.resolve("graph.gexf")));
        assertThat(doc.getElementsByTagName("node").getLength()).isEqualTo(graph.nodes().size());
        assertThat(doc.getElementsByTagName("edge").getLength()).isEqualTo(graph.edges().size());
        NodeList attvalues = doc.getElementsByTagName("attvalue");
        long attackers = 0;
        for (int i = 0; i < attvalues.getLength(); i++) {
            if (((Element) attvalues.item(i)).getAttribute("value").equals("ATTACKER")) {
                attackers++;
            }
        }
        assertThat(attackers).isEqualTo(4);
    }

    @Test
    void dotImportsBackWithRolesAndColours() {
        Path dot = GraphExports.writeDot(graph, dir.resolve("graph.dot"));
        Graph<String, DefaultEdge> back = new DefaultDirectedGraph<>(DefaultEdge.class);
        Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
        DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addVertexAttributeConsumer((p, a) -> attrs.computeIfAbsent(p.getFirst(), k -> new HashMap<>())
                .put(p.getSecond(), a.getValue()));
        importer.importGraph(back, dot.toFile());
        assertThat(back.vertexSet()).hasSize(graph.nodes().size());
        assertThat(back.edgeSet()).hasSize(graph.edges().size());
        assertThat(attrs.get(TestGraphs.VICTIM)).containsEntry("role", "VICTIM")
                .containsEntry("fillcolor", RolePalette.hex(RolePalette.VICTIM));
    }

    private static Document parse(Path file) throws Exception {
        assertThat(file).isRegularFile();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String keyId(Document doc, String attrName) {
        NodeList keys = doc.getElementsByTagName("key");
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            if (attrName.equals(k.getAttribute("attr.name")) && "node".equals(k.getAttribute("for"))) {
                return k.getAttribute("id");
            }
        }
        throw new AssertionError("no GraphML key for " + attrName);
    }
}
