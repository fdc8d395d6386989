package io.p2ptestbed.features.cli;

import io.p2ptestbed.harness.chord.bench.ChordBenchmark;
import io.p2ptestbed.harness.gnutella.bench.GnutellaBenchmark;
import io.p2ptestbed.harness.kademlia.bench.LoopbackBenchmark;
import io.p2ptestbed.harness.kademlia.bench.SimulatedBenchmark;
import io.p2ptestbed.harness.pastry.bench.LoopbackPastryBenchmark;
import io.p2ptestbed.harness.pastry.bench.PastryBenchmark;
import io.p2ptestbed.harness.pastry.bench.PastryShardedBenchmark;
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
                "ground truth; prints build time, events, heap, lookups per second and success. The heap each size",
                "needs is estimated before building; when the launcher's default heap is too small and TESTBED_JAVA_OPTS",
                "is unset, the command runs itself again in a JVM with a heap that fits (e.g. 1,000,000 nodes at",
                "k = 8), or says which -Xmx to use. With --loopback, the same on real UDP sockets.",
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
            + "kademlia, chord (ChordBenchmark: build + stabilise, lookups with maintenance running), pastry "
            + "(PastryBenchmark: joins until every leaf set is right, routes with maintenance running; with --loopback "
            + "N, LoopbackPastryBenchmark: N real UDP Pastry nodes in this JVM), gnutella "
            + "(GnutellaBenchmark: flooding with --degree, --ttl, --queries; --reach for the reach table) or bitcoin "
            + "(BitcoinBenchmark: --queries transactions relayed to every node, sharded with --threads above 1; --loopback "
            + "N real TCP nodes). Default: "
            + "${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--join-spacing", defaultValue = "5", paramLabel = "MS", description = "kademlia: virtual "
            + "milliseconds between two joins while the network is built (every node still bootstraps itself through "
            + "the protocol and refreshes as usual; a longer build means more refresh rounds per node). Default: "
            + "${DEFAULT-VALUE}, the scenarios' spacing.")
    long joinSpacing;

    @Option(names = "--topology", defaultValue = "uniform", paramLabel = "T", description = "kademlia: the simulated "
            + "latency topology (uniform, plane or plane:J; docs/steps.md), to measure what a topology costs. Default: "
            + "${DEFAULT-VALUE}.")
    String topology;

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
        if (joinSpacing < 0 || joinSpacing > 60_000) {
            throw new TestbedCli.UsageError("--join-spacing " + joinSpacing + " is out of range [0, 60000] ms");
        }
        int max = io.p2ptestbed.harness.runtime.SimulatedRuntime.MAX_THREADS;
        int t = threads != null ? threads : Math.min(max, Runtime.getRuntime().availableProcessors());
        if (t < 1 || t > max) {
            throw new TestbedCli.UsageError("--threads " + t + " is out of range [1, " + max + "]");
        }
        if (protocol.equals("kademlia")) {
            Integer child = fitHeap(w);
            if (child != null) {
                return child;
            }
        }
        if (protocol.equals("chord")) {
            chord(w);
        } else if (protocol.equals("pastry")) {
            pastry(w, t);
        } else if (protocol.equals("gnutella")) {
            gnutella(w);
        } else if (protocol.equals("bitcoin")) {
            bitcoin(w, t);
            return 0;
        } else if (!protocol.equals("kademlia")) {
            throw new TestbedCli.UsageError("--protocol " + protocol + ": bench knows kademlia, chord, pastry, gnutella and bitcoin");
        }
        for (int n : protocol.equals("kademlia") ? nodes : List.<Integer>of()) {
            int l = lookups != null ? lookups : 20_000;
            List<SimulatedBenchmark.Figures> runs = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                runs.add(SimulatedBenchmark.run(kademliaScenario(n),
                        k, alpha, l, inFlight, t, SimulatedBenchmark.ROUNDS));
                w.println(runs.get(r).line());
                w.flush();
            }
            if (repeat > 1) {
                w.println(SimulatedBenchmark.summary(runs));
                w.flush();
            }
        }
        if (loopback != null) {
            w.println(protocol.equals("pastry") ? pastryLoopback(loopback) : loopback(loopback));
        }
        w.flush();
        return TestbedCli.OK;
    }

    /** The Kademlia network a simulated run builds, with the join spacing and topology asked for. */
    private io.p2ptestbed.harness.scenario.Scenario kademliaScenario(int n) {
        try {
            return SimulatedBenchmark.scenario(n, k, alpha, seed).withJoinSpacing(joinSpacing).withTopology(topology);
        } catch (io.p2ptestbed.harness.scenario.ScenarioException e) {
            throw new TestbedCli.UsageError("--topology " + topology + ": " + e.getMessage());
        }
    }

    /** Set in a JVM this command started with a heap that fits (it must not start another). */
    static final String CHILD_PROPERTY = "testbed.bench.child";

    /**
     * Makes sure the largest simulated size fits the heap (HeapBudget: estimated before building). When it
     * does not and the heap is the launcher's default (no TESTBED_JAVA_OPTS), runs the same command in a JVM
     * with a heap that fits, if the machine has the memory, and returns its exit code; otherwise refuses with
     * the estimate and the options to use. Returns null when this JVM can run every size.
     */
    private Integer fitHeap(PrintWriter w) throws Exception {
        int largest = nodes.stream().mapToInt(Integer::intValue).max().orElse(2);
        io.p2ptestbed.harness.runtime.HeapBudget budget = io.p2ptestbed.harness.runtime.HeapBudget.of(
                SimulatedBenchmark.scenario(largest, k, alpha, seed));
        if (budget.fits()) {
            return null;
        }
        String what = "simulated kademlia nodes (k = " + k + ")";
        long machine = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
        boolean chosen = System.getenv("TESTBED_JAVA_OPTS") != null || Boolean.getBoolean(CHILD_PROPERTY);
        if (chosen || budget.suggestedHeapBytes() > machine * 9 / 10) {
            throw new TestbedCli.UsageError(budget.describe(what) + ". " + (budget.suggestedHeapBytes() > machine * 9 / 10
                    ? "That is more than this machine's memory allows (" + (machine >> 30) + " GB). " : "")
                    + budget.advice());
        }
        String xmx = (budget.suggestedHeapBytes() >> 30) + "g";
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xms") && !a.startsWith("-Xmx") && !a.startsWith("-Xmn") && !a.startsWith("-XX:NewSize")
                    && !a.startsWith("-XX:MaxNewSize")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xms" + xmx, "-Xmx" + xmx, "-Xmn" + (budget.youngBytes() >> 20) + "m", "-D" + CHILD_PROPERTY + "=true",
                "-cp", System.getProperty("java.class.path"), TestbedCli.class.getName()));
        cmd.addAll(spec.root().commandLine().getParseResult().originalArgs()); // "bench" and its options
        w.println("bench: " + budget.describe(what) + "; running it in a JVM with -Xmx" + xmx + " -Xmn"
                + (budget.youngBytes() >> 20) + "m");
        w.flush();
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    @Option(names = "--degree", defaultValue = "8", paramLabel = "D", description = "gnutella: mean degree of the random "
            + "topology. Default: ${DEFAULT-VALUE}.")
    int degree;

    @Option(names = "--ttl", defaultValue = "7", paramLabel = "T", description = "gnutella: TTL of the queries. Default: "
            + "${DEFAULT-VALUE}.")
    int ttl;

    @Option(names = "--queries", defaultValue = "1000", paramLabel = "Q", description = "gnutella: queries per run. "
            + "Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--reach", description = "gnutella: instead, the table of a flood's reach against the tree bound for "
            + "degrees 4, 6, 8 and TTLs 1 to 5 (--queries floods each).")
    boolean reach;

    @Option(names = "--layout", defaultValue = "regular", paramLabel = "L", description = "gnutella: regular (a random "
            + "d-regular graph given as fixed peer lists, each link still opened with the 0.4 handshake and ping/pong) or "
            + "join (every servent joins through node 0 and finds its neighbours by ping/pong discovery; slower to build "
            + "than linear in N). Default: ${DEFAULT-VALUE}.")
    String layout;

    /** GnutellaBenchmark for each size on the single event loop (--k, --alpha, --threads and --in-flight do not apply). */
    private void gnutella(PrintWriter w) {
        if (degree < 2 || degree > 100 || ttl < 1 || ttl > 255 || queries < 1) {
            throw new TestbedCli.UsageError("gnutella bench: --degree must be in [2, 100], --ttl in [1, 255], --queries >= 1");
        }
        GnutellaBenchmark.Layout l;
        try {
            l = GnutellaBenchmark.Layout.parse(layout);
        } catch (IllegalArgumentException e) {
            throw new TestbedCli.UsageError("gnutella bench: --layout: " + e.getMessage());
        }
        for (int n : nodes) {
            if (l == GnutellaBenchmark.Layout.REGULAR && ((long) n * degree) % 2 != 0) {
                throw new TestbedCli.UsageError("gnutella bench: a " + degree + "-regular graph of " + n
                        + " nodes needs N·degree even (or --layout join)");
            }
        }
        for (int n : nodes) {
            if (reach) {
                GnutellaBenchmark.reachTable(n, new int[] {4, 6, 8}, new int[] {1, 2, 3, 4, 5}, queries, seed, l).forEach(w::println);
                w.flush();
                continue;
            }
            for (int r = 0; r < repeat; r++) {
                w.println(GnutellaBenchmark.run(n, degree, ttl, queries, seed + r, l).line());
                w.flush();
            }
        }
    }

    /**
     * BitcoinBenchmark for each size (--queries transactions, 20 per virtual second): with --threads 1 on the single
     * event loop, with more threads (the default: the cores) sharded on that many threads; and with --loopback N, N
     * bitcoin nodes on real TCP sockets with the latency of 20 transactions (the simulated sizes then run only if
     * --nodes is given too; the open-file limit is checked first).
     */
    private void bitcoin(PrintWriter w, int t) {
        if (queries < 1 || queries > 100_000) {
            throw new TestbedCli.UsageError("bitcoin bench: --queries (transactions) must be in [1, 100000], got " + queries);
        }
        boolean simulated = loopback == null || spec.commandLine().getParseResult().hasMatchedOption("--nodes");
        for (int n : simulated ? nodes : List.<Integer>of()) {
            for (int r = 0; r < repeat; r++) {
                w.println(io.p2ptestbed.harness.bitcoin.bench.BitcoinBenchmark.run(n, queries, 20, seed + r, t == 1 ? 0 : t)
                        .line());
                w.flush();
            }
        }
        if (loopback != null) {
            if (loopback < 2 || loopback > io.p2ptestbed.harness.scenario.Scenario.MAX_LOOPBACK_NODES) {
                throw new TestbedCli.UsageError("--loopback " + loopback + " is out of range [2, "
                        + io.p2ptestbed.harness.scenario.Scenario.MAX_LOOPBACK_NODES + "]");
            }
            long need = io.p2ptestbed.harness.bitcoin.bench.BitcoinBenchmark.descriptorsNeeded(loopback);
            long limit = io.p2ptestbed.harness.bitcoin.bench.BitcoinBenchmark.descriptorLimit();
            if (limit > 0 && need > limit) {
                throw new TestbedCli.UsageError("--loopback " + loopback + ": " + loopback + " bitcoin nodes need up to " + need
                        + " file descriptors but the open-file limit (ulimit -n) is " + limit);
            }
            w.flush();
            w.println(io.p2ptestbed.harness.bitcoin.bench.BitcoinBenchmark.loopback(loopback, 20, seed));
        }
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

    /**
     * For each size: with --threads 1, PastryBenchmark on the single event loop; with more threads (the default: the
     * cores), PastryShardedBenchmark on that many threads (--k and --alpha do not apply). With --loopback the
     * simulated sizes run only if --nodes is given too.
     */
    private void pastry(PrintWriter w, int t) {
        if (loopback != null && !spec.commandLine().getParseResult().hasMatchedOption("--nodes")) {
            return;
        }
        for (int n : nodes) {
            int f = inFlightOption != null ? inFlightOption : PastryBenchmark.defaultInFlight(n);
            int routes = lookups != null ? lookups : 20_000;
            for (int r = 0; r < repeat; r++) {
                w.println(t == 1 ? PastryBenchmark.run(n, routes, f, seed + r, PastryBenchmark.defaultJoinGap(n)).line()
                        : PastryShardedBenchmark.run(n, routes, f, seed + r, PastryBenchmark.defaultJoinGap(n), t).line());
                w.flush();
            }
        }
    }

    /** N real UDP Pastry nodes on 127.51.x.y in this JVM, 200 routes in flight. */
    private String pastryLoopback(int n) throws Exception {
        if (n < 20 || n > 62_500) {
            throw new TestbedCli.UsageError("--loopback " + n + " is out of range [20, 62500] for pastry");
        }
        return LoopbackPastryBenchmark.run(n, lookups != null ? lookups : Math.min(5 * n, 5_000), 200, 2, seed);
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
