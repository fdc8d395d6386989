package io.p2ptestbed.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.run.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {

    @Test
    void aValidFileRunsAndReportsLookupSuccessOverTime() {
        ScenarioFile.Loaded sf = ScenarioFile.parse("""
                {"name": "small churn", "seed": 3, "nodes": 200, "k": 8, "alpha": 3, "latencyMillis": [5, 50],
                 "workload": {"lookups": 100, "announces": 5, "churnFraction": 0.2, "churnAtSeconds": 60,
                              "lookupEverySeconds": 60},
                 "durationSeconds": 300}""", "test");
        List<String> progress = new ArrayList<>();
        ScenarioRunner.Result r = ScenarioRunner.run(sf, progress::add);
        assertThat(r.timeline()).hasSize(6);
        assertThat(r.churnAtMillis()).as("churn happens at the first round at or after 60 s").isBetween(60_000L, 119_999L);
        assertThat(r.finalMetrics().get("nodes_failed")).isEqualTo(40.0);
        assertThat(r.finalMetrics().get("announces_stored_fraction")).isEqualTo(1.0);
        assertThat(r.timeline().get(r.timeline().size() - 1).metrics().get("lookup_success")).isGreaterThanOrEqualTo(0.95);
        assertThat(progress).isNotEmpty();
    }

    @Test
    void unknownFieldsAreNamed() {
        assertThatThrownBy(() -> ScenarioFile.parse("{\"nodez\": 5}", "f.json"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("'nodez'").hasMessageContaining("known fields");
    }

    @Test
    void outOfRangeValuesNameTheirField() {
        assertThatThrownBy(() -> ScenarioFile.parse("{\"nodes\": 1}", "f.json")).hasMessageContaining("'nodes'");
        assertThatThrownBy(() -> ScenarioFile.parse("{\"lossRate\": 1.5}", "f.json")).hasMessageContaining("'lossRate'");
        assertThatThrownBy(() -> ScenarioFile.parse("{\"k\": 0}", "f.json")).hasMessageContaining("'k'");
        assertThatThrownBy(() -> ScenarioFile.parse("{\"runtime\": \"mars\"}", "f.json")).hasMessageContaining("'runtime'");
        assertThatThrownBy(() -> ScenarioFile.parse("{\"workload\": {\"churnFraction\": 2}}", "f.json"))
                .hasMessageContaining("'workload.churnFraction'");
        assertThatThrownBy(() -> ScenarioFile.parse("{\"nodes\": ", "f.json")).hasMessageContaining("not valid scenario JSON");
    }

    @Test
    void protocolAndParamsAreReadAndBadOnesNamed() {
        Scenario s = ScenarioFile.parse("{\"protocol\": \"kademlia\", \"params\": {\"k\": \"16\"}}", "f.json").scenario();
        assertThat(s.protocolName()).isEqualTo("kademlia");
        assertThat(KademliaScenarios.config(s).k()).isEqualTo(16);
        assertThatThrownBy(() -> ScenarioFile.parse("{\"protocol\": \"napster\"}", "f.json"))
                .hasMessageContaining("'protocol'").hasMessageContaining("unknown overlay protocol 'napster'")
                .hasMessageContaining("kademlia");
        assertThatThrownBy(() -> ScenarioFile.parse("{\"params\": {\"kk\": \"3\"}}", "f.json"))
                .hasMessageContaining("unknown parameter 'kk'");
        assertThatThrownBy(() -> ScenarioFile.parse("{\"params\": {\"alpha\": \"x\"}}", "f.json"))
                .hasMessageContaining("'alpha'").hasMessageContaining("integer");
    }
}
