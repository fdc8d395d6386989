package io.p2ptestbed.features.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.reports.Baseline;
import io.p2ptestbed.reports.BaselineMetric;
import io.p2ptestbed.reports.MetricDirection;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The baseline gate end to end on real runs: a baseline recorded from a run with a defence on
 * passes a clean rerun and fails a run with the defence switched off, through {@code run --gate},
 * the {@code gate} command and the baseline step. Reports are kept in {@code target/cli-test/gate-*}.
 */
class BaselineGateCliTest {

    static final String SCENARIO = "Eclipse of node 5 in a 150-node network";
    static final String GLUE = "io.p2ptestbed.features.testglue";
    static final String DEFENDED = "classpath:testbed-cli/gate/defended.feature";
    static final String UNDEFENDED = "classpath:testbed-cli/gate/undefended.feature";

    final Path dir = Path.of("target", "cli-test").toAbsolutePath();

    @Test
    void gatePassesACleanRerun_andFailsWhenTheDefenceIsOff() throws Exception {
        Path baseline = dir.resolve("gate-baseline/baseline.json");
        Files.deleteIfExists(baseline);

        // 1. a run with the defence on, before any baseline exists: the baseline step says so
        Cli.Result first = Cli.exec("run", DEFENDED, "--glue", GLUE, "--baseline", baseline.toString(),
                "--out", dir.resolve("gate-record").toString());
        assertThat(first.exit()).isEqualTo(1);
        assertThat(first.out()).contains("baseline file " + baseline + " does not exist");

        // 2. record the baseline from that run, on purpose
        Cli.Result update = Cli.exec("baseline", "update", "--report", dir.resolve("gate-record").toString(),
                "--baseline", baseline.toString());
        assertThat(update.exit()).isZero();
        assertThat(update.out()).contains("WARNING: accepted the metrics of a scenario that did not pass");
        BaselineMetric share = Baseline.read(baseline).scenarios().get(SCENARIO).get("victim_attacker_share");
        assertThat(share.direction()).isEqualTo(MetricDirection.LOWER_IS_BETTER);
        assertThat(share.tolerance()).isEqualTo(0.02);
        BaselineMetric success = Baseline.read(baseline).scenarios().get(SCENARIO).get("lookup_success");
        assertThat(success.direction()).isEqualTo(MetricDirection.HIGHER_IS_BETTER);
        assertThat(success.tolerance()).isEqualTo(0.01);

        // 3. a clean rerun passes the baseline step and the gate
        Cli.Result clean = Cli.exec("run", DEFENDED, "--glue", GLUE, "--gate", "--baseline", baseline.toString(),
                "--out", dir.resolve("gate-clean").toString());
        assertThat(clean.exit()).isZero();
        assertThat(clean.out()).contains("baseline gate (" + baseline + "): PASS").contains("0 regressions");
        assertThat(Cli.exec("gate", "--report", dir.resolve("gate-clean/run-report.json").toString(),
                "--baseline", baseline.toString()).exit()).isZero();

        // 4. the same scenario with the defence off: the Sybils take the victim's table
        Cli.Result off = Cli.exec("run", UNDEFENDED, "--glue", GLUE, "--gate", "--baseline", baseline.toString(),
                "--out", dir.resolve("gate-off").toString());
        assertThat(off.exit()).isEqualTo(1);
        assertThat(off.out()).contains("baseline gate (" + baseline + "): FAIL")
                .contains("REGRESSION: victim_attacker_share in \"" + SCENARIO + "\": baseline " + fmt(share.value()))
                .contains("tolerance 0.02 (lower is better)");
        RunReport offReport = RunReport.read(dir.resolve("gate-off/run-report.json"));
        assertThat(offReport.scenario(SCENARIO).orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(offReport.scenario(SCENARIO).orElseThrow().message()).startsWith("Baseline regression (baseline -> current): ")
                .contains("victim_attacker_share " + fmt(share.value()) + " -> 1 (tolerance 0.02, lower is better)")
                .contains("lookup_success " + fmt(success.value()) + " -> ");
        assertThat(offReport.artefacts(io.p2ptestbed.reports.ArtefactKind.CHART, SCENARIO))
                .extracting(io.p2ptestbed.reports.Artefact::title).contains("victim_attacker_share over time");
        assertThat(offReport.artefacts(io.p2ptestbed.reports.ArtefactKind.KEY_FRAME, SCENARIO)).singleElement()
                .extracting(io.p2ptestbed.reports.Artefact::title).asString().endsWith("at failure");
        double offShare = offReport.scenario(SCENARIO).orElseThrow().metrics().get("victim_attacker_share");
        assertThat(offShare).isGreaterThan(share.value() + 0.2);
        assertThat(Files.readString(dir.resolve("gate-off/index.html"))).contains("Baseline regression (baseline -&gt; current): ")
                .contains("victim_attacker_share " + fmt(share.value()) + " -&gt; 1");

        // 5. the gate command on the saved run: exit 1, every regression printed, JUnit XML with a failure
        Path junit = dir.resolve("gate-off/gate-junit.xml");
        Cli.Result gate = Cli.exec("gate", "--report", dir.resolve("gate-off/run-report.json").toString(),
                "--baseline", baseline.toString(), "--junit", junit.toString());
        assertThat(gate.exit()).isEqualTo(1);
        assertThat(gate.out()).contains("REGRESSION: victim_attacker_share");
        assertThat(Files.readString(junit)).contains("<testsuite").contains("<failure")
                .contains("name=\"victim_attacker_share\"");
    }

    @Test
    void baselineStep_failsWithMetricBaselineCurrentAndTolerance() throws Exception {
        Path baseline = dir.resolve("step-baseline/baseline.json");
        Files.createDirectories(baseline.getParent());
        new Baseline(java.util.Map.of(SCENARIO, java.util.Map.of("victim_attacker_share",
                new BaselineMetric(0.0, 0.05, MetricDirection.LOWER_IS_BETTER)))).write(baseline);
        Cli.Result off = Cli.exec("run", UNDEFENDED, "--glue", GLUE, "--baseline", baseline.toString(),
                "--out", dir.resolve("step-off").toString());
        assertThat(off.exit()).isEqualTo(1);
        assertThat(off.out()).contains("Then metric \"victim_attacker_share\" is no worse than the baseline\" failed")
                .contains("regression against the baseline " + baseline)
                .contains("victim_attacker_share in \"" + SCENARIO + "\": baseline 0, current ")
                .contains("tolerance 0.05 (lower is better)");
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
