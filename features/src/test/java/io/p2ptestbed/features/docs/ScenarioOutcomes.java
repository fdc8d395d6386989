package io.p2ptestbed.features.docs;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test plugin: each scenario's final status and error, by name, for tests that run Cucumber in-process. */
public final class ScenarioOutcomes implements ConcurrentEventListener {

    public static final Map<String, String> BY_NAME = new ConcurrentHashMap<>();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseFinished.class, e -> BY_NAME.put(e.getTestCase().getName(),
                e.getResult().getStatus() + (e.getResult().getError() == null ? "" : ": " + e.getResult().getError().getMessage())));
    }
}
