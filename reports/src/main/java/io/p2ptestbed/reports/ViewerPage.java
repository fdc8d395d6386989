package io.p2ptestbed.reports;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * The interactive viewer of one scenario: {@code <scenario>/viewer.html} plus its data
 * {@code <scenario>/viewer-data.js}, and once per report the shared {@value #ASSETS_DIR}/ folder
 * (viewer.js, viewer.css and the vendored sigma.js + graphology builds). Opens from disk
 * ({@code file://}): the data is a script that sets {@code P2P_VIEWER_DATA} to base64 of gzipped
 * JSON, which the page inflates with the browser's DecompressionStream.
 *
 * <p>Data ({@value #FORMAT}): {@code {"scenario", "layout": "ring"|"force", "nodes": [[id, label,
 * address, x, y], ...] (every node of every frame), "intervals": [{label, start, end}], "series":
 * [{name, points: [{virtualTimeMillis, value}]}], "frames": [{caption, t, metrics, roles, edges}]}},
 * where {@code roles} has one letter per node (H honest, A attacker, V victim, F failed, - absent)
 * and {@code edges} is flat {@code [from, to, adversarial(0|1), ...]} over node indices.
 */
public final class ViewerPage {
    public static final String FORMAT = "p2ptestbed-viewer/1";
    public static final String HTML = "viewer.html";
    public static final String DATA = "viewer-data.js";
    public static final String ASSETS_DIR = "viewer";
    static final String RESOURCES = "/io/p2ptestbed/reports/viewer/";
    static final List<String> ASSETS = List.of("viewer.js", "viewer.css", "vendor/sigma.min.js",
            "vendor/graphology.umd.min.js", "vendor/sigma.LICENSE.txt", "vendor/graphology.LICENSE.txt");

    /** The JSON behind a viewer (see the class comment). */
    public record Data(String format, String scenario, String layout, List<List<Object>> nodes,
                       List<Interval> intervals, List<TimeSeries> series, List<DataFrame> frames) {}

    /** One frame: roles per node index and flat edge triples. */
    public record DataFrame(String caption, long t, Map<String, Double> metrics, String roles, int[] edges) {}

    private ViewerPage() {
    }

    /** Copies the shared scripts into {@code reportDir/viewer/} (once per report). */
    public static void writeAssets(Path reportDir) {
        for (String asset : ASSETS) {
            Path target = reportDir.resolve(ASSETS_DIR).resolve(asset);
            try (InputStream in = ViewerPage.class.getResourceAsStream(RESOURCES + asset)) {
                if (in == null) {
                    throw new IllegalStateException("viewer resource missing from the jar: " + asset);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + target, e);
            }
        }
    }

    /**
     * Writes {@code dir/viewer.html} and {@code dir/viewer-data.js} for a scenario ({@code dir} is a
     * direct sub-folder of the report folder) and returns the HTML file.
     *
     * @param series metric timelines drawn under the graph, with {@code intervals} shaded
     */
    public static Path write(Path dir, String scenario, List<Frame> frames, List<Interval> intervals,
                             List<TimeSeries> series, long seed) {
        Data data = data(scenario, frames, intervals, series, seed);
        try {
            Files.createDirectories(dir);
            byte[] json = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(data);
            String js = "window.P2P_VIEWER_DATA = \"" + Base64.getEncoder().encodeToString(gzip(json)) + "\";\n";
            Files.writeString(dir.resolve(DATA), js, StandardCharsets.US_ASCII);
            Path html = dir.resolve(HTML);
            Files.writeString(html, template().replace("{{TITLE}}", Html.esc(scenario)), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the viewer into " + dir, e);
        }
    }

    static Data data(String scenario, List<Frame> frames, List<Interval> intervals, List<TimeSeries> series, long seed) {
        Map<String, GraphNode> all = new LinkedHashMap<>();
        Set<String> victims = new LinkedHashSet<>();
        List<GraphEdge> allEdges = new ArrayList<>();
        for (Frame f : frames) {
            for (GraphNode n : f.graph().nodes()) {
                all.merge(n.id(), n, (old, now) -> now.address() == null && old.address() != null ? old : now);
                if (n.role() == Role.VICTIM) {
                    victims.add(n.id());
                }
            }
            allEdges.addAll(f.graph().edges());
        }
        String layout = ViewerLayout.kind(all.keySet());
        Map<String, double[]> pos = layout.equals(ViewerLayout.RING) ? ViewerLayout.ring(all.keySet(), victims)
                : ViewerLayout.force(all.keySet(), allEdges, seed);
        Map<String, Integer> index = new HashMap<>();
        List<List<Object>> nodes = new ArrayList<>();
        for (GraphNode n : all.values()) {
            index.put(n.id(), nodes.size());
            double[] p = pos.get(n.id());
            nodes.add(java.util.Arrays.asList(n.id(), n.label(), n.address(), round(p[0]), round(p[1])));
        }
        List<DataFrame> out = new ArrayList<>();
        for (Frame f : frames) {
            char[] roles = new char[nodes.size()];
            java.util.Arrays.fill(roles, '-');
            f.graph().nodes().forEach(n -> roles[index.get(n.id())] = n.role().name().charAt(0));
            List<GraphEdge> edges = f.graph().edges();
            int[] flat = new int[edges.size() * 3];
            for (int i = 0; i < edges.size(); i++) {
                GraphEdge e = edges.get(i);
                flat[3 * i] = index.get(e.from());
                flat[3 * i + 1] = index.get(e.to());
                flat[3 * i + 2] = e.adversarial() ? 1 : 0;
            }
            out.add(new DataFrame(f.caption(), f.virtualTimeMillis(), f.metrics(), new String(roles), flat));
        }
        return new Data(FORMAT, scenario, layout, nodes, List.copyOf(intervals), List.copyOf(series), out);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(bytes);
        }
        return buf.toByteArray();
    }

    private static String template() throws IOException {
        try (InputStream in = ViewerPage.class.getResourceAsStream(RESOURCES + "viewer.html")) {
            if (in == null) {
                throw new IllegalStateException("viewer.html template missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
