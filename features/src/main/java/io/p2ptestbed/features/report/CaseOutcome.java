package io.p2ptestbed.features.report;

import java.util.List;

/**
 * What Cucumber itself says about one finished test case, independent of what the scenario
 * recorded in its world.
 *
 * @param name           the pickle's name as Cucumber reports it
 * @param uri            the feature file, e.g. {@code classpath:io/p2ptestbed/suites/foundation/routing.feature}
 * @param line           line of the scenario (or of the example row of an outline) in that file
 * @param status         Cucumber's status name: PASSED, FAILED, SKIPPED, PENDING, UNDEFINED, AMBIGUOUS, UNUSED
 * @param message        why it did not pass (failing step and error), or empty
 * @param durationMillis wall-clock time of the test case
 */
public record CaseOutcome(String name, String uri, int line, List<String> tags, String status, String message,
                          long durationMillis) {

    public CaseOutcome {
        tags = tags == null ? List.of() : List.copyOf(tags);
        message = message == null ? "" : message;
    }

    /** {@code uri:line}, the form Cucumber accepts to run exactly this scenario again. */
    public String location() {
        return uri + ":" + line;
    }
}
