package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class BaselineGateTest {
    static final String IP = "Eclipse with IP limits";

    @TempDir
    Path dir;

    private final Baseline baseline = new Baseline(Map.of(
            IP, Map.of(
                    "lookup_success", new BaselineMetric(0.998, 0.01, MetricDirection.HIGHER_IS_BETTER),
                    "p99_latency_ms", new BaselineMetric(250, 20, MetricDirection.LOWER_IS_BETTER),
                    "eclipse_share", new BaselineMetric(0.05, 0.02, MetricDirection.LOWER_IS_BETTER)),
            "Churn", Map.of("lookup_success", new BaselineMetric(0.97, 0.02, MetricDirection.HIGHER_IS_BETTER))));

    @Test
    void reportsRegressionNamingMetricBaselineCurrentAndTolerance() {
        GateResult r = BaselineGate.compare(baseline, Map.of(
                IP, Map.of("lookup_success", 0.912, "p99_latency_ms", 260.0, "eclipse_share", 0.05),
                "Churn", Map.of("lookup_success", 0.96)));
        assertThat(r.regressions()).hasSize(1);
        Regression reg = r.regressions().get(0);
        assertThat(reg.scenario()).isEqualTo(IP);
        assertThat(reg.metric()).isEqualTo("lookup_success");
        assertThat(reg.baseline()).isEqualTo(0.998);
        assertThat(reg.current()).isEqualTo(0.912);
        assertThat(reg.tolerance()).isEqualTo(0.01);
        assertThat(reg.message()).isEqualTo(
                "lookup_success in \"Eclipse with IP limits\": baseline 0.998, current 0.912, tolerance 0.01 (higher is better)");
        assertThat(r.passed()).isFalse();
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void lowerIsBetterRegressesWhenValueRisesBeyondTolerance() {
        GateResult r = BaselineGate.compare(baseline, Map.of(
                IP, Map.of("lookup_success", 0.999, "p99_latency_ms", 271.0, "eclipse_share", 0.0),
                "Churn", Map.of("lookup_success", 0.95)));
        assertThat(r.regressions()).extracting(Regression::metric).containsExactly("p99_latency_ms");
        assertThat(r.regressions().get(0).message()).endsWith("tolerance 20 (lower is better)");
    }

    @Test
    void boundaryAndImprovementsPass() {
        GateResult r = BaselineGate.compare(baseline, Map.of(
                IP, Map.of("lookup_success", 0.988, "p99_latency_ms", 270.0, "eclipse_share", 0.0),
                "Churn", Map.of("lookup_success", 1.0)));
        assertThat(r.passed()).isTrue();
        assertThat(r.checks()).hasSize(4).allMatch(c -> c.outcome() == GateCheck.Outcome.PASS);
        assertThat(r.summary()).isEqualTo("all 4 checks passed");
    }

    @Test
    void missingMetricsAndScenariosAreUnknownNotPassed() {
        GateResult r = BaselineGate.compare(baseline, Map.of(
                IP, Map.of("lookup_success", 0.999, "eclipse_share", Double.NaN, "new_metric", 3.0)));
        assertThat(r.passed()).isFalse();
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.unknowns()).extracting(c -> c.scenario() + "/" + c.metric()).containsExactlyInAnyOrder(
                IP + "/p99_latency_ms", IP + "/eclipse_share", "Churn/lookup_success");
        assertThat(r.unknowns()).extracting(GateCheck::message).anyMatch(m -> m.contains("current missing")
                && m.contains("metric not reported")).anyMatch(m -> m.contains("scenario not run"))
                .anyMatch(m -> m.contains("value is NaN"));
        assertThat(r.withOutcome(GateCheck.Outcome.NO_BASELINE)).extracting(GateCheck::metric).containsExactly("new_metric");
    }

    @Test
    void junitXmlHasOneTestcasePerCheckAndFailuresForRegressions() throws Exception {
        GateResult r = BaselineGate.compare(baseline, Map.of(
                IP, Map.of("lookup_success", 0.912, "p99_latency_ms", 200.0, "new_metric", 1.0)));
        Path xml = BaselineGate.writeJUnitXml(r, dir.resolve("reports/baseline-gate.xml"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("2");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(5);
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        Element failedCase = (Element) failure.getParentNode();
        assertThat(failedCase.getAttribute("classname")).isEqualTo("baseline." + IP);
        assertThat(failedCase.getAttribute("name")).isEqualTo("lookup_success");
        assertThat(failure.getAttribute("message")).contains("baseline 0.998", "current 0.912", "tolerance 0.01");
    }

    @Test
    void updateRewritesValuesKeepsRulesAndAddsNewMetrics() {
        Path file = baseline.write(dir.resolve("baseline.json"));
        Baseline updated = Baseline.update(file, Map.of(IP, Map.of("lookup_success", 0.95, "new_metric", 7.0),
                "Fresh", Map.of("m", 1.0)));
        Baseline reread = Baseline.read(file);
        assertThat(reread).isEqualTo(updated);
        assertThat(reread.scenarios().get(IP).get("lookup_success"))
                .isEqualTo(new BaselineMetric(0.95, 0.01, MetricDirection.HIGHER_IS_BETTER));
        assertThat(reread.scenarios().get(IP).get("p99_latency_ms").value()).isEqualTo(250);
        assertThat(reread.scenarios().get(IP).get("new_metric")).isEqualTo(Baseline.NEW_METRIC_RULE.withValue(7.0));
        assertThat(reread.scenarios()).containsKeys("Churn", "Fresh");
        assertThat(BaselineGate.compare(reread, Map.of(IP, Map.of("lookup_success", 0.95))).regressions()).isEmpty();
    }

    @Test
    void updateCreatesMissingFile() {
        Path file = dir.resolve("sub/new-baseline.json");
        Baseline.update(file, Map.of("S", Map.of("m", 2.0)));
        assertThat(Baseline.read(file).scenarios().get("S").get("m").value()).isEqualTo(2.0);
    }
}
