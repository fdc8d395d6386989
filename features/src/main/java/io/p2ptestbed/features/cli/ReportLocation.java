package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import io.p2ptestbed.reports.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@code --report} argument: the report folder or its {@code run-report.json}. */
record ReportLocation(Path dir, Path file) {

    static ReportLocation of(Path given) {
        if (given == null) {
            throw new UsageError("--report is required (a report folder or its " + RunReport.FILE_NAME + ")");
        }
        Path file = Files.isDirectory(given) ? given.resolve(RunReport.FILE_NAME) : given;
        if (!Files.isRegularFile(file)) {
            throw new UsageError("no run report at " + file + " (give a report folder written by 'testbed run' or its "
                    + RunReport.FILE_NAME + ")");
        }
        Path parent = file.toAbsolutePath().getParent();
        return new ReportLocation(parent, file);
    }

    RunReport read() {
        try {
            return RunReport.read(file);
        } catch (RuntimeException e) {
            throw new UsageError("cannot read " + file + " as a run report: " + e.getMessage());
        }
    }
}
