package io.p2ptestbed.features.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code testbed k8s render} and {@code k8s drive}: files written, and bad input refused with exit 2 and nothing written. */
class K8sCliTest {

    @TempDir
    Path tmp;

    Path scenario(String json) throws Exception {
        return Files.writeString(tmp.resolve("s" + System.nanoTime() + ".json"), json);
    }

    @Test
    void render_writesOneFilePerObject() throws Exception {
        Path s = scenario("{ \"name\": \"churn-12\", \"nodes\": 12, \"bootstrapNodes\": 2, \"protocol\": \"chord\" }");
        Path out = tmp.resolve("k8s");
        Cli.Result r = Cli.exec("k8s", "render", "--scenario", s.toString(), "--out", out.toString(), "--nodes-per-pod", "2",
                "--node-image", "registry.example/p2ptestbed/node:1", "--pod-cidr", "10.244.0.0/16");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("12 objects for scenario 'churn-12' (12 nodes in 6 pods of 2)", "kubectl apply -f " + out,
                "note: the scenario names the simulated runtime");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(12)
                    .startsWith("00-namespace-p2ptestbed-churn-12.yaml").contains("06-statefulset-churn-12-seed.yaml",
                            "07-statefulset-churn-12-node.yaml");
        }
        assertThat(Files.readString(out.resolve("07-statefulset-churn-12-node.yaml")))
                .contains("registry.example/p2ptestbed/node:1", "churn-12-seed-0.churn-12:6882");
    }

    @Test
    void badScenariosAndOptions_exit2_writingNothing() throws Exception {
        Path out = tmp.resolve("never");
        assertRefused(out, "no scenario file", "k8s", "render", "--scenario", tmp.resolve("nope.json").toString(), "--out", out.toString());
        assertRefused(out, "not valid scenario JSON", "k8s", "render", "--scenario", scenario("{ \"nodes\": ").toString(), "--out", out.toString());
        assertRefused(out, "scenario parameter 'runtime' must be one of simulated, loopback, docker, swarm, got 'kubernetes'", "k8s", "render",
                "--scenario", scenario("{ \"runtime\": \"kubernetes\" }").toString(), "--out", out.toString());
        assertRefused(out, "scenario parameter 'protocol'", "k8s", "render", "--scenario", scenario("{ \"protocol\": \"napster\" }").toString(),
                "--out", out.toString());
        assertRefused(out, "multiple of --nodes-per-pod (7)", "k8s", "render", "--scenario", scenario("{ \"nodes\": 10 }").toString(),
                "--out", out.toString(), "--nodes-per-pod", "7");
        assertRefused(out, "--pod-cidr", "k8s", "render", "--scenario", scenario("{}").toString(), "--out", out.toString(),
                "--pod-cidr", "everywhere");
        assertRefused(out, "Missing required option: '--scenario", "k8s", "render", "--out", out.toString());
        assertRefused(out, "--control expects HOST:PORT", "k8s", "drive", "--scenario", scenario("{}").toString(), "--out", out.toString(),
                "--control", "pod-0");
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        Cli.Result r = Cli.exec("k8s", "render", "--scenario", scenario("{}").toString(), "--out", mine.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("notes.txt, which is not a rendered manifest");
        assertThat(mine.resolve("notes.txt")).hasContent("keep");
    }

    @Test
    void drive_failsWithExit1WhenAPodNeverAnswers() throws Exception {
        Cli.Result r = Cli.exec("k8s", "drive", "--scenario", scenario("{ \"nodes\": 2, \"bootstrapNodes\": 1 }").toString(),
                "--out", tmp.resolve("r").toString(), "--control", "127.0.0.1:1", "--up-timeout", "1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("pod 127.0.0.1:1 not up and joined within 1 s");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void render_anAttackScenario_givesTheDriverItsAttackers_andBadAttackSectionsExit2() throws Exception {
        Path out = tmp.resolve("attack");
        Cli.Result r = Cli.exec("k8s", "render", "--scenario", "../scenarios/eclipse-k8s.json", "--out", out.toString(),
                "--nodes-per-pod", "6", "--attacker-pods", "2", "--pod-cidr", "10.244.0.0/16");
        assertThat(r.exit()).as(r.all()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            Path job = files.filter(p -> p.getFileName().toString().contains("-job-")).findFirst().orElseThrow();
            assertThat(Files.readString(job)).contains("--pod-cidr", "10.244.0.0/16", "eclipse-k8s-attacker-0.eclipse-k8s-attackers:7001",
                    "eclipse-k8s-attacker-1.eclipse-k8s-attackers:7001");
        }
        Path never = tmp.resolve("never");
        String eclipse = "{ \"nodes\": 12, \"attacks\": [ { \"type\": \"eclipse\", \"victim\": 1, \"sybils\": 8, \"durationSeconds\": 5 } ] }";
        assertRefused(never, "'attacks' need an attacker socket host, and --attacker-pods is 0", "k8s", "render", "--scenario",
                scenario(eclipse).toString(), "--out", never.toString(), "--attacker-pods", "0");
        assertRefused(never, "'attacks[0].type' names an unknown attack 'worm'", "k8s", "render", "--scenario",
                scenario("{ \"attacks\": [ { \"type\": \"worm\" } ] }").toString(), "--out", never.toString());
        assertRefused(never, "'attacks[0].count' is missing (every flood is bounded in rate, count and duration)", "k8s", "render",
                "--scenario", scenario("{ \"attacks\": [ { \"type\": \"flood\", \"target\": 1, \"ratePerSecond\": 5, "
                        + "\"durationSeconds\": 5 } ] }").toString(), "--out", never.toString());
        assertRefused(never, "the chord overlay runs no scenario-file attacks yet", "k8s", "render", "--scenario",
                scenario(eclipse.replace("{ \"nodes\"", "{ \"protocol\": \"chord\", \"nodes\"")).toString(), "--out", never.toString());
        assertRefused(never, "'faults[0].healAtSeconds' is missing", "k8s", "drive", "--scenario",
                scenario("{ \"faults\": [ { \"type\": \"partition\", \"fraction\": 0.5 } ] }").toString(), "--out", never.toString());
        assertRefused(never, "--attacker expects HOST:PORT, got 'a0'", "k8s", "drive", "--scenario", scenario(eclipse).toString(),
                "--out", never.toString(), "--control", "127.0.0.1:1", "--attacker", "a0");
        assertRefused(never, "'attacks' need an attacker socket host, and none is given", "k8s", "drive", "--scenario",
                scenario(eclipse).toString(), "--out", never.toString(), "--control", "127.0.0.1:1", "--attacker-pods", "0");
    }

    private static void assertRefused(Path out, String message, String... args) {
        Cli.Result r = Cli.exec(args);
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(out).doesNotExist();
    }
}
