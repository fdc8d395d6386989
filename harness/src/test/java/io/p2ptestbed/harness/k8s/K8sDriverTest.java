package io.p2ptestbed.harness.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import io.p2ptestbed.overlay.node.control.ControlServer;
import io.p2ptestbed.overlay.node.control.NodeHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against six real node hosts on loopback (one node each, as in a pod, on 127.0.74.1-6, UDP port
 * $TESTBED_LAB_7401 or 7401), each behind its own control interface: it waits for them, routes the scenario's
 * lookups through their control interfaces, grades them against the ground truth, stops the churned nodes and
 * writes k8s-run.json.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class K8sDriverTest {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_LAB_7401", "7401"));
    final List<NodeHost> hosts = new ArrayList<>();
    final List<ControlServer> servers = new ArrayList<>();
    @TempDir
    Path tmp;

    List<String> startPods(int pods) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        List<String> controls = new ArrayList<>();
        for (int i = 1; i <= pods; i++) {
            String ip = "127.0.74." + i;
            List<String> args = new ArrayList<>(List.of("--bind", ip, "--port", Integer.toString(PORT), "--seed", Integer.toString(i),
                    "--log-every", "0"));
            if (i > 1) {
                args.addAll(List.of("--bootstrap", "127.0.74.1:" + PORT));
            }
            NodeHost h = new NodeHost(List.<String[]>of(args.toArray(String[]::new)), quiet, quiet);
            hosts.add(h);
            h.startAll();
            ControlServer s = ControlServer.start(h, new InetSocketAddress(ip, 0), () -> { });
            servers.add(s);
            controls.add(ip + ":" + s.address().getPort());
        }
        return controls;
    }

    @AfterEach
    void stop() {
        servers.forEach(ControlServer::close);
        hosts.forEach(NodeHost::close);
    }

    @Test
    void drivesTheScenarioThroughTheControlInterfaces_andWritesTheReport() throws Exception {
        List<String> controls = startPods(6);
        ScenarioFile.Loaded sf = ScenarioFile.parse("""
                { "name": "drive", "runtime": "docker", "seed": 3, "nodes": 6, "bootstrapNodes": 1,
                  "workload": { "lookups": 40, "churnFraction": 0.34, "churnAtSeconds": 2, "lookupEverySeconds": 1 },
                  "durationSeconds": 2 }""", "drive.json");
        List<String> log = new ArrayList<>();
        K8sDriver.Report r = K8sDriver.drive(sf, controls, 60_000, log::add);
        log.forEach(System.out::println);
        assertThat(r.pods()).isEqualTo(6);
        assertThat(r.joined()).isEqualTo(6);
        assertThat(r.nodesFailed()).isEqualTo(2);
        assertThat(r.rounds()).extracting(K8sDriver.Round::atMillis).containsExactly(0L, 1000L, 2000L);
        assertThat(r.rounds()).allSatisfy(x -> assertThat(x.metrics().get("lookups")).isEqualTo(40.0));
        // six nodes in k=8 buckets: every node knows every other, so every lookup before the churn finds the true closest
        assertThat(r.rounds().get(0).metrics().get("lookup_success")).isEqualTo(1.0);
        assertThat(r.rounds().get(1).metrics().get("lookup_success")).isEqualTo(1.0);
        assertThat(hosts.stream().filter(h -> !h.isRunning(0)).count()).isEqualTo(2);
        Path f = K8sDriver.write(r, tmp.resolve("out"));
        assertThat(new ObjectMapper().readTree(f.toFile()).get("rounds").size()).isEqualTo(3);
        assertThat(log).anyMatch(l -> l.contains("6 nodes in 6 pods up and joined"));
    }

    @Test
    void aPodThatNeverAnswers_failsNamingIt() throws Exception {
        List<String> controls = new ArrayList<>(startPods(1));
        controls.add("127.0.74.9:1");
        ScenarioFile.Loaded sf = ScenarioFile.parse("{ \"name\": \"x\", \"nodes\": 2, \"bootstrapNodes\": 1 }", "x.json");
        assertThatThrownBy(() -> K8sDriver.drive(sf, controls, 2_000, s -> { }))
                .hasMessageContaining("pod 127.0.74.9:1 not up and joined within 2 s").hasMessageContaining("1 nodes of the pods before it were");
    }
}
