package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import io.p2ptestbed.features.report.BaselineFiles;
import io.p2ptestbed.features.report.GateRun;
import io.p2ptestbed.features.report.RunManifest;
import io.p2ptestbed.reports.Baseline;
import io.p2ptestbed.reports.BaselineGate;
import io.p2ptestbed.reports.GateResult;
import io.p2ptestbed.reports.RunReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code testbed gate}: a saved run against the baseline, for CI. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        header = "Compare a saved run with the baseline (exit 1 on regression), write JUnit XML.", sortOptions = false,
        description = {"Compares a saved run's final metrics with the baseline and writes the result as JUnit XML.",
                "Every baseline metric is one check: PASS, REGRESSION (worse than baseline by more than its tolerance)",
                "or UNKNOWN (the run did not report it). Metrics without a baseline are listed, never failed."},
        footer = {"", "Exit codes: 0 no regression and nothing unknown; 1 regression or unknown; 2 bad arguments."})
final class GateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--report", required = true, paramLabel = "FILE", description = "run-report.json (or its folder).")
    Path report;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Baseline file. Default: baseline/baseline.json in this folder or a parent.")
    Path baseline;

    @Option(names = "--junit", paramLabel = "FILE", description = "JUnit XML output. Default: REPORT-FOLDER/baseline-gate.xml.")
    Path junit;

    @Option(names = "--partial", description = "Only check baseline scenarios that the run contains (for a run of a subset).")
    boolean partial;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        ReportLocation loc = ReportLocation.of(report);
        RunReport run = loc.read();
        Path file = baselineFile(baseline);
        GateResult result = GateRun.compare(readBaseline(file), run, partial, RunManifest.read(loc.dir()));
        Path xml = BaselineGate.writeJUnitXml(result, junit != null ? junit : loc.dir().resolve(RunSession.GATE_XML));
        Summary.printGate(w, result, file);
        w.println("junit: " + xml);
        w.flush();
        return result.passed() ? TestbedCli.OK : TestbedCli.FAILED;
    }

    static Path baselineFile(Path given) {
        Path file = given != null ? given : BaselineFiles.locate().orElseThrow(() -> new UsageError(
                "no baseline found at " + BaselineFiles.DEFAULT_RELATIVE + " here or above; give --baseline FILE"));
        if (!Files.isRegularFile(file)) {
            throw new UsageError("no baseline file at " + file);
        }
        return file;
    }

    static Baseline readBaseline(Path file) {
        try {
            return Baseline.read(file);
        } catch (RuntimeException e) {
            throw new UsageError("cannot read " + file + " as a baseline: " + e.getMessage());
        }
    }
}
