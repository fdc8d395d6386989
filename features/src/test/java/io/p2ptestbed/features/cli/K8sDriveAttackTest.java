package io.p2ptestbed.features.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code testbed k8s drive} with an attack scenario, without a cluster: processes on loopback stand in for the pods.
 * Five node-host processes ({@code NodeHostMain}, six Kademlia nodes each, the node pods' command line) on
 * 127.60.1.1-5 with their control interfaces, and one socket-host process ({@code SocketHostMain}, the attacker pods'
 * command line) on 127.60.1.100, started from {@code overlay/target/overlay-node.jar}. The driver runs in this JVM
 * through the CLI, reaching them only through {@code --control} and {@code --attacker}, as the Job reaches pods. The
 * scenario has two eclipses by 48 Sybils sharing the socket host's IP, at once, on two victims: one with plain eviction
 * rules (defence off), one that also limits contacts per IP ({@code ip-diversity}, defence on); a bounded ping flood;
 * and a partition of half the nodes, healed. Ports: {@code TESTBED_LAB_PORT} (default 7601) for the nodes' UDP and
 * control, the next one for the socket host.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class K8sDriveAttackTest {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_LAB_PORT", "7601"));
    static final String NET = "127.60.1.";
    static final Path NODE_JAR = Path.of("..", "overlay", "target", "overlay-node.jar");

    final List<Process> processes = new ArrayList<>();
    @TempDir
    Path tmp;

    static final String SCENARIO = """
            { "name": "eclipse-pods", "runtime": "docker", "seed": 21, "nodes": 30, "bootstrapNodes": 1, "protocol": "kademlia",
              "workload": { "lookups": 30, "announces": 4, "lookupEverySeconds": 5 },
              "durationSeconds": 8,
              "attacks": [
                { "type": "eclipse", "victim": 7, "sybils": 48, "durationSeconds": 5,
                  "defences": "eviction(ping=false,keep-old=false)" },
                { "type": "eclipse", "victim": 19, "sybils": 48, "durationSeconds": 5,
                  "defences": "eviction(ping=false,keep-old=false),ip-diversity(bucket=2,table=10,prefix=32)" },
                { "type": "flood", "target": 3, "ratePerSecond": 200, "count": 400, "durationSeconds": 3, "atSeconds": 1 }
              ],
              "faults": [ { "type": "partition", "fraction": 0.5, "atSeconds": 5, "healAtSeconds": 8 } ] }""";

    Process start(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", NODE_JAR.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void drivesAnEclipseWithAndWithoutItsDefence_aBoundedFlood_andAPartition_throughPodLikeProcesses() throws Exception {
        assertThat(NODE_JAR).as("the node hosts' jar (build the overlay module first: mvn -pl overlay package)").isRegularFile();
        long started = System.nanoTime();
        List<String> controls = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String ip = NET + i;
            start("node" + i, List.of("io.p2ptestbed.overlay.node.control.NodeHostMain", "--nodes", "6", "--port-base",
                    Integer.toString(PORT), "--control-port", Integer.toString(PORT), "--control-bind", ip, "--", "--protocol",
                    "kademlia", "--bind", ip, "--log-every", "0", "--bootstrap", NET + "1:" + PORT));
            controls.add(ip + ":" + PORT);
        }
        start("attacker", List.of("io.p2ptestbed.overlay.node.control.SocketHostMain", "--control-port", Integer.toString(PORT + 1),
                "--allow", "127.60.0.0/16"));
        Path scenario = Files.writeString(tmp.resolve("eclipse-pods.json"), SCENARIO);
        Path out = tmp.resolve("reports");
        List<String> args = new ArrayList<>(List.of("k8s", "drive", "--scenario", scenario.toString(), "--out", out.toString(),
                "--attacker", NET + "100:" + (PORT + 1), "--pod-cidr", "127.60.0.0/16", "--up-timeout", "60"));
        controls.forEach(c -> args.addAll(List.of("--control", c)));

        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Cli.Result r = Cli.exec(args.toArray(String[]::new));
        System.out.printf("k8s drive: %.1f s wall, %.1f s CPU of this JVM (processes started %.1f s before)%n",
                (System.nanoTime() - t0) / 1e9, (cpuNanos() - cpu0) / 1e9, (t0 - started) / 1e9);

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("30 nodes in 5 pods up and joined", "wrote " + out.resolve("k8s-run.json"));
        JsonNode report = new ObjectMapper().readTree(out.resolve("k8s-run.json").toFile());
        assertThat(report.get("nodes").asInt()).isEqualTo(30);
        assertThat(report.at("/announces/announces_stored_fraction").asDouble()).as("announces acknowledged").isGreaterThan(0.5);
        JsonNode attacks = report.get("attacks");
        assertThat(attacks).hasSize(3);
        JsonNode flood = find(attacks, "flood", 3);
        JsonNode off = find(attacks, "eclipse", 7);
        JsonNode on = find(attacks, "eclipse", 19);
        // defence off: the Sybils, all on one IP, take over most of the victim's table (the docker feature's outcome)
        assertThat(metric(off, "victim_adversary_share")).as("Sybil share, plain eviction: %s", off).isGreaterThan(0.5);
        // defence on: at most 10 contacts of one IP in the table, so the Sybils hold at most 10 entries, a smaller share
        assertThat(metric(on, "victim_adversary_entries")).as("Sybil entries under ip-diversity: %s", on).isLessThanOrEqualTo(10);
        assertThat(metric(on, "victim_adversary_share")).as("share with the defence vs without").isLessThan(metric(off, "victim_adversary_share"));
        // the flood: the count bound (400) binds before rate x duration (600), and the flood stays within it
        assertThat(metric(flood, "flood_sent")).as("flood %s", flood).isEqualTo(400);
        assertThat(metric(flood, "flood_finished")).isEqualTo(1);
        assertThat(metric(flood, "flood_elapsed_ms")).isLessThanOrEqualTo(3_000);
        assertThat(metric(flood, "flood_answered")).as("the target answered pings from the attacker pod").isPositive();
        assertThat(report.get("attackerDatagramsSent").asLong()).isGreaterThanOrEqualTo(400 + 2 * 48);
        // the partition: half the nodes cut off, then healed; lookups under it fail where the closest nodes are across
        JsonNode fault = report.get("faults").get(0);
        assertThat(fault.get("label").asText()).isEqualTo("partition complete 15|15");
        assertThat(fault.get("healedAtMillis").asLong()).isGreaterThanOrEqualTo(8_000);
        JsonNode rounds = report.get("rounds");
        assertThat(rounds).hasSize(2);
        JsonNode partitioned = rounds.get(1);
        assertThat(partitioned.get("active").toString()).contains("fault 0 (partition)");
        assertThat(partitioned.at("/metrics/lookup_success").asDouble()).as("lookups under the partition").isLessThan(0.9);
        assertThat(rounds.get(0).get("active").toString()).contains("attack 0 (eclipse)", "attack 1 (eclipse)");
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static JsonNode find(JsonNode attacks, String type, int node) {
        for (JsonNode a : attacks) {
            if (a.get("type").asText().equals(type) && a.get("node").asInt() == node) {
                return a;
            }
        }
        throw new AssertionError("no " + type + " on node " + node + " in " + attacks);
    }

    private static double metric(JsonNode attack, String name) {
        JsonNode v = attack.at("/metrics/" + name);
        assertThat(v.isMissingNode()).as("metric %s in %s", name, attack).isFalse();
        return v.asDouble();
    }
}
