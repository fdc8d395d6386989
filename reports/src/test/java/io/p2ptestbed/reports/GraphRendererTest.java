package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphRendererTest {
    @TempDir
    Path dir;

    private final GraphRenderer renderer = new GraphRenderer();

    /** The ring area: right of the legend column. Caption text uses no palette colours. */
    private static Rectangle graphArea(BufferedImage img) {
        int left = FrameDecorator.LEGEND_WIDTH + 24;
        return new Rectangle(left, 0, img.getWidth() - left, img.getHeight());
    }

    @Test
    void rendersDecodablePngWithEveryRoleColourInTheGraphAndTheLegend() {
        OverlayGraph g = TestGraphs.withFailures(TestGraphs.eclipse(30, 6, 4, 4, 1), 3);
        Path png = renderer.render(new Frame("Eclipse", 12_345, g, Map.of("lookup_success", 0.9)), dir.resolve("a/f.png"));

        BufferedImage img = Pixels.decode(png);
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(900);
        Rectangle graph = graphArea(img);
        assertThat(Pixels.count(img, RolePalette.HONEST, graph)).as("honest pixels").isGreaterThan(27 * 40);
        assertThat(Pixels.count(img, RolePalette.ATTACKER, graph)).as("attacker pixels").isGreaterThan(6 * 40);
        assertThat(Pixels.count(img, RolePalette.VICTIM, graph)).as("victim disc").isGreaterThan(600);
        assertThat(Pixels.count(img, RolePalette.FAILED_OUTLINE, graph)).as("failed outlines").isGreaterThan(3 * 10);
        Rectangle legend = new Rectangle(0, img.getHeight() - FrameDecorator.LEGEND_HEIGHT - 20,
                FrameDecorator.LEGEND_WIDTH + 20, FrameDecorator.LEGEND_HEIGHT + 20);
        for (var c : List.of(RolePalette.HONEST, RolePalette.ATTACKER, RolePalette.VICTIM, RolePalette.FAILED_OUTLINE)) {
            assertThat(Pixels.count(img, c, legend)).as("legend swatch %s", c).isGreaterThan(10);
        }
    }

    @Test
    void victimRoutesToAttackersAreDrawnRed() {
        Frame eclipsed = new Frame("e", 0, TestGraphs.eclipse(30, 6, 6, 6, 2), Map.of());
        Frame healthy = new Frame("h", 0, TestGraphs.eclipse(30, 6, 6, 0, 2), Map.of());
        BufferedImage e = Pixels.decode(renderer.render(eclipsed, dir.resolve("e.png")));
        BufferedImage h = Pixels.decode(renderer.render(healthy, dir.resolve("h.png")));
        int redEclipsed = Pixels.count(e, RolePalette.ATTACKER, graphArea(e));
        int redHealthy = Pixels.count(h, RolePalette.ATTACKER, graphArea(h));
        assertThat(redEclipsed).isGreaterThan(redHealthy + 500);
        assertThat(Pixels.count(h, RolePalette.VICTIM_EDGE, graphArea(h)))
                .isGreaterThan(Pixels.count(e, RolePalette.VICTIM_EDGE, graphArea(e)) + 200);
    }

    @Test
    void honoursImageSize() {
        GraphRenderer small = new GraphRenderer(new RenderOptions(800, 600, 300));
        Path png = small.render(new Frame("s", 0, TestGraphs.eclipse(10, 2, 3, 1, 3), Map.of()), dir.resolve("s.png"));
        BufferedImage img = Pixels.decode(png);
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(600);
    }

    @Test
    void largeGraphIsSampledAndTheCaptionSaysSo() {
        OverlayGraph g = TestGraphs.eclipse(3000, 40, 5, 5, 4);
        Frame f = new Frame("big", 1000, g, Map.of());
        NodeSample sample = NodeSample.select(List.of(g), RenderOptions.DEFAULTS.sampleThreshold());
        assertThat(FrameCaption.lines(f, sample)).anyMatch(l -> l.contains("sampled 300 of 3041 nodes"));
        BufferedImage img = Pixels.decode(renderer.render(f, dir.resolve("big.png")));
        assertThat(Pixels.count(img, RolePalette.VICTIM, graphArea(img))).isGreaterThan(600);
        assertThat(Pixels.count(img, RolePalette.ATTACKER, graphArea(img))).isGreaterThan(5 * 20);
    }

    @Test
    void captionNamesScenarioTimeMetricsAndEclipseState() {
        OverlayGraph g = TestGraphs.eclipse(20, 4, 4, 4, 5);
        List<String> lines = FrameCaption.lines(new Frame("Eclipse with IP limits", 83_250, g,
                Map.of("lookup_success", 0.912)), NodeSample.select(List.of(g), 300));
        assertThat(lines.get(0)).isEqualTo("Eclipse with IP limits");
        assertThat(lines.get(1)).contains("t = 1 min 23.250 s").contains("lookup_success = 0.9120");
        assertThat(lines.get(2)).startsWith("25 nodes (20 honest, 4 attacker, 1 victim, 0 failed)");
        assertThat(lines.get(3)).contains("4 of 4 routing entries point to attackers (100%) - ECLIPSED");
    }

    @Test
    void timelineWritesOneFramePerSnapshotWithStablePositions() throws Exception {
        OverlayGraph before = TestGraphs.eclipse(40, 6, 6, 0, 9);
        OverlayGraph during = TestGraphs.eclipse(40, 6, 6, 4, 9);
        OverlayGraph after = TestGraphs.withFailures(TestGraphs.eclipse(40, 6, 6, 6, 9), 2);
        List<Frame> frames = List.of(new Frame("t", 0, before, Map.of("x", 1.0)),
                new Frame("t", 5000, during, Map.of("x", 0.5)), new Frame("t", 10000, after, Map.of("x", 0.1)));

        Timeline t = renderer.renderTimeline(frames, dir.resolve("timeline"));

        assertThat(t.framePngs()).extracting(p -> p.getFileName().toString())
                .containsExactly("frame-000.png", "frame-001.png", "frame-002.png");
        assertThat(t.dgsFile()).isRegularFile();
        BufferedImage f0 = Pixels.decode(t.framePngs().get(0));
        BufferedImage f1 = Pixels.decode(t.framePngs().get(1));
        Set<Long> honest0 = Pixels.positions(f0, RolePalette.HONEST, graphArea(f0));
        Set<Long> honest1 = Pixels.positions(f1, RolePalette.HONEST, graphArea(f1));
        assertThat(honest0).as("honest node pixels in frame 0").hasSizeGreaterThan(40 * 40);
        assertThat(jaccard(honest0, honest1)).as("honest nodes drawn at the same pixels").isGreaterThan(0.9);
        assertThat(Pixels.count(f1, RolePalette.ATTACKER, graphArea(f1)))
                .isGreaterThan(Pixels.count(f0, RolePalette.ATTACKER, graphArea(f0)));
        assertThat(Files.size(t.dgsFile())).isGreaterThan(100);
    }

    private static double jaccard(Set<Long> a, Set<Long> b) {
        long inter = a.stream().filter(b::contains).count();
        return (double) inter / (a.size() + b.size() - inter);
    }
}
