package io.p2ptestbed.features.steps;

import io.cucumber.java.en.Then;
import io.p2ptestbed.features.report.BaselineFiles;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.reports.Baseline;
import io.p2ptestbed.reports.BaselineMetric;
import io.p2ptestbed.reports.MetricDirection;
import io.p2ptestbed.reports.Regression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Steps that compare what this scenario measured with the checked-in baseline (see
 * {@link BaselineFiles} for where it is found). The scenario is looked up by its name; a missing
 * baseline file, scenario or metric fails the step with instructions, never passes silently.
 */
public class BaselineSteps {

    private final TestbedWorld world;

    public BaselineSteps(TestbedWorld world) {
        this.world = world;
    }

    /** Tolerance in percentage points of the 0..1 {@code lookup_success}: 1 point = 0.01. */
    @Then("lookup success is no worse than the baseline by more than {double} point(s)")
    public void lookupSuccessNoWorseThanBaseline(double points) {
        BaselineMetric b = expected("lookup_success");
        check("lookup_success", new BaselineMetric(b.value(), points / 100.0, MetricDirection.HIGHER_IS_BETTER));
    }

    /** Uses the tolerance and direction stored in the baseline. */
    @Then("metric {string} is no worse than the baseline")
    public void metricNoWorseThanBaseline(String metric) {
        check(metric, expected(metric));
    }

    private void check(String metric, BaselineMetric b) {
        double current = current(metric);
        double slack = b.tolerance() + 1e-12 * Math.max(1.0, Math.abs(b.value()));
        boolean worse = b.direction() == MetricDirection.HIGHER_IS_BETTER ? current < b.value() - slack
                : current > b.value() + slack;
        Regression r = new Regression(world.scenario().name(), metric, b.value(), current, b.tolerance(), b.direction());
        if (worse || Double.isNaN(current)) {
            throw new AssertionError("regression against the baseline " + file() + ": " + r.message());
        }
    }

    private double current(String metric) {
        Map<String, Double> m = world.metrics();
        Double v = m.get(metric);
        if (v == null) {
            throw new AssertionError("metric " + metric + " was not recorded in scenario \"" + world.scenario().name()
                    + "\" before this step; recorded: " + m.keySet());
        }
        return v;
    }

    private BaselineMetric expected(String metric) {
        Path file = file();
        Map<String, BaselineMetric> scenario = Baseline.read(file).scenarios().get(world.scenario().name());
        BaselineMetric b = scenario == null ? null : scenario.get(metric);
        if (b == null) {
            throw new AssertionError("no baseline for " + metric + " in \"" + world.scenario().name() + "\" in " + file
                    + " (current " + current(metric) + "); record one on purpose with: "
                    + "testbed baseline update --report <report>/run-report.json --baseline " + file);
        }
        return b;
    }

    private static Path file() {
        Path file = BaselineFiles.locate().orElseThrow(() -> new AssertionError("no baseline file: set -D"
                + BaselineFiles.PROPERTY + "=FILE or create " + BaselineFiles.DEFAULT_RELATIVE
                + " (testbed baseline update) in this folder or a parent"));
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("baseline file " + file + " does not exist (-D" + BaselineFiles.PROPERTY + ")");
        }
        return file;
    }
}
