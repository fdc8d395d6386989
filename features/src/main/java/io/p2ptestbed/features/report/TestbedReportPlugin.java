package io.p2ptestbed.features.report;

import io.p2ptestbed.features.check.StepCheck;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestSourceRead;
import io.cucumber.plugin.event.TestStepFinished;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.run.ScenarioRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cucumber plugin that writes the run's report folder ({@link RunCollector#reportDir()}) when the
 * run finishes: per scenario the time-lapse, graph exports, charts and saved frames; the JSON run
 * report with verdicts and failure reasons; the replay manifest; and {@code index.html}.
 *
 * <p>Register it with {@code --plugin io.p2ptestbed.features.report.TestbedReportPlugin} or in
 * {@code cucumber.plugin}. Verdicts come from Cucumber's events (the failing step and its error);
 * metrics, frames and intervals from the {@link ScenarioRecord}s that the scenario hooks add to the
 * {@link RunCollector}. A record is matched to its test case as the one with the same name added
 * on the same thread between the case's start and finish, so parallel runs pair up correctly.
 */
public final class TestbedReportPlugin implements ConcurrentEventListener {

    private final Map<UUID, OpenCase> open = new ConcurrentHashMap<>();
    private final List<ReportFolder.Entry> finished = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final Set<ScenarioRecord> claimed = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private volatile Instant started = Instant.now();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        StepCheck.register(publisher);
        publisher.registerHandlerFor(TestRunStarted.class, e -> {
            started = e.getInstant();
            RunCollector.clear();
        });
        publisher.registerHandlerFor(TestSourceRead.class, e -> sources.put(e.getUri().toString(), e.getSource()));
        publisher.registerHandlerFor(TestCaseStarted.class,
                e -> open.put(e.getTestCase().getId(), new OpenCase(RunCollector.records().size())));
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::caseFinished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> runFinished(e.getInstant()));
    }

    private void stepFinished(TestStepFinished e) {
        OpenCase c = open.get(e.getTestCase().getId());
        Status s = e.getResult().getStatus();
        if (c == null || c.badStep != null || s == Status.PASSED || s == Status.SKIPPED && e.getResult().getError() == null) {
            return;
        }
        c.badStep = e.getTestStep() instanceof PickleStepTestStep p
                ? (p.getStep().getKeyword() + p.getStep().getText()).trim() : null;
        c.error = e.getResult().getError();
    }

    private void caseFinished(TestCaseFinished e) {
        TestCase tc = e.getTestCase();
        OpenCase c = open.remove(tc.getId());
        String status = e.getResult().getStatus().name();
        String message = "";
        if (e.getResult().getStatus() != Status.PASSED) {
            Throwable error = e.getResult().getError() != null ? e.getResult().getError() : c == null ? null : c.error;
            message = Verdicts.reason(status, c == null ? null : c.badStep, error);
        }
        CaseOutcome outcome = new CaseOutcome(tc.getName(), tc.getUri().toString(), tc.getLocation().getLine(),
                tc.getTags(), status, message, e.getResult().getDuration().toMillis());
        finished.add(new ReportFolder.Entry(outcome, claim(tc.getName(), c == null ? 0 : c.recordsAtStart)));
    }

    private ScenarioRecord claim(String name, int from) {
        List<ScenarioRecord> records = RunCollector.records();
        for (int i = Math.min(from, records.size()); i < records.size(); i++) {
            ScenarioRecord r = records.get(i);
            if (r.name().equals(name) && claimed.add(r)) {
                return r;
            }
        }
        return null;
    }

    private void runFinished(Instant end) {
        List<ReportFolder.Entry> entries;
        synchronized (finished) {
            entries = List.copyOf(finished);
        }
        try {
            ReportFolder.write(RunCollector.reportDir(), started, end, entries, sources);
        } catch (RuntimeException ex) {
            // a broken report must not hide the test results themselves; say so loudly
            System.err.println("[testbed] could not write the report folder " + RunCollector.reportDir() + ": " + ex);
            ex.printStackTrace();
        }
    }

    /** What is known about a test case while it runs. */
    private static final class OpenCase {
        final int recordsAtStart;
        volatile String badStep;
        volatile Throwable error;

        OpenCase(int recordsAtStart) {
            this.recordsAtStart = recordsAtStart;
        }
    }
}
