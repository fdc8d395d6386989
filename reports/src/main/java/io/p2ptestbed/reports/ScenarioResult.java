package io.p2ptestbed.reports;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Result of one scenario in a run.
 *
 * @param name    scenario name, e.g. "Eclipse with IP limits"
 * @param verdict PASS, FAIL or UNKNOWN
 * @param message why: the failed expectation, or a short summary for passes
 * @param metrics final metric values, e.g. {@code lookup_success -> 0.998}
 */
public record ScenarioResult(String name, Verdict verdict, String message, Map<String, Double> metrics) {
    public ScenarioResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        message = message == null ? "" : message;
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
    }
}
