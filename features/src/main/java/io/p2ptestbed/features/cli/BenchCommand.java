package io.p2ptestbed.features.cli;

import io.p2ptestbed.harness.chord.bench.ChordBenchmark;
import io.p2ptestbed.harness.kademlia.bench.LoopbackBenchmark;
import io.p2ptestbed.harness.kademlia.bench.SimulatedBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code testbed bench}: wall-clock figures of the simulated runtime, and optionally of the loopback and docker
 * runtimes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Benchmark the simulated runtime (loopback with --loopback, containers with --docker).", sortOptions = false,
        description = {"Builds and converges simulated networks of the given sizes and runs find_node lookups against",
                "ground truth; prints build time, events, heap, lookups per second and success. Needs -Xmx of about",
                "6 GB for 100,000 nodes (the launcher sets it). With --loopback, the same on real UDP sockets.",
                "With --docker, nodes in containers (docs/docker.md): time to joined and converged, memory per",
                "container, lookups per second; the simulated sizes then run only if --nodes is given too.",
                "With --swarm, nodes as Docker Swarm services (docs/swarm.md): time until every task is up and joined."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", paramLabel = "N[,N...]", defaultValue = "10000,100000",
            description = "Simulated network sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> nodes = new ArrayList<>();

    @Option(names = "--lookups", paramLabel = "N", description = "Lookups per size, timed in 4 rounds. Default: 20000 "
            + "(docker: 1000; loopback: min(5 x size, 5000)).")
    Integer lookups;

    @Option(names = "--threads", paramLabel = "N", description = "Simulation threads (shards advancing in windows "
            + "of the minimum latency; 1 = the single event loop that scenarios use). Default: the number of cores.")
    Integer threads;

    @Option(names = "--in-flight", paramLabel = "N", description = "Simulated lookups in flight at once. Default: 500 "
            + "(chord: N/5, ChordBenchmark.defaultInFlight).")
    Integer inFlightOption;

    int inFlight;

    @Option(names = "--protocol", defaultValue = "kademlia", paramLabel = "NAME", description = "The simulated overlay: "
            + "kademlia or chord (ChordBenchmark: build + stabilise, lookups with maintenance running). Default: "
            + "${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--k", defaultValue = "20", description = "Bucket size. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--alpha", defaultValue = "3", description = "Lookup parallelism. Default: ${DEFAULT-VALUE}.")
    int alpha;

    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "R", description = "Runs per simulated size, one "
            + "after another in this JVM, then a line with the minimum, median and maximum (single runs on a shared "
            + "machine vary a lot). Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--loopback", paramLabel = "N", description = "Also benchmark N real UDP nodes on loopback addresses "
            + "(127.x.y.z) in this JVM.")
    Integer loopback;

    @Option(names = "--docker", split = ",", paramLabel = "N[,N...]", description = "Benchmark N nodes in containers "
            + "on the docker runtime (needs a Docker engine, and TESTCONTAINERS_RYUK_DISABLED=true "
            + "TESTCONTAINERS_HOST_OVERRIDE=localhost in the environment).")
    List<Integer> docker;

    @Option(names = "--density", defaultValue = "1", paramLabel = "M", description = "With --docker: nodes per "
            + "container (with --swarm: per task). Default: ${DEFAULT-VALUE}.")
    int density;

    @Option(names = "--swarm", split = ",", paramLabel = "N[,N...]", description = "Benchmark N nodes as Swarm services "
            + "on the swarm runtime (docs/swarm.md): time until every task is up and every node joined (needs an "
            + "active swarm: docker swarm init --advertise-addr 127.0.0.1).")
    List<Integer> swarm;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (swarm != null) {
            if (density < 1 || swarm.stream().anyMatch(n -> n < 2)) {
                throw new TestbedCli.UsageError("--swarm sizes must be at least 2 and --density at least 1");
            }
            w.flush();
            io.p2ptestbed.harness.swarm.SwarmBenchmark.run(swarm, density);
            if (docker == null && !spec.commandLine().getParseResult().hasMatchedOption("--nodes")) {
                return TestbedCli.OK;
            }
        }
        if (docker != null) {
            if (density < 1 || docker.stream().anyMatch(n -> n < 2)) {
                throw new TestbedCli.UsageError("--docker sizes must be at least 2 and --density at least 1");
            }
            w.flush();
            io.p2ptestbed.harness.docker.DockerBenchmark.run(docker, density, lookups != null ? lookups : 1_000);
            if (!spec.commandLine().getParseResult().hasMatchedOption("--nodes")) {
                return TestbedCli.OK;
            }
        }
        for (int n : nodes) {
            if (n < 2 || n > io.p2ptestbed.harness.scenario.Scenario.MAX_SIMULATED_NODES) {
                throw new TestbedCli.UsageError("--nodes " + n + " is out of range [2, "
                        + io.p2ptestbed.harness.scenario.Scenario.MAX_SIMULATED_NODES + "]");
            }
        }
        inFlight = inFlightOption != null ? inFlightOption : 500;
        if (inFlight < 1 || (lookups != null && lookups < 1)) {
            throw new TestbedCli.UsageError("--in-flight and --lookups must be at least 1");
        }
        if (repeat < 1 || repeat > 100) {
            throw new TestbedCli.UsageError("--repeat " + repeat + " is out of range [1, 100]");
        }
        int max = io.p2ptestbed.harness.runtime.SimulatedRuntime.MAX_THREADS;
        int t = threads != null ? threads : Math.min(max, Runtime.getRuntime().availableProcessors());
        if (t < 1 || t > max) {
            throw new TestbedCli.UsageError("--threads " + t + " is out of range [1, " + max + "]");
        }
        if (protocol.equals("chord")) {
            chord(w);
        } else if (!protocol.equals("kademlia")) {
            throw new TestbedCli.UsageError("--protocol " + protocol + ": bench knows kademlia and chord");
        }
        for (int n : protocol.equals("chord") ? List.<Integer>of() : nodes) {
            int l = lookups != null ? lookups : 20_000;
            List<SimulatedBenchmark.Figures> runs = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                runs.add(SimulatedBenchmark.run(n, k, alpha, l, seed, inFlight, t));
                w.println(runs.get(r).line());
                w.flush();
            }
            if (repeat > 1) {
                w.println(SimulatedBenchmark.summary(runs));
                w.flush();
            }
        }
        if (loopback != null) {
            w.println(loopback(loopback));
        }
        w.flush();
        return TestbedCli.OK;
    }

    /** ChordBenchmark for each size, on the single event loop (--k, --alpha and --threads do not apply). */
    private void chord(PrintWriter w) {
        for (int n : nodes) {
            int f = inFlightOption != null ? inFlightOption : ChordBenchmark.defaultInFlight(n);
            List<ChordBenchmark.Figures> runs = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                runs.add(ChordBenchmark.run(n, lookups != null ? lookups : 20_000, f, seed, ChordBenchmark.defaultJoinGap(n)));
                w.println(runs.get(r).line());
                w.flush();
            }
            if (repeat > 1) {
                w.println(ChordBenchmark.summary(runs));
                w.flush();
            }
        }
    }

    /** N real UDP nodes on loopback addresses in this JVM, lookups in batches of 200 concurrent. */
    private String loopback(int n) {
        if (n < 2 || n > io.p2ptestbed.harness.scenario.Scenario.MAX_LOOPBACK_NODES) {
            throw new TestbedCli.UsageError("--loopback " + n + " is out of range [2, "
                    + io.p2ptestbed.harness.scenario.Scenario.MAX_LOOPBACK_NODES + "]");
        }
        return LoopbackBenchmark.run(n, lookups != null ? lookups : Math.min(5 * n, 5_000), 200, seed).line();
    }
}
