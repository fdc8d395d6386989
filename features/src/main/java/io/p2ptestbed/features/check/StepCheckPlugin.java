package io.p2ptestbed.features.check;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;

/**
 * Cucumber plugin that switches on {@link StepCheck}: a scenario with a step no definition matches
 * fails at once, naming the step and the closest defined sentences, before any of its steps runs.
 * {@link io.p2ptestbed.features.report.TestbedReportPlugin} includes it; name this one in
 * {@code cucumber.plugin} only when you run without the report plugin.
 */
public final class StepCheckPlugin implements ConcurrentEventListener {

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        StepCheck.register(publisher);
    }
}
