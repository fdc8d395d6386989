package io.p2ptestbed.features.cli;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.SummaryPrinter;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cucumber plugin that forwards scenario starts and ends to the CLI's progress display. Cucumber
 * creates plugins by class name from the {@code --plugin} argument, so the display is handed over
 * through a static field for the duration of one run (the CLI runs one Cucumber run at a time).
 * Being a {@link SummaryPrinter} keeps Cucumber from adding its own summary: the CLI prints one.
 */
public final class ProgressPlugin implements ConcurrentEventListener, SummaryPrinter {

    /** Receives scenario events; called from Cucumber's runner thread(s). */
    public interface Listener {
        void started(String scenario);

        void finished(String scenario, String status);

        /** All scenarios ran; the report folder is being written now. */
        void runFinished();
    }

    private static volatile Listener listener;
    private static final AtomicInteger COUNTED = new AtomicInteger();

    static void listen(Listener l) {
        listener = l;
    }

    /** Starts counting test cases (for the dry run that sizes the progress bar). */
    static void resetCount() {
        COUNTED.set(0);
    }

    static int counted() {
        return COUNTED.get();
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, e -> {
            COUNTED.incrementAndGet();
            Listener l = listener;
            if (l != null) {
                l.started(e.getTestCase().getName());
            }
        });
        publisher.registerHandlerFor(TestCaseFinished.class, e -> {
            Listener l = listener;
            if (l != null) {
                l.finished(e.getTestCase().getName(), e.getResult().getStatus().name());
            }
        });
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            Listener l = listener;
            if (l != null) {
                l.runFinished();
            }
        });
    }
}
