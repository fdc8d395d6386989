package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.Verdict;
import java.util.Locale;

/**
 * Which scenarios get the heavy files: the full GraphML, GEXF, DOT and DGS exports (gzipped) and
 * the PNG time-lapse. Every scenario always gets its viewer, key frame, charts and
 * {@value FrameStore#FILE_NAME} (from which {@code testbed render} writes any export later).
 */
public enum Exports {
    /** Only scenarios that did not pass (the default: keeps a whole-suite report small). */
    FAILED,
    /** Every scenario. */
    ALL;

    /** System property set by {@code testbed run --exports}. */
    public static final String PROPERTY = "testbed.report.exports";

    /** The policy of this run: {@value #PROPERTY} if set (failed or all), else FAILED. */
    public static Exports current() {
        String v = System.getProperty(PROPERTY, "failed").trim().toUpperCase(Locale.ROOT);
        return v.equals("ALL") ? ALL : FAILED;
    }

    public boolean full(Verdict verdict) {
        return this == ALL || verdict != Verdict.PASS;
    }
}
