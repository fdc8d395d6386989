package io.p2ptestbed.reports;

/** Outcome of a scenario. UNKNOWN means it could not be decided (e.g. a metric is missing). */
public enum Verdict {
    PASS, FAIL, UNKNOWN;

    /** Sort rank for summaries: failures first, then unknowns, then passes. */
    int severityRank() {
        return switch (this) {
            case FAIL -> 0;
            case UNKNOWN -> 1;
            case PASS -> 2;
        };
    }
}
