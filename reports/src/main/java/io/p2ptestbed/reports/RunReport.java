package io.p2ptestbed.reports;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Machine-readable summary of one run, written as {@value #FILE_NAME} into the report folder.
 *
 * @param seed       the seed every scenario of the run used (reproduce with the same seed), or null when the
 *                   scenarios ran with their own seeds (each scenario's message names its seed)
 * @param started    wall-clock start
 * @param finished   wall-clock end
 * @param runtime    wall-clock runtime
 * @param scenarios  one result per scenario
 * @param versions   project, Java and library versions
 * @param artefacts  files of the report folder (paths relative to it)
 */
public record RunReport(Long seed, Instant started, Instant finished, Duration runtime,
        List<ScenarioResult> scenarios, Versions versions, List<Artefact> artefacts) {
    public static final String FILE_NAME = "run-report.json";

    public RunReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        runtime = runtime == null ? Duration.between(started, finished) : runtime;
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        versions = versions == null ? Versions.detect() : versions;
        artefacts = artefacts == null ? List.of() : List.copyOf(artefacts);
    }

    /** Report with runtime = finished - started and detected versions. */
    public static RunReport of(Long seed, Instant started, Instant finished, List<ScenarioResult> scenarios,
            List<Artefact> artefacts) {
        return new RunReport(seed, started, finished, null, scenarios, Versions.detect(), artefacts);
    }

    public List<String> scenarioNames() {
        return scenarios.stream().map(ScenarioResult::name).toList();
    }

    /** FAIL if any scenario failed, else UNKNOWN if any is unknown or there are none, else PASS. */
    public Verdict overallVerdict() {
        return scenarios.stream().map(ScenarioResult::verdict)
                .min(Comparator.comparingInt(Verdict::severityRank)).orElse(Verdict.UNKNOWN);
    }

    public Optional<ScenarioResult> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<Artefact> artefacts(ArtefactKind kind, String scenario) {
        return artefacts.stream().filter(a -> a.kind() == kind && Objects.equals(a.scenario(), scenario)).toList();
    }

    /** A copy with more artefacts appended. */
    public RunReport withArtefacts(List<Artefact> more) {
        List<Artefact> all = new java.util.ArrayList<>(artefacts);
        all.addAll(more);
        return new RunReport(seed, started, finished, runtime, scenarios, versions, all);
    }

    public Path write(Path file) {
        Json.write(this, file);
        return file;
    }

    public static RunReport read(Path file) {
        return Json.read(file, RunReport.class);
    }
}
