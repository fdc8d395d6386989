package io.p2ptestbed.reports;

import java.util.List;
import java.util.Objects;

/**
 * A named metric sampled over virtual time.
 *
 * @param name   series name shown in the chart legend
 * @param points samples in any order (they are sorted by time when drawn)
 */
public record TimeSeries(String name, List<Point> points) {
    /** One sample: metric value at a virtual instant. */
    public record Point(long virtualTimeMillis, double value) {
    }

    public TimeSeries {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
    }

    /** The values of {@code metric} over the given frames; frames without that metric are skipped. */
    public static TimeSeries fromFrames(String metric, List<Frame> frames) {
        return new TimeSeries(metric, frames.stream()
                .filter(f -> f.metrics().get(metric) != null)
                .map(f -> new Point(f.virtualTimeMillis(), f.metrics().get(metric)))
                .toList());
    }
}
