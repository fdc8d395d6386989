package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.Verdict;
import java.util.Locale;

/**
 * Maps Cucumber's outcome to the report's three verdicts: PASSED is PASS, FAILED is FAIL, and
 * everything else (skipped, pending, undefined, ambiguous) is UNKNOWN, never a silent pass.
 */
public final class Verdicts {

    /** Longest reason kept in the report; the Cucumber report has the full stack trace. */
    static final int MAX_MESSAGE = 700;

    private Verdicts() {}

    public static Verdict of(String cucumberStatus) {
        return switch (cucumberStatus == null ? "" : cucumberStatus.toUpperCase(Locale.ROOT)) {
            case "PASSED" -> Verdict.PASS;
            case "FAILED" -> Verdict.FAIL;
            default -> Verdict.UNKNOWN;
        };
    }

    /**
     * One readable line: which step failed and the error, e.g. {@code Step "Then lookup success is
     * at least 99%" failed: [lookup success %] Expecting actual: 97.0 to be greater than or equal to: 99.0}.
     *
     * @param step  the first step that did not pass ("Then ..."), or null if the failure was in a hook
     * @param error the error Cucumber reported, or null
     */
    static String reason(String status, String step, Throwable error) {
        String what = status == null ? "UNKNOWN" : status.toUpperCase(Locale.ROOT);
        StringBuilder s = new StringBuilder();
        if (step != null) {
            s.append("Step \"").append(step).append("\" ").append(verb(what));
        } else {
            s.append(what.equals("FAILED") ? "A hook failed" : what);
        }
        if (error != null) {
            String msg = error.getMessage() == null ? "" : error.getMessage();
            boolean assertion = error instanceof AssertionError;
            s.append(": ").append(assertion ? "" : error.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": ")).append(msg);
        } else if (what.equals("UNDEFINED")) {
            s.append(": no step definition matches it");
        }
        return shorten(s.toString());
    }

    private static String verb(String status) {
        return switch (status) {
            case "FAILED" -> "failed";
            case "UNDEFINED" -> "is undefined";
            case "PENDING" -> "is pending";
            case "AMBIGUOUS" -> "is ambiguous";
            case "SKIPPED" -> "was skipped";
            default -> "ended " + status;
        };
    }

    /** Collapses whitespace (AssertJ messages span lines) and caps the length. */
    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
