package io.p2ptestbed.features.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.p2ptestbed.features.check.StepCheck;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.run.ScenarioRecord;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.reports.Frame;
import io.p2ptestbed.reports.GraphRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts and disposes the per-scenario world; hands its record and key frame to the report. */
public class Hooks {

    private final TestbedWorld world;

    public Hooks(TestbedWorld world) {
        this.world = world;
    }

    /** A tag {@code @runtime-NAME} pins the scenario's runtime, as "on the NAME runtime" does in its text. */
    static final String RUNTIME_TAG = "@runtime-";

    /**
     * Runs first: a scenario with a step that no definition matches fails here, naming the step and the
     * closest defined sentences, before any of its (possibly expensive) steps run ({@link StepCheck}).
     */
    @Before(order = 0)
    public void refuseUndefinedSteps(Scenario scenario) {
        StepCheck.refuseUndefined(scenario.getUri(), scenario.getLine());
    }

    @Before
    public void begin(Scenario scenario) {
        world.begin(scenario.getName());
        for (String tag : scenario.getSourceTagNames()) {
            if (tag.startsWith(RUNTIME_TAG)) {
                world.pinRuntime(io.p2ptestbed.harness.scenario.RuntimeKind.parse(tag.substring(RUNTIME_TAG.length())));
            }
        }
    }

    @After
    public void end(Scenario scenario) {
        try {
            if (world.started()) {
                world.snapshot(scenario.isFailed() ? "at failure" : "final state");
                if (scenario.isFailed()) {
                    // passes show their key frame and viewer in index.html; embedding every one made Cucumber's
                    // HTML and JSON reports 28 MB
                    attachKeyFrame(scenario, world.frames().get(world.frames().size() - 1));
                }
            }
            RunCollector.add(new ScenarioRecord(scenario.getName(), String.valueOf(scenario.getUri()),
                    world.scenario().runtime().label(), world.scenario().seed(), scenario.getStatus().name(), "",
                    Map.copyOf(world.metrics()), List.copyOf(world.frames()), List.copyOf(world.intervals()),
                    List.copyOf(world.dataFiles())));
        } finally {
            world.dispose();
        }
    }

    private static void attachKeyFrame(Scenario scenario, Frame frame) {
        try {
            Path png = Files.createTempFile("keyframe", ".png");
            new GraphRenderer().render(frame, png);
            scenario.attach(Files.readAllBytes(png), "image/png", "overlay graph: " + frame.caption());
            Files.deleteIfExists(png);
        } catch (Exception e) {
            scenario.log("could not render the key frame: " + e);
        }
    }
}
