package io.p2ptestbed.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.run.ScenarioAttacks;
import io.p2ptestbed.harness.run.ScenarioRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code attacks} and {@code faults} of scenario files: validated, with messages naming the bad field. */
class ScenarioAttacksFileTest {

    static String with(String attacksAndFaults) {
        return "{ \"name\": \"a\", \"nodes\": 30, \"durationSeconds\": 20, " + attacksAndFaults + " }";
    }

    static void refused(String attacksAndFaults, String... message) {
        assertThatThrownBy(() -> ScenarioFile.parse(with(attacksAndFaults), "a.json")).isInstanceOf(ScenarioException.class)
                .hasMessageContainingAll(message);
    }

    @Test
    void attacksAndFaults_areReadAsData() {
        ScenarioFile.Loaded sf = ScenarioFile.parse(with("""
                "attacks": [ { "type": "eclipse", "victim": 7, "sybils": 48, "atSeconds": 2, "durationSeconds": 10,
                               "defences": "eviction(ping=false,keep-old=false)" },
                             { "type": "eclipse", "victim": 9, "sybils": 20, "durationSeconds": 10 },
                             { "type": "flood", "target": 3, "ratePerSecond": 200, "count": 1000, "durationSeconds": 5 } ],
                "faults": [ { "type": "partition", "fraction": 0.5, "atSeconds": 12, "healAtSeconds": 18 } ]"""), "a.json");
        assertThat(sf.attacks()).containsExactly(
                new ScenarioFile.AttackSpec("eclipse", 7, 48, 0, 0, 2_000, 10_000, "eviction(ping=false,keep-old=false)", 0),
                new ScenarioFile.AttackSpec("eclipse", 9, 20, 0, 0, 0, 10_000, "", 48),
                new ScenarioFile.AttackSpec("flood", 3, 0, 200, 1000, 0, 5_000, "", 68));
        assertThat(sf.faults()).containsExactly(new ScenarioFile.FaultSpec("partition", 0.5, 12_000, 18_000));
        assertThat(ScenarioFile.parse(with("\"seed\": 1"), "a.json").attacks()).isEmpty();
    }

    @Test
    void badAttacks_nameTheField() {
        refused("\"attacks\": [ { \"type\": \"sybil-storm\" } ]", "'attacks[0].type'", "unknown attack 'sybil-storm'", "[eclipse, flood]");
        refused("\"attacks\": [ { \"victim\": 1 } ]", "'attacks[0].type' is missing");
        refused("\"attacks\": [ { \"type\": \"eclipse\", \"victim\": 1, \"sybils\": 5, \"durationSeconds\": 5, \"sybilz\": 1 } ]",
                "'attacks[0].sybilz'", "is not a scenario field");
        refused("\"attacks\": [ { \"type\": \"eclipse\", \"sybils\": 5, \"durationSeconds\": 5 } ]", "'attacks[0].victim' is missing");
        refused("\"attacks\": [ { \"type\": \"eclipse\", \"victim\": 30, \"sybils\": 5, \"durationSeconds\": 5 } ]",
                "'attacks[0].victim' must be in [0, 29], got 30");
        refused("\"attacks\": [ { \"type\": \"eclipse\", \"victim\": 1, \"sybils\": 0, \"durationSeconds\": 5 } ]",
                "'attacks[0].sybils' must be in [1, 10000], got 0");
        refused("\"attacks\": [ { \"type\": \"eclipse\", \"victim\": 1, \"sybils\": 5, \"durationSeconds\": 5, \"defences\": \"moat\" } ]",
                "'attacks[0].defences' is not a defence spec of the kademlia overlay");
        refused("\"attacks\": [ { \"type\": \"eclipse\", \"victim\": 1, \"sybils\": 5, \"atSeconds\": 18, \"durationSeconds\": 5 } ]",
                "'attacks[0].durationSeconds' runs past the scenario's end");
        refused("\"attacks\": [ { \"type\": \"eclipse\", \"victim\": 1, \"sybils\": 6000, \"durationSeconds\": 5 },"
                + " { \"type\": \"eclipse\", \"victim\": 2, \"sybils\": 6000, \"durationSeconds\": 5 } ]",
                "'attacks[1].sybils' brings the scenario's Sybils to 12000, more than 10000");
        refused("\"attacks\": [ { \"type\": \"flood\", \"target\": 1, \"ratePerSecond\": 10, \"durationSeconds\": 5 } ]",
                "'attacks[0].count' is missing (every flood is bounded in rate, count and duration)");
        refused("\"attacks\": [ { \"type\": \"flood\", \"target\": 1, \"count\": 10, \"durationSeconds\": 5 } ]",
                "'attacks[0].ratePerSecond' is missing");
        refused("\"attacks\": [ { \"type\": \"flood\", \"target\": 1, \"ratePerSecond\": 10, \"count\": 10 } ]",
                "'attacks[0].durationSeconds' is missing");
        refused("\"attacks\": [ { \"type\": \"flood\", \"target\": 1, \"ratePerSecond\": 200000, \"count\": 10, \"durationSeconds\": 5 } ]",
                "'attacks[0].ratePerSecond' must be in [1, 100000]");
        refused("\"attacks\": [ { \"type\": \"flood\", \"victim\": 1, \"ratePerSecond\": 2, \"count\": 10, \"durationSeconds\": 5 } ]",
                "'attacks[0].victim' is not a field of a flood attack");
        refused("\"attacks\": [ { \"type\": \"flood\", \"target\": 1, \"sybils\": 2, \"ratePerSecond\": 2, \"count\": 10, \"durationSeconds\": 5 } ]",
                "'attacks[0].sybils' is not a field of a flood attack");
    }

    @Test
    void badFaults_nameTheField() {
        refused("\"faults\": [ { \"type\": \"meteor\" } ]", "'faults[0].type'", "unknown fault 'meteor'", "[partition]");
        refused("\"faults\": [ { \"type\": \"partition\", \"fraction\": 1.5, \"atSeconds\": 1, \"healAtSeconds\": 5 } ]",
                "'faults[0].fraction' must be in (0, 1), got 1.5");
        refused("\"faults\": [ { \"type\": \"partition\", \"atSeconds\": 1, \"healAtSeconds\": 5 } ]", "'faults[0].fraction' is missing");
        refused("\"faults\": [ { \"type\": \"partition\", \"fraction\": 0.5, \"atSeconds\": 1 } ]",
                "'faults[0].healAtSeconds' is missing: every partition heals within the scenario");
        refused("\"faults\": [ { \"type\": \"partition\", \"fraction\": 0.5, \"atSeconds\": 5, \"healAtSeconds\": 5 } ]",
                "'faults[0].healAtSeconds' must be in [6, 20], got 5");
    }

    @Test
    void theExampleFile_isValid_andKademliaRunsItsAttacks() {
        ScenarioFile.Loaded sf = ScenarioFile.read(Path.of("..", "scenarios", "eclipse-k8s.json"));
        assertThat(sf.attacks()).extracting(ScenarioFile.AttackSpec::type).containsExactly("eclipse", "eclipse", "flood");
        assertThat(sf.faults()).hasSize(1);
        assertThat(ScenarioAttacks.of("kademlia").protocol()).isEqualTo("kademlia");
        assertThatThrownBy(() -> ScenarioAttacks.of("chord")).hasMessageContaining("the chord overlay runs no scenario-file attacks yet");
        assertThatThrownBy(() -> ScenarioRunner.run(sf, s -> { })).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("'attacks' are run by the Kubernetes driver only so far");
    }
}
