package io.p2ptestbed.features.check;

import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.StepDefinedEvent;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStep;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the steps of a run that match no step definition, before they cost anything.
 *
 * <p>Cucumber runs a scenario's steps in order and stops only at the undefined one, so a misspelt
 * last step used to fail after the scenario's expensive steps (building and attacking a network) had
 * run. This check listens to Cucumber's events: it learns every step definition's pattern as the glue
 * is loaded, and when a test case starts (before its hooks) it records the case's undefined steps
 * with the closest defined sentences. The testbed's first {@code @Before} hook
 * ({@link #refuseUndefined(URI, int)}) then fails the scenario with that message, so no step of it
 * runs. The CLI ({@code testbed check}, and {@code testbed run} before it starts) does the same over
 * a dry run of the whole selection.
 *
 * <p>Registered by {@link io.p2ptestbed.features.report.TestbedReportPlugin} and by
 * {@link StepCheckPlugin} (either is enough; both are harmless).
 */
public final class StepCheck {

    /** One step no definition matches, where it is, and the closest defined sentences. */
    public record Undefined(URI uri, int line, String keyword, String text, List<String> suggestions) {

        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(location()).append(": the step \"").append(keyword.strip()).append(' ').append(text)
                    .append("\" matches no step definition.");
            if (suggestions.isEmpty()) {
                b.append(" No defined sentence is close; see docs/steps.md.");
            } else {
                b.append(" Did you mean:");
                suggestions.forEach(s -> b.append("\n      ").append(s));
            }
            return b.toString();
        }

        public String location() {
            return shortUri(uri) + ":" + line;
        }
    }

    /** Thrown by the first hook of a scenario that has undefined steps: nothing of the scenario ran. */
    public static final class UndefinedStepsException extends RuntimeException {
        public UndefinedStepsException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> PATTERNS = ConcurrentHashMap.newKeySet();
    private static final Map<String, List<Undefined>> BY_CASE = new ConcurrentHashMap<>();
    private static final Set<EventPublisher> REGISTERED = ConcurrentHashMap.newKeySet();

    private StepCheck() {}

    /** Listens on a run's events (once per publisher, whoever asks). */
    public static void register(EventPublisher publisher) {
        if (!REGISTERED.add(publisher)) {
            return;
        }
        publisher.registerHandlerFor(TestRunStarted.class, e -> BY_CASE.clear());
        publisher.registerHandlerFor(StepDefinedEvent.class, e -> PATTERNS.add(e.getStepDefinition().getPattern()));
        publisher.registerHandlerFor(TestCaseStarted.class, e -> inspect(e.getTestCase()));
    }

    private static void inspect(TestCase tc) {
        List<Undefined> found = new ArrayList<>();
        for (TestStep step : tc.getTestSteps()) {
            if (step instanceof PickleStepTestStep p && p.getPattern() == null) {
                found.add(new Undefined(p.getUri(), p.getStepLine(), p.getStep().getKeyword(), p.getStepText(),
                        Suggestions.closest(p.getStepText(), PATTERNS, 3)));
            }
        }
        if (!found.isEmpty()) {
            BY_CASE.put(key(tc.getUri(), tc.getLocation().getLine()), List.copyOf(found));
        }
    }

    /** Every undefined step seen in the run so far (for the CLI's dry run). */
    public static List<Undefined> undefined() {
        return BY_CASE.values().stream().flatMap(Collection::stream).distinct()
                .sorted(StepCheck::compareLocation)
                .toList();
    }

    private static int compareLocation(Undefined a, Undefined b) {
        int c = a.uri().toString().compareTo(b.uri().toString());
        return c != 0 ? c : Integer.compare(a.line(), b.line());
    }

    /** The step patterns the loaded glue defines. */
    public static Set<String> patterns() {
        return Set.copyOf(PATTERNS);
    }

    /**
     * Fails the scenario at {@code uri:line} when it has undefined steps, with the message that names
     * them and the closest sentences; does nothing otherwise (or when the check was not registered).
     */
    public static void refuseUndefined(URI uri, int line) {
        List<Undefined> u = BY_CASE.get(key(uri, line));
        if (u == null) {
            return;
        }
        StringBuilder b = new StringBuilder("this scenario has ").append(u.size())
                .append(u.size() == 1 ? " step" : " steps").append(" that no step definition matches, so none of its steps ran:");
        u.forEach(x -> b.append("\n  ").append(x.describe()));
        throw new UndefinedStepsException(b.toString());
    }

    private static String key(URI uri, int line) {
        return uri + ":" + line;
    }

    static String shortUri(URI uri) {
        String s = uri.toString();
        if (s.startsWith("file:")) {
            String path = uri.getPath();
            String cwd = System.getProperty("user.dir") + "/";
            return path.startsWith(cwd) ? path.substring(cwd.length()) : path;
        }
        return s;
    }
}
