package io.p2ptestbed.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the overlay at one virtual instant, as drawn in one image of a time-lapse.
 *
 * @param caption           what is shown, typically the scenario name
 * @param virtualTimeMillis simulated time of the snapshot
 * @param graph             the routing graph at that instant
 * @param metrics           metric values at that instant, shown in the image caption (insertion order kept)
 */
public record Frame(String caption, long virtualTimeMillis, OverlayGraph graph, Map<String, Double> metrics) {
    public Frame {
        Objects.requireNonNull(graph, "graph");
        caption = caption == null ? "" : caption;
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
