package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    @TempDir
    Path dir;

    @Test
    void sweepChartIsAPngWithOneColouredLinePerDefence() {
        Map<String, List<double[]>> sweep = new LinkedHashMap<>();
        sweep.put("no defence", List.of(new double[] {0.0, 1.0}, new double[] {0.2, 0.6}, new double[] {0.1, 0.85}));
        sweep.put("IP limits", List.of(new double[] {0.0, 1.0}, new double[] {0.1, 0.99}, new double[] {0.2, 0.95}));
        Path png = Charts.lookupSuccessVsAdversaryFraction("Lookup success", sweep, dir.resolve("c/sweep.png"));

        BufferedImage img = Pixels.decode(png);
        assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
        assertThat(distinctSaturatedColours(img)).as("two differently coloured series").isGreaterThanOrEqualTo(2);
    }

    @Test
    void timelineShadesAttackIntervalsAndNothingElse() {
        List<TimeSeries.Point> pts = new ArrayList<>();
        for (int s = 0; s <= 100; s += 5) {
            pts.add(new TimeSeries.Point(s * 1000L, s < 40 ? 0.99 : 0.8));
        }
        List<TimeSeries> series = List.of(new TimeSeries("lookup_success", pts));
        List<Interval> attacks = List.of(new Interval("eclipse", 40_000, 60_000));
        XYChart chart = Charts.timelineChart("t", "lookup success", series, attacks);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        IntervalShading shading = (IntervalShading) chartAnnotation(chart);
        var plot = shading.getBounds();
        int y = (int) (plot.getMinY() + plot.getHeight() * 0.85);
        int inside = img.getRGB((int) (plot.getMinX() + plot.getWidth() * 0.52), y);
        int before = img.getRGB((int) (plot.getMinX() + plot.getWidth() * 0.2), y);
        int after = img.getRGB((int) (plot.getMinX() + plot.getWidth() * 0.8), y);
        Color band = shading.colourOf("eclipse");
        assertThat(new Color(before)).isEqualTo(Color.WHITE);
        assertThat(new Color(after)).isEqualTo(Color.WHITE);
        Color tinted = new Color(inside);
        assertThat(tinted).isNotEqualTo(Color.WHITE);
        assertThat(tinted.getRed()).isGreaterThan(tinted.getBlue()).as("orange band %s over white", band);

        Path png = Charts.metricTimeline("t", "lookup success", series, attacks, dir.resolve("timeline.png"));
        assertThat(Pixels.decode(png).getWidth()).isEqualTo(Charts.WIDTH);
    }

    @Test
    void seriesFromFramesUsesTheirMetric() {
        OverlayGraph g = TestGraphs.eclipse(5, 1, 2, 1, 1);
        TimeSeries ts = TimeSeries.fromFrames("m", List.of(new Frame("a", 10, g, Map.of("m", 0.5)),
                new Frame("b", 20, g, Map.of("other", 1.0)), new Frame("c", 30, g, Map.of("m", 0.25))));
        assertThat(ts.points()).containsExactly(new TimeSeries.Point(10, 0.5), new TimeSeries.Point(30, 0.25));
    }

    private static Object chartAnnotation(XYChart chart) {
        try {
            var f = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("annotations");
            f.setAccessible(true);
            return ((List<?>) f.get(chart)).get(0);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Counts hue buckets of strongly saturated pixels (series lines and markers). */
    private static int distinctSaturatedColours(BufferedImage img) {
        boolean[] hues = new boolean[12];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color c = new Color(img.getRGB(x, y));
                float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
                if (hsb[1] > 0.6 && hsb[2] > 0.4) {
                    hues[(int) (hsb[0] * 12) % 12] = true;
                }
            }
        }
        int n = 0;
        for (boolean h : hues) {
            n += h ? 1 : 0;
        }
        return n;
    }
}
