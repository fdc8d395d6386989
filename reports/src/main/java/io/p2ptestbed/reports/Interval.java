package io.p2ptestbed.reports;

import java.util.Objects;

/**
 * A period of virtual time during which an attack or fault was active, shaded on timelines.
 *
 * @param label shown at the top of the shaded band, e.g. "eclipse" or "partition"
 * @param start virtual start time in milliseconds
 * @param end   virtual end time in milliseconds (inclusive, {@code >= start})
 */
public record Interval(String label, long start, long end) {
    public Interval {
        Objects.requireNonNull(label, "label");
        if (end < start) {
            throw new IllegalArgumentException("interval " + label + " ends before it starts: " + start + " > " + end);
        }
    }
}
