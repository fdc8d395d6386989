package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import io.p2ptestbed.features.report.RunManifest;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.ScenarioResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code testbed replay}: reruns a report's scenarios with the recorded seed and runtime, and compares. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        header = "Rerun a saved run with its seed and runtime; check the metrics are identical.", sortOptions = false,
        description = {"Reruns the scenarios of a saved run (same feature file and line, same seed and runtime), writes a new",
                "report folder and says whether every metric is identical to the recorded one. On the simulated runtime",
                "it must be: one seed derives the whole world."},
        footer = {"", "Exit codes: 0 identical metrics and verdicts; 1 something differs; 2 bad arguments."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--report", required = true, paramLabel = "FILE", description = "run-report.json (or its folder) to replay.")
    Path report;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Replay only this scenario (repeatable). Default: all.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder of the replay. Default: REPORT-FOLDER-replay.")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Baseline for the baseline steps. Default: the one the recorded run used.")
    Path baseline;

    @Option(names = "--glue", paramLabel = "PACKAGE", description = "Extra step-definition package besides those the recorded run used.")
    List<String> glue = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        ReportLocation loc = ReportLocation.of(report);
        RunReport recorded = loc.read();
        RunManifest manifest = RunManifest.read(loc.dir()).orElseThrow(() -> new UsageError(loc.dir()
                + " has no " + RunManifest.FILE_NAME + " (feature files, lines, seeds), so it cannot be replayed"));
        List<RunManifest.Scenario> chosen = choose(manifest, w);
        List<String> features = locations(loc.dir(), chosen);
        Path dir = OutputFolder.prepare(out != null ? out : loc.dir().resolveSibling(loc.dir().getFileName() + "-replay"));
        if (dir.equals(loc.dir())) {
            throw new UsageError("--out must differ from the replayed report folder");
        }
        RuntimeKind runtime = manifest.runtimeOverride() == null ? null : new RuntimeNames().convert(manifest.runtimeOverride());
        List<String> allGlue = new ArrayList<>(manifest.extraGlue());
        glue.stream().filter(g -> !allGlue.contains(g)).forEach(allGlue::add);
        Path steps = baseline != null ? baseline : manifest.baseline() == null ? null : Path.of(manifest.baseline());
        CucumberLauncher.Request req = new CucumberLauncher.Request(features, allGlue, null, null, dir, runtime,
                manifest.seedOverride(), steps, null);
        w.printf("replaying %d scenario%s of %s (seed %s, runtime %s)%n", chosen.size(), chosen.size() == 1 ? "" : "s",
                loc.file(), manifest.seedOverride() == null ? "per scenario" : manifest.seedOverride(),
                runtime == null ? "per scenario" : runtime.label());
        RunSession.Result r = RunSession.execute(req, null, true, w);
        boolean same = compare(w, recorded, manifest, r);
        Summary.print(w, r);
        w.println(same ? "replay: metrics identical to the recorded run" : "replay: metrics DIFFER from the recorded run");
        w.flush();
        return same ? TestbedCli.OK : TestbedCli.FAILED;
    }

    private List<RunManifest.Scenario> choose(RunManifest manifest, PrintWriter w) {
        if (scenarios.isEmpty()) {
            return manifest.scenarios();
        }
        List<RunManifest.Scenario> out = new ArrayList<>();
        for (String name : scenarios) {
            out.add(manifest.scenario(name).orElseThrow(() -> new UsageError("no scenario named '" + name
                    + "' in the report; it has: " + manifest.scenarios().stream().map(RunManifest.Scenario::name).toList())));
        }
        return out;
    }

    /** {@code uri:line[:line...]} per feature file; a file: URI that no longer exists falls back to the report's copy. */
    static List<String> locations(Path reportDir, List<RunManifest.Scenario> chosen) {
        Map<String, TreeSet<Integer>> lines = new LinkedHashMap<>();
        for (RunManifest.Scenario s : chosen) {
            lines.computeIfAbsent(source(reportDir, s), k -> new TreeSet<>()).add(s.line());
        }
        List<String> out = new ArrayList<>();
        lines.forEach((uri, ls) -> out.add(uri + ls.stream().map(l -> ":" + l).reduce("", String::concat)));
        return out;
    }

    private static String source(Path reportDir, RunManifest.Scenario s) {
        if (s.uri().startsWith("file:")) {
            Path original = Path.of(java.net.URI.create(s.uri()));
            if (!Files.isRegularFile(original) && s.featureCopy() != null && Files.isRegularFile(reportDir.resolve(s.featureCopy()))) {
                return reportDir.resolve(s.featureCopy()).toString();
            }
            return original.toString();
        }
        return s.uri();
    }

    /** Prints identical/different per scenario; matches scenarios by feature file name and line. */
    static boolean compare(PrintWriter w, RunReport recorded, RunManifest manifest, RunSession.Result replay) {
        RunManifest replayed = RunManifest.read(replay.dir()).orElseThrow();
        boolean same = true;
        int compared = 0;
        for (RunManifest.Scenario now : replayed.scenarios()) {
            Optional<RunManifest.Scenario> then = manifest.scenarios().stream()
                    .filter(m -> m.line() == now.line() && fileName(m.uri()).equals(fileName(now.uri()))).findFirst();
            Optional<ScenarioResult> before = then.flatMap(t -> recorded.scenario(t.name()));
            Optional<ScenarioResult> after = replay.report().scenario(now.name());
            if (before.isEmpty() || after.isEmpty()) {
                w.println("  NOT COMPARED " + now.name() + ": not found in the recorded report");
                same = false;
                continue;
            }
            compared++;
            List<String> diffs = MetricDiff.between(before.get(), after.get());
            if (diffs.isEmpty()) {
                w.printf("  IDENTICAL  %s (%d metrics, verdict %s)%n", now.name(), after.get().metrics().size(), after.get().verdict());
            } else {
                same = false;
                w.printf("  DIFFERENT  %s:%n", now.name());
                diffs.stream().limit(12).forEach(d -> w.println("             " + d));
                if (diffs.size() > 12) {
                    w.printf("             ... and %d more%n", diffs.size() - 12);
                }
            }
        }
        w.flush();
        return same && compared > 0;
    }

    private static String fileName(String uri) {
        return uri.substring(uri.replace('\\', '/').lastIndexOf('/') + 1);
    }
}
