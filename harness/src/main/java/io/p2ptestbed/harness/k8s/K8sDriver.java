package io.p2ptestbed.harness.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.docker.ControlClient;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What the driver Job runs ({@code testbed k8s drive}): it drives a scenario file's workload against node pods that
 * are already running, through each pod's control interface (the docker runtime's, TCP 7000), the way
 * {@code ScenarioRunner} drives an in-process runtime. It waits until every pod answers and all its nodes have
 * joined, then every {@code lookupEverySeconds} of {@code durationSeconds} routes {@code lookups} random keys from
 * random live nodes and grades each against the ground truth of the live nodes' ids (success: the lookup names the
 * key's true owner in the overlay's key space); at {@code churnAtSeconds} it stops {@code churnFraction} of the nodes
 * ({@code POST /v1/stop}). The report goes to {@code OUT/k8s-run.json}.
 *
 * <p>Time here is the wall clock: the pods run in real time, and the driver is harness code, not protocol code.
 * Not driven (yet): announces, attacks and faults, which scenario files do not describe.
 */
public final class K8sDriver {

    /** One batch of lookups: when, and the harness's lookup metrics ({@code LookupStats}: success, hops, latency...). */
    public record Round(long atMillis, Map<String, Double> metrics) {}

    /** What {@code k8s-run.json} holds. */
    public record Report(String scenario, String protocol, long seed, int pods, int nodes, int joined, long upMillis,
                         int nodesFailed, List<Round> rounds) {}

    private record Member(ControlClient client, int index, NodeId id) {}

    private K8sDriver() {}

    /**
     * Drives the scenario against the control interfaces {@code controls} ({@code host:port}, one per pod).
     *
     * @throws IllegalStateException when a pod does not answer or its nodes do not join within {@code upTimeoutMillis}
     */
    public static Report drive(ScenarioFile.Loaded sf, List<String> controls, long upTimeoutMillis, Consumer<String> log) {
        HttpClient http = ControlClient.newHttpClient();
        long t0 = System.nanoTime();
        List<Member> members = awaitJoined(http, controls, upTimeoutMillis, log);
        long up = (System.nanoTime() - t0) / 1_000_000;
        log.accept(members.size() + " nodes in " + controls.size() + " pods up and joined after " + up + " ms");
        RandomGenerator rng = new Seeds(sf.scenario().seed()).stream("k8s-driver");
        List<Round> rounds = new ArrayList<>();
        int failed = 0;
        boolean churned = sf.churnFraction() == 0;
        long start = System.nanoTime();
        for (long t = 0; t <= sf.durationMillis(); t += sf.lookupEveryMillis()) {
            sleepUntil(start, t);
            if (!churned && t >= sf.churnAtMillis()) {
                failed = stopFraction(members, sf.churnFraction(), rng);
                log.accept("t=" + t / 1000 + "s stopped " + failed + " nodes");
                churned = true;
            }
            Round r = lookups(members, sf, rng, t);
            rounds.add(r);
            log.accept(String.format("t=%ds lookup success %.4f, mean hops %.2f, p95 latency %.0f ms", t / 1000, r.metrics().get("lookup_success"),
                    r.metrics().get("hops_mean"), r.metrics().get("latency_p95_ms")));
        }
        return new Report(sf.scenario().name(), sf.scenario().protocolName(), sf.scenario().seed(), controls.size(),
                members.size() + failed, members.size() + failed, up, failed, rounds);
    }

    /** Writes the report as {@code dir/k8s-run.json}. */
    public static Path write(Report report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve("k8s-run.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(f.toFile(), report);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Member> awaitJoined(HttpClient http, List<String> controls, long timeoutMillis, Consumer<String> log) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        List<Member> members = new ArrayList<>();
        for (String c : controls) {
            int colon = c.lastIndexOf(':');
            ControlClient client = new ControlClient(http, c.substring(0, colon), Integer.parseInt(c.substring(colon + 1)));
            String last = "no answer yet";
            while (true) {
                try {
                    List<Fields> nodes = client.nodes();
                    List<Member> ms = new ArrayList<>();
                    for (Fields n : nodes) {
                        if (n.get("joined") == Boolean.TRUE) {
                            ms.add(new Member(client, (int) n.integer("node"), NodeId.fromHex(n.string("id"))));
                        }
                    }
                    if (!nodes.isEmpty() && ms.size() == nodes.size()) {
                        members.addAll(ms);
                        break;
                    }
                    last = ms.size() + " of " + nodes.size() + " nodes joined";
                } catch (RuntimeException e) {
                    last = e.getMessage();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("pod " + c + " not up and joined within " + timeoutMillis / 1000 + " s (" + last
                            + "); " + members.size() + " nodes of the pods before it were");
                }
                sleep(1000);
            }
        }
        return members;
    }

    /** Graded as on every runtime ({@link LookupStats}): the result holds the key's true closest live nodes. */
    private static Round lookups(List<Member> members, ScenarioFile.Loaded sf, RandomGenerator rng, long t) {
        GroundTruth truth = new GroundTruth(members.stream().map(Member::id).toList(), sf.scenario().overlay().keySpace());
        Map<Member, List<NodeId>> byClient = new LinkedHashMap<>();
        for (int i = 0; i < sf.lookups(); i++) {
            byClient.computeIfAbsent(members.get(rng.nextInt(members.size())), m -> new ArrayList<>()).add(NodeId.random(rng));
        }
        Map<Member, CompletableFuture<List<RouteResult>>> fs = new LinkedHashMap<>();
        byClient.forEach((m, keys) -> fs.put(m, m.client().routes(m.index(), keys)));
        LookupStats stats = new LookupStats();
        fs.forEach((m, f) -> {
            for (RouteResult r : f.join()) {
                stats.add(r.key(), r.reached(), r.hops(), r.messages(), r.durationMillis(), m.id(), truth, sf.scenario().resultSize());
            }
        });
        return new Round(t, stats.asMap());
    }

    private static int stopFraction(List<Member> members, double fraction, RandomGenerator rng) {
        int k = (int) Math.floor(members.size() * fraction);
        for (int i = 0; i < k; i++) {
            Member m = members.remove(rng.nextInt(members.size()));
            m.client().stop(m.index());
        }
        return k;
    }

    private static void sleepUntil(long startNanos, long atMillis) {
        long wait = atMillis - (System.nanoTime() - startNanos) / 1_000_000;
        if (wait > 0) {
            sleep(wait);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
