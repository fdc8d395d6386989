package io.p2ptestbed.features.cli;

import io.p2ptestbed.reports.GateCheck;
import io.p2ptestbed.reports.GateResult;
import io.p2ptestbed.reports.IndexPage;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.ScenarioResult;
import io.p2ptestbed.reports.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The one-screen end of a run: counts, each scenario that did not pass with its reason, the gate's
 * regressions, where the report is, and a closing {@code scenarios: N passed, N failed} line.
 */
final class Summary {

    private static final int MAX_LISTED = 15;
    private static final int MAX_REASON = 320;

    private Summary() {}

    static void print(PrintWriter out, RunSession.Result r) {
        RunReport report = r.report();
        List<ScenarioResult> bad = report.scenarios().stream().filter(s -> s.verdict() != Verdict.PASS)
                .sorted(java.util.Comparator.comparingInt(s -> s.verdict() == Verdict.FAIL ? 0 : 1)).toList();
        long passed = report.scenarios().size() - bad.size();
        out.println("-".repeat(78));
        out.printf(Locale.ROOT, "testbed run: %d scenario%s in %s (%s)%n", report.scenarios().size(),
                report.scenarios().size() == 1 ? "" : "s", human(r.outcome().wall()),
                r.manifest().seedOverride() != null ? "seed " + r.manifest().seedOverride() : "each scenario with its own seed");
        bad.stream().limit(MAX_LISTED).forEach(s -> out.printf("  %-7s %s%n          %s%n", s.verdict(), s.name(), cut(s.message())));
        if (bad.size() > MAX_LISTED) {
            out.printf("  ... and %d more (see the report)%n", bad.size() - MAX_LISTED);
        }
        if (r.gate() != null) {
            printGate(out, r.gate(), r.baseline());
        }
        out.println("report: " + r.dir().resolve(IndexPage.FILE_NAME));
        out.println("report size: " + folderSize(r.dir()));
        out.printf("scenarios: %d passed, %d failed%n", passed, bad.size());
        out.flush();
    }

    static void printGate(PrintWriter out, GateResult gate, Path baseline) {
        List<GateCheck> bad = gate.checks().stream().filter(c -> c.outcome() == GateCheck.Outcome.REGRESSION
                || c.outcome() == GateCheck.Outcome.UNKNOWN).toList();
        out.printf("baseline gate (%s): %s - %d checks, %d regression%s, %d unknown, %d without baseline%n", baseline,
                gate.passed() ? "PASS" : "FAIL", gate.checks().size(), gate.regressions().size(),
                gate.regressions().size() == 1 ? "" : "s", gate.unknowns().size(),
                gate.withOutcome(GateCheck.Outcome.NO_BASELINE).size());
        bad.stream().limit(MAX_LISTED).forEach(c -> out.println("  " + c.outcome() + ": " + c.message()));
        if (bad.size() > MAX_LISTED) {
            out.printf("  ... and %d more (see the JUnit XML)%n", bad.size() - MAX_LISTED);
        }
    }

    /** "31.4 MB in 212 files": the report folder's total, so its growth is noticed. */
    static String folderSize(Path dir) {
        long[] total = new long[2];
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.filter(java.nio.file.Files::isRegularFile).forEach(f -> {
                total[0] += f.toFile().length();
                total[1]++;
            });
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return String.format(Locale.ROOT, "%.1f MB in %d files", total[0] / 1e6, total[1]);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : String.format("%d min %02d s", s / 60, s % 60);
    }

    private static String cut(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
    }
}
