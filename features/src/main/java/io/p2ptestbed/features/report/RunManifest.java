package io.p2ptestbed.features.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@value #FILE_NAME}: what {@code testbed replay} needs to run a report's scenarios again, written
 * beside {@code run-report.json}. The run report itself stays runtime-neutral; this file pins each
 * scenario to its feature file and line, runtime and seed.
 *
 * @param runtimeOverride the {@code testbed.runtime} the run was started with, or null (scenario defaults)
 * @param seedOverride    the {@code testbed.seed} the run was started with, or null (each scenario's own seed)
 * @param extraGlue       step packages the run loaded besides the bundled ones ({@code testbed.glue})
 * @param baseline        the baseline file the baseline steps were pointed at ({@code testbed.baseline}), or null
 * @param scenarios       one entry per scenario, in execution order
 */
public record RunManifest(String format, String runtimeOverride, Long seedOverride, List<String> extraGlue,
                          String baseline, List<Scenario> scenarios) {

    public static final String FILE_NAME = "testbed-run.json";
    public static final String FORMAT = "p2ptestbed-run/1";

    /**
     * @param name         the scenario's name in run-report.json (unique within the run)
     * @param cucumberName the name Cucumber gave it (outline examples may share one)
     * @param uri          feature file URI as Cucumber saw it ({@code classpath:...} or {@code file:...})
     * @param line         scenario line; {@code uri:line} reruns exactly this scenario
     * @param featureCopy  copy of the feature file inside the report folder, relative to it
     * @param runtime      runtime the scenario actually ran on
     * @param seed         seed the scenario actually used
     * @param dir          the scenario's folder inside the report, or null if it wrote no files
     */
    public record Scenario(String name, String cucumberName, String uri, int line, String featureCopy, String runtime,
                           Long seed, String status, String dir) {

        public String location() {
            return uri + ":" + line;
        }
    }

    public RunManifest {
        format = format == null ? FORMAT : format;
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        extraGlue = extraGlue == null ? List.of() : List.copyOf(extraGlue);
    }

    public Optional<Scenario> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Path write(Path reportDir) {
        Path file = reportDir.resolve(FILE_NAME);
        ReportJson.write(this, file, true);
        return file;
    }

    /** The manifest of the report folder {@code reportDir}, if it has one. */
    public static Optional<RunManifest> read(Path reportDir) {
        Path file = reportDir.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(ReportJson.read(file, RunManifest.class)) : Optional.empty();
    }
}
