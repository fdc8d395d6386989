package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.check.StepCheck;
import io.p2ptestbed.features.check.StepCheckPlugin;
import io.cucumber.core.cli.Main;
import io.p2ptestbed.features.report.BaselineFiles;
import io.p2ptestbed.features.report.FrameSampler;
import io.p2ptestbed.features.report.TestbedReportPlugin;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs Cucumber in this JVM through {@link Main#run(String[], ClassLoader)}: first a dry run that
 * counts the selected scenarios (to size the progress bar), then the real run with the HTML, JSON
 * and JUnit reports in {@code OUT/cucumber/}, the progress plugin and the {@link TestbedReportPlugin}
 * that writes the rest of the report folder. The world reads {@code testbed.runtime},
 * {@code testbed.seed} and {@code testbed.report.dir}, the baseline steps {@code testbed.baseline};
 * they are set for the run and restored after.
 */
final class CucumberLauncher {

    /** Step libraries every run loads; {@code --glue} adds more. */
    static final List<String> GLUE = List.of("io.p2ptestbed.features.steps");
    /** Everything bundled in the jar. */
    static final String BUNDLED = "classpath:io/p2ptestbed/suites";

    /**
     * @param features feature files, directories, {@code classpath:} URIs, each optionally with {@code :LINE}
     * @param tags     tag expression, or null for all
     * @param name     scenario name regex, or null
     * @param runtime  runtime for scenarios that do not pin one, or null for their default
     * @param seed     seed for every scenario's world, or null for their own
     * @param baseline baseline file for the baseline steps, or null to let them search for one
     * @param frames   frames drawn per scenario, or null for the default
     */
    record Request(List<String> features, List<String> extraGlue, String tags, String name, Path out,
                   RuntimeKind runtime, Long seed, Path baseline, Integer frames) {}

    /** What happened: Cucumber's exit status, scenarios run, wall-clock time. */
    record Outcome(int cucumberExit, int scenarios, Duration wall) {}

    private CucumberLauncher() {}

    static int count(Request r) {
        Map<String, String> saved = setProperties(r);
        try {
            ProgressPlugin.resetCount();
            List<String> args = baseArgs(r);
            args.add("--dry-run");
            args.add("--plugin");
            args.add(ProgressPlugin.class.getName());
            args.addAll(r.features());
            Main.run(args.toArray(String[]::new), classLoader());
            return ProgressPlugin.counted();
        } finally {
            restore(saved);
        }
    }

    /** What a dry run found: the scenarios selected and the steps no definition matches. */
    record Check(int scenarios, List<StepCheck.Undefined> undefined) {}

    /**
     * Dry run of the selection with {@link StepCheck}: matches every step against the glue without
     * running anything. The request's output folder is not touched.
     */
    static Check check(List<String> features, List<String> extraGlue, String tags, String name) {
        Request r = new Request(features, extraGlue, tags, name, Path.of("."), null, null, null, null);
        Map<String, String> saved = setProperties(r);
        try {
            ProgressPlugin.resetCount();
            List<String> args = baseArgs(r);
            args.add("--dry-run");
            for (String plugin : List.of(ProgressPlugin.class.getName(), StepCheckPlugin.class.getName())) {
                args.add("--plugin");
                args.add(plugin);
            }
            args.addAll(r.features());
            Main.run(args.toArray(String[]::new), classLoader());
            return new Check(ProgressPlugin.counted(), StepCheck.undefined());
        } finally {
            restore(saved);
        }
    }

    /** The message for a selection with undefined steps. */
    static String describe(List<StepCheck.Undefined> undefined) {
        StringBuilder b = new StringBuilder().append(undefined.size())
                .append(undefined.size() == 1 ? " step matches" : " steps match").append(" no step definition:");
        undefined.forEach(u -> b.append("\n  ").append(u.describe()));
        return b.toString();
    }

    static Outcome run(Request r, int expected, PrintWriter out, PrintStream terminal) {
        Map<String, String> saved = setProperties(r);
        long t0 = System.nanoTime();
        try (ScenarioProgress progress = ScenarioProgress.start(expected, out, terminal)) {
            ProgressPlugin.resetCount();
            ProgressPlugin.listen(progress);
            Path cucumber = r.out().resolve("cucumber");
            List<String> args = baseArgs(r);
            for (String plugin : List.of("html:" + cucumber.resolve("cucumber.html"), "json:" + cucumber.resolve("cucumber.json"),
                    "junit:" + cucumber.resolve("cucumber-junit.xml"), ProgressPlugin.class.getName(),
                    TestbedReportPlugin.class.getName())) {
                args.add("--plugin");
                args.add(plugin);
            }
            args.addAll(r.features());
            byte exit = Main.run(args.toArray(String[]::new), classLoader());
            return new Outcome(exit, ProgressPlugin.counted(), Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            ProgressPlugin.listen(null);
            restore(saved);
        }
    }

    private static List<String> baseArgs(Request r) {
        List<String> args = new ArrayList<>();
        List<String> glue = new ArrayList<>(GLUE);
        glue.addAll(r.extraGlue());
        for (String g : glue) {
            args.add("--glue");
            args.add(g);
        }
        if (r.tags() != null && !r.tags().isBlank()) {
            args.add("--tags");
            args.add(r.tags());
        }
        if (r.name() != null && !r.name().isBlank()) {
            args.add("--name");
            args.add(r.name());
        }
        args.add("--monochrome");
        args.add("--no-summary");
        return args;
    }

    private static ClassLoader classLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : CucumberLauncher.class.getClassLoader();
    }

    private static Map<String, String> setProperties(Request r) {
        Map<String, String> values = new HashMap<>();
        values.put("testbed.runtime", r.runtime() == null ? null : r.runtime().label());
        values.put("testbed.seed", r.seed() == null ? null : String.valueOf(r.seed()));
        values.put("testbed.report.dir", r.out().toAbsolutePath().toString());
        values.put(FrameSampler.PROPERTY, r.frames() == null ? null : String.valueOf(r.frames()));
        values.put("testbed.glue", r.extraGlue().isEmpty() ? null : String.join(",", r.extraGlue()));
        if (r.baseline() != null) {
            values.put(BaselineFiles.PROPERTY, r.baseline().toAbsolutePath().toString());
        }
        values.put("cucumber.publish.quiet", "true");
        values.put("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        Map<String, String> saved = new HashMap<>();
        values.forEach((k, v) -> {
            saved.put(k, System.getProperty(k));
            set(k, v);
        });
        return saved;
    }

    private static void restore(Map<String, String> saved) {
        saved.forEach(CucumberLauncher::set);
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
