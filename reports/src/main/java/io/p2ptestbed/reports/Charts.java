package io.p2ptestbed.reports;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** XChart PNG charts, rendered headless. Default size 1000x600. */
public final class Charts {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    private Charts() {
    }

    /**
     * Lookup success vs adversary fraction, one line per defence setting.
     *
     * @param byDefence per defence setting, points {@code {adversaryFraction, lookupSuccess}}
     */
    public static Path lookupSuccessVsAdversaryFraction(String title, Map<String, List<double[]>> byDefence, Path png) {
        Map<String, List<SweepPoint>> converted = new LinkedHashMap<>();
        byDefence.forEach((k, v) -> converted.put(k, v.stream().map(p -> new SweepPoint(p[0], p[1])).toList()));
        return lookupSuccessSweep(title, converted, png);
    }

    /** Same as {@link #lookupSuccessVsAdversaryFraction} with typed points. */
    public static Path lookupSuccessSweep(String title, Map<String, List<SweepPoint>> byDefence, Path png) {
        XYChart chart = base(title, "adversary fraction", "lookup success");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisMin(0.0);
        byDefence.forEach((defence, points) -> {
            List<SweepPoint> sorted = points.stream().sorted(Comparator.comparingDouble(SweepPoint::adversaryFraction)).toList();
            XYSeries s = chart.addSeries(defence,
                    sorted.stream().mapToDouble(SweepPoint::adversaryFraction).toArray(),
                    sorted.stream().mapToDouble(SweepPoint::lookupSuccess).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        return save(chart, png);
    }

    /**
     * Curves of any measured value against any x (e.g. the eclipse rate against the number of attacker addresses),
     * one line per curve name, points sorted by x.
     *
     * @param curves per curve name, points {@code {x, y}}
     */
    public static Path curves(String title, String xLabel, String yLabel, Map<String, List<double[]>> curves, Path png) {
        XYChart chart = base(title, xLabel, yLabel);
        curves.forEach((name, points) -> {
            List<double[]> sorted = points.stream().sorted(Comparator.comparingDouble(p -> p[0])).toList();
            XYSeries s = chart.addSeries(name, sorted.stream().mapToDouble(p -> p[0]).toArray(),
                    sorted.stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        return save(chart, png);
    }

    /**
     * A metric over virtual time (x axis in seconds) with attack/fault intervals shaded.
     *
     * @param yLabel    y-axis title, e.g. the metric name
     * @param intervals shaded periods; may be empty
     */
    public static Path metricTimeline(String title, String yLabel, List<TimeSeries> series, List<Interval> intervals,
            Path png) {
        return save(timelineChart(title, yLabel, series, intervals), png);
    }

    /** Builds (does not paint) the timeline chart; package-private for tests. */
    static XYChart timelineChart(String title, String yLabel, List<TimeSeries> series, List<Interval> intervals) {
        XYChart chart = base(title, "virtual time (s)", yLabel);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (TimeSeries ts : series) {
            List<TimeSeries.Point> pts = ts.points().stream()
                    .sorted(Comparator.comparingLong(TimeSeries.Point::virtualTimeMillis)).toList();
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = pts.stream().mapToDouble(p -> p.virtualTimeMillis() / 1000.0).toArray();
            chart.addSeries(ts.name(), x, pts.stream().mapToDouble(TimeSeries.Point::value).toArray())
                    .setMarker(pts.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            min = Math.min(min, x[0]);
            max = Math.max(max, x[x.length - 1]);
        }
        for (Interval i : intervals) {
            min = Math.min(min, i.start() / 1000.0);
            max = Math.max(max, i.end() / 1000.0);
        }
        if (min < max) {
            chart.getStyler().setXAxisMin(min).setXAxisMax(max);
        }
        if (!intervals.isEmpty()) {
            chart.addAnnotation(new IntervalShading(intervals));
        }
        return chart;
    }

    private static XYChart base(String title, String xLabel, String yLabel) {
        Headless.ensure();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setMarkerSize(7).setPlotBorderColor(Color.GRAY);
        return chart;
    }

    static Path save(XYChart chart, Path png) {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + png, e);
        }
        return png;
    }
}
