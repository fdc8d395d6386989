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

    private static void assertRefused(Path out, String message, String... args) {
        Cli.Result r = Cli.exec(args);
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(out).doesNotExist();
    }
}
