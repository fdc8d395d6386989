package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.report.BaselineFiles;
import io.p2ptestbed.features.report.BaselineUpdate;
import io.p2ptestbed.features.report.RunManifest;
import io.p2ptestbed.reports.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code testbed baseline ...}: maintenance of the baseline file. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        header = "Maintain the baseline file (update).", description = "Maintains the baseline file.",
        subcommands = BaselineCommand.Update.class)
final class BaselineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: update");
    }

    /** {@code testbed baseline update}: accept a run's metrics on purpose. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            header = "Accept a saved run's metrics into the baseline, on purpose.", sortOptions = false,
            description = {"Rewrites the baseline with a saved run's metrics, on purpose (e.g. after a deliberate change).",
                    "Known metrics keep their tolerance and direction; new metrics get the rule for their name",
                    "(docs/cli.md) or are not gated. Scenarios the run did not contain are kept unless --prune."},
            footer = {"", "Exit codes: 0 written; 2 bad arguments."})
    static final class Update implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--report", required = true, paramLabel = "FILE", description = "run-report.json (or its folder).")
        Path report;

        @Option(names = "--baseline", paramLabel = "FILE",
                description = "Baseline file to rewrite (created if absent). Default: the baseline/baseline.json found here or "
                        + "above, else ./baseline/baseline.json.")
        Path baseline;

        @Option(names = "--prune", description = "Also drop scenarios and metrics that the run did not report.")
        boolean prune;

        @Override
        public Integer call() {
            PrintWriter w = spec.commandLine().getOut();
            ReportLocation loc = ReportLocation.of(report);
            RunReport run = loc.read();
            Path file = baseline != null ? baseline
                    : BaselineFiles.locate().orElse(Path.of(BaselineFiles.DEFAULT_RELATIVE));
            BaselineUpdate.Outcome o = BaselineUpdate.apply(file, run, RunManifest.read(loc.dir()), prune);
            w.printf("baseline %s updated from %s: %d scenarios, %d gated metrics (%d changed value, %d new)%n", file,
                    loc.file(), o.scenarios(), o.metrics(), o.changed(), o.added());
            if (!o.pruned().isEmpty()) {
                w.println("  pruned: " + o.pruned());
            }
            if (!o.notGated().isEmpty()) {
                java.util.List<String> names = new java.util.ArrayList<>(o.notGated());
                w.printf("  %d metric names not gated (inputs, counts, fingerprints; add one to the file by hand to gate it): %s%s%n",
                        names.size(), String.join(", ", names.subList(0, Math.min(12, names.size()))),
                        names.size() > 12 ? ", ..." : "");
            }
            o.nonPassing().forEach(s -> w.println("  WARNING: accepted the metrics of a scenario that did not pass: " + s));
            w.println("review with: git diff " + file);
            w.flush();
            return TestbedCli.OK;
        }
    }
}
