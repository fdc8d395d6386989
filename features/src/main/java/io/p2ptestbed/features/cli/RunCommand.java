package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import io.p2ptestbed.features.report.BaselineFiles;
import io.p2ptestbed.features.report.Exports;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.reports.Verdict;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code testbed run}: runs features and writes the report folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run features (default: all bundled) and write a report folder.", sortOptions = false,
        description = {"Runs the bundled features (or the given .feature files/folders) and writes a report folder:",
                "OUT/index.html, OUT/run-report.json, OUT/cucumber/cucumber.html, one folder per scenario."},
        footer = {"", "Exit codes: 0 all scenarios passed (and the gate, with --gate); 1 a scenario failed or the gate found a "
                + "regression; 2 bad arguments or no scenario matched."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Feature files or folders, optionally file.feature:LINE, or classpath: URIs. "
                    + "Default: every feature bundled in the jar (" + CucumberLauncher.BUNDLED + ").")
    List<String> paths = new ArrayList<>();

    @Option(names = "--runtime", paramLabel = "NAME", converter = RuntimeNames.class, defaultValue = "simulated",
            description = "Runtime for scenarios that do not pin one: simulated, loopback or docker. Default: ${DEFAULT-VALUE}.")
    RuntimeKind runtime;

    @Option(names = "--seed", paramLabel = "N", description = "Seed every scenario's world with N (default: each scenario's own seed).")
    Long seed;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "Cucumber tag expression. Default: 'not @docker and not @wip', or 'not @wip' with --runtime docker (@wip marks unfinished scenarios).")
    String tags;

    @Option(names = "--name", paramLabel = "REGEX", description = "Only scenarios whose name matches REGEX.")
    String name;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "testbed-report",
            description = "Report folder (emptied first if it holds an earlier report). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Baseline for --gate and for the baseline steps. Default: baseline/baseline.json in this folder "
                    + "or a parent.")
    Path baseline;

    @Option(names = "--gate", description = "Compare the run's metrics with the baseline; a regression fails the run. With the "
            + "default selection every baseline scenario must have run; with PATHs, --tags or --name only those that ran are checked.")
    boolean gate;

    @Option(names = "--glue", paramLabel = "PACKAGE", description = "Extra step-definition package (repeatable).")
    List<String> glue = new ArrayList<>();

    @Option(names = "--frames", paramLabel = "N", description = "Time-lapse frames drawn per scenario (first and last "
            + "included). Default: 6.")
    Integer frames;

    @Option(names = "--exports", paramLabel = "failed|all", defaultValue = "failed",
            description = "Which scenarios get the full exports (gzipped GraphML, GEXF, DOT, DGS) and the PNG time-lapse: "
                    + "failed (default) or all. Every scenario gets its viewer, key frame, charts and frames.json.gz "
                    + "(testbed render writes any export from it).")
    String exports;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (!exports.equals("failed") && !exports.equals("all")) {
            throw new UsageError("--exports must be 'failed' or 'all', got '" + exports + "'");
        }
        List<String> features = features(paths);
        Path baselineFile = baseline;
        if (gate) {
            baselineFile = baseline != null ? baseline : BaselineFiles.locate().orElseThrow(() -> new UsageError(
                    "--gate needs a baseline: none found at " + BaselineFiles.DEFAULT_RELATIVE + " here or above; give --baseline FILE"));
            if (!Files.isRegularFile(baselineFile)) {
                throw new UsageError("--baseline " + baselineFile + " does not exist");
            }
        }
        String tagExpr = tags != null ? tags : runtime == RuntimeKind.DOCKER || runtime == RuntimeKind.SWARM ? "not @wip" : "not @docker and not @wip";
        // every step of the selection is matched before anything runs or the report folder is emptied
        CucumberLauncher.Check check = CucumberLauncher.check(features, glue, tagExpr, name);
        if (!check.undefined().isEmpty()) {
            throw new UsageError(CucumberLauncher.describe(check.undefined()) + "\nNothing ran. See docs/steps.md, or "
                    + "'testbed check' to check feature files without running them.");
        }
        Path dir = OutputFolder.prepare(out);
        if (frames != null && frames < 1) {
            throw new UsageError("--frames must be at least 1, got " + frames);
        }
        CucumberLauncher.Request req = new CucumberLauncher.Request(features, glue, tagExpr, name, dir, runtime, seed,
                baselineFile, frames);
        // the default selection must cover the whole baseline; a chosen subset is gated on what it ran
        boolean subset = !paths.isEmpty() || tags != null || name != null;
        String savedExports = System.getProperty(Exports.PROPERTY);
        System.setProperty(Exports.PROPERTY, exports);
        RunSession.Result r;
        try {
            r = RunSession.execute(req, gate ? baselineFile : null, subset, w);
        } finally {
            if (savedExports == null) {
                System.clearProperty(Exports.PROPERTY);
            } else {
                System.setProperty(Exports.PROPERTY, savedExports);
            }
        }
        Summary.print(w, r);
        boolean allPassed = r.report().scenarios().stream().allMatch(s -> s.verdict() == Verdict.PASS);
        return allPassed && r.outcome().cucumberExit() == 0 && (r.gate() == null || r.gate().passed())
                ? TestbedCli.OK : TestbedCli.FAILED;
    }

    /** Checks that file arguments exist; classpath: URIs are left to Cucumber. */
    static List<String> features(List<String> paths) {
        if (paths.isEmpty()) {
            return List.of(CucumberLauncher.BUNDLED);
        }
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (!p.startsWith("classpath:")) {
                String file = p.replaceFirst("^file:", "").replaceFirst("(:\\d+)+$", "");
                if (!Files.exists(Path.of(file))) {
                    throw new UsageError("no such feature file or folder: " + p);
                }
            }
            out.add(p);
        }
        return out;
    }
}
