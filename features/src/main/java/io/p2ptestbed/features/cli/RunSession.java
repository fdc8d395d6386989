package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import io.p2ptestbed.features.report.GateRun;
import io.p2ptestbed.features.report.RunManifest;
import io.p2ptestbed.reports.Artefact;
import io.p2ptestbed.reports.ArtefactKind;
import io.p2ptestbed.reports.BaselineGate;
import io.p2ptestbed.reports.GateResult;
import io.p2ptestbed.reports.IndexPage;
import io.p2ptestbed.reports.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** One Cucumber run into a report folder, optionally gated against a baseline: shared by run and replay. */
final class RunSession {

    static final String GATE_XML = "baseline-gate.xml";
    static final String BASELINE_COPY = "baseline.json";

    /** @param gate the gate's result, or null when not gated */
    record Result(RunReport report, Path dir, CucumberLauncher.Outcome outcome, GateResult gate, Path baseline,
                  RunManifest manifest) {}

    private RunSession() {}

    /**
     * @param baseline gate against this baseline, or null for no gate
     * @param partial  gate only the baseline's scenarios that ran (a selected subset)
     */
    static Result execute(CucumberLauncher.Request req, Path baseline, boolean partial, PrintWriter out) {
        int expected = CucumberLauncher.count(req);
        if (expected == 0) {
            throw new UsageError("no scenario matched" + (req.tags() == null ? "" : " --tags '" + req.tags() + "'")
                    + (req.name() == null ? "" : " --name '" + req.name() + "'") + " in " + String.join(" ", req.features()));
        }
        out.printf("testbed: running %d scenario%s on the %s runtime%s -> %s%n", expected, expected == 1 ? "" : "s",
                req.runtime() == null ? "default" : req.runtime().label(),
                req.tags() == null || req.tags().isBlank() ? "" : " (tags: " + req.tags() + ")", req.out());
        out.flush();
        CucumberLauncher.Outcome outcome = CucumberLauncher.run(req, expected, out, System.out);
        Path file = req.out().resolve(RunReport.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Cucumber finished (exit " + outcome.cucumberExit() + ") but wrote no "
                    + file + "; see the messages above");
        }
        RunReport report = RunReport.read(file);
        GateResult gate = null;
        if (baseline != null) {
            gate = GateRun.compare(GateCommand.readBaseline(baseline), report, partial, RunManifest.read(req.out()));
            Path xml = BaselineGate.writeJUnitXml(gate, req.out().resolve(GATE_XML));
            copy(baseline, req.out().resolve(BASELINE_COPY));
            report = GateRun.amend(report, gate).withArtefacts(List.of(
                    Artefact.of(ArtefactKind.JUNIT_XML, req.out(), xml, null, "baseline gate (JUnit XML)"),
                    Artefact.of(ArtefactKind.BASELINE, req.out(), req.out().resolve(BASELINE_COPY), null,
                            "baseline compared against (" + baseline + ")")));
            report.write(file);
        }
        // written again now that Cucumber's own report files are closed, so the link to them is there
        IndexPage.write(req.out(), report);
        return new Result(report, req.out(), outcome, gate, baseline,
                RunManifest.read(req.out()).orElse(new RunManifest(null, null, null, null, null, null)));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from, e);
        }
    }
}
