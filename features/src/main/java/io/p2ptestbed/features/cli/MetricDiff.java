package io.p2ptestbed.features.cli;

import io.p2ptestbed.reports.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Exact comparison of two results of the same scenario: verdict and every metric, bit for bit. */
final class MetricDiff {

    private MetricDiff() {}

    static List<String> between(ScenarioResult before, ScenarioResult after) {
        List<String> out = new ArrayList<>();
        if (before.verdict() != after.verdict()) {
            out.add("verdict: " + before.verdict() + " -> " + after.verdict());
        }
        TreeSet<String> names = new TreeSet<>(before.metrics().keySet());
        names.addAll(after.metrics().keySet());
        for (String m : names) {
            Double a = before.metrics().get(m);
            Double b = after.metrics().get(m);
            if (!Objects.equals(a, b)) {
                out.add(m + ": " + (a == null ? "missing" : a) + " -> " + (b == null ? "missing" : b));
            }
        }
        return out;
    }
}
