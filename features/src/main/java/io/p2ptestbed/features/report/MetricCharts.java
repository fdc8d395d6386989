package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.Artefact;
import io.p2ptestbed.reports.ArtefactKind;
import io.p2ptestbed.reports.Charts;
import io.p2ptestbed.reports.Frame;
import io.p2ptestbed.reports.Interval;
import io.p2ptestbed.reports.ScenarioArtefacts;
import io.p2ptestbed.reports.TimeSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timeline charts of a scenario, with its attack/fault intervals shaded. Only charts that show
 * something are drawn (at most {@value #MAX_CHARTS}): a metric that takes different values across
 * the frames (or a success/attacker-share metric present in several), and a metric family
 * {@code <name>_at_<N>s} (also {@code ms}, {@code min}; e.g. {@code success_at_30s} from a recovery
 * measurement) drawn as one series over N. A family's N counts from the start of the
 * scenario's interval when it has exactly one (the fault the measurement follows), otherwise from 0.
 */
final class MetricCharts {

    static final int MAX_CHARTS = 6;
    private static final Pattern FAMILY = Pattern.compile("(.+)_at_(\\d+)(ms|s|min)");

    private MetricCharts() {}

    static List<Artefact> write(Path reportDir, Path dir, String scenario, List<Frame> frames, List<Interval> intervals) {
        List<Artefact> out = new ArrayList<>();
        for (Map.Entry<String, TimeSeries> family : families(frames, intervals).entrySet()) {
            if (out.stream().filter(a -> a.scenario() != null).count() >= MAX_CHARTS) {
                return out;
            }
            List<Interval> shade = intervals.size() == 1 ? intervals : List.of();
            Path png = Charts.metricTimeline(scenario + ": " + family.getKey() + " over time", family.getKey(),
                    List.of(family.getValue()), shade, dir.resolve("chart-" + ScenarioArtefacts.slug(family.getKey()) + ".png"));
            out.add(Artefact.of(ArtefactKind.CHART, reportDir, png, scenario, family.getKey() + " over time"));
            // a measured curve (a value at 1 min, 2 min, ...) is also drawn run-wide in index.html
            out.add(Artefact.of(ArtefactKind.CHART, reportDir, png, null, scenario + ": " + family.getKey() + " over time"));
        }
        for (String metric : varying(frames)) {
            if (out.stream().filter(a -> a.scenario() != null).count() >= MAX_CHARTS) {
                break;
            }
            Path png = Charts.metricTimeline(scenario + ": " + metric, metric, List.of(TimeSeries.fromFrames(metric, frames)),
                    intervals, dir.resolve("chart-" + ScenarioArtefacts.slug(metric) + ".png"));
            out.add(Artefact.of(ArtefactKind.CHART, reportDir, png, scenario, metric + " over time"));
        }
        return out;
    }

    /** The timelines the viewer offers: the same families and varying metrics as the charts, unbounded. */
    static List<TimeSeries> series(List<Frame> frames, List<Interval> intervals) {
        List<TimeSeries> out = new ArrayList<>(families(frames, intervals).values());
        varying(frames).forEach(m -> out.add(TimeSeries.fromFrames(m, frames)));
        return out;
    }

    /**
     * Metrics (not family members) worth a timeline, most telling first: those with at least two
     * different values over the frames, and success or attacker-share metrics seen in two frames or
     * more even when flat (a flat 100% eclipse is the finding).
     */
    static List<String> varying(List<Frame> frames) {
        Map<String, Set<Double>> values = new TreeMap<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (Frame f : frames) {
            f.metrics().forEach((k, v) -> {
                if (v != null && !v.isNaN() && !FAMILY.matcher(k).matches()) {
                    values.computeIfAbsent(k, x -> new HashSet<>()).add(v);
                    seen.merge(k, 1, Integer::sum);
                }
            });
        }
        return values.entrySet().stream()
                .filter(e -> e.getValue().size() > 1 || rank(e.getKey()) <= 1 && seen.get(e.getKey()) > 1)
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparingInt(MetricCharts::rank).thenComparing(Comparator.naturalOrder())).toList();
    }

    /** {@code base -> series over N}, from the latest value of each {@code base_at_Ns} metric; only families of 2+. */
    static Map<String, TimeSeries> families(List<Frame> frames, List<Interval> intervals) {
        long offset = intervals.size() == 1 ? intervals.get(0).start() : 0;
        Map<String, Map<Long, Double>> points = new TreeMap<>();
        for (Frame f : frames) {
            f.metrics().forEach((k, v) -> {
                Matcher m = FAMILY.matcher(k);
                if (v != null && !v.isNaN() && m.matches()) {
                    long unit = switch (m.group(3)) {
                        case "ms" -> 1;
                        case "min" -> 60_000;
                        default -> 1000;
                    };
                    points.computeIfAbsent(m.group(1), x -> new TreeMap<>()).put(offset + Long.parseLong(m.group(2)) * unit, v);
                }
            });
        }
        Map<String, TimeSeries> out = new LinkedHashMap<>();
        new TreeSet<>(points.keySet()).stream().sorted(Comparator.comparingInt(MetricCharts::rank)).forEach(base -> {
            Map<Long, Double> p = points.get(base);
            if (p.size() > 1) {
                out.put(base, new TimeSeries(base, p.entrySet().stream()
                        .map(e -> new TimeSeries.Point(e.getKey(), e.getValue())).toList()));
            }
        });
        return out;
    }

    private static int rank(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (m.contains("success")) {
            return 0;
        }
        if (m.contains("share") || m.contains("eclipse") || m.contains("attacker") || m.contains("poison")) {
            return 1;
        }
        return 2;
    }
}
