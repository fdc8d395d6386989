package io.p2ptestbed.features.cli;

import io.p2ptestbed.harness.bench.SimulatedBenchmark;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code testbed bench}: wall-clock figures of the simulated (and, where available, loopback) runtime. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Builds and converges simulated networks of the given sizes and runs find_node lookups against",
                "ground truth; prints build time, events, heap, lookups per second and success. Needs -Xmx of about",
                "6 GB for 100,000 nodes (the launcher sets it)."})
final class BenchCommand implements Callable<Integer> {

    static final String LOOPBACK_CLASS = "io.p2ptestbed.harness.bench.LoopbackBenchmark";

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", paramLabel = "N[,N...]", defaultValue = "10000,100000",
            description = "Simulated network sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> nodes = new ArrayList<>();

    @Option(names = "--lookups", paramLabel = "N", description = "Lookups per size. Default: min(size, 20000).")
    Integer lookups;

    @Option(names = "--k", defaultValue = "20", description = "Bucket size. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--alpha", defaultValue = "3", description = "Lookup parallelism. Default: ${DEFAULT-VALUE}.")
    int alpha;

    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--loopback", paramLabel = "N", description = "Also benchmark N real UDP nodes on loopback, if this build has "
            + "a loopback benchmark.")
    Integer loopback;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        for (int n : nodes) {
            if (n < 2 || n > io.p2ptestbed.harness.scenario.Scenario.MAX_SIMULATED_NODES) {
                throw new TestbedCli.UsageError("--nodes " + n + " is out of range [2, "
                        + io.p2ptestbed.harness.scenario.Scenario.MAX_SIMULATED_NODES + "]");
            }
        }
        for (int n : nodes) {
            int l = lookups != null ? lookups : Math.min(n, 20_000);
            w.println(SimulatedBenchmark.run(n, k, alpha, l, seed).line());
            w.flush();
        }
        if (loopback != null) {
            w.println(loopback(loopback));
        }
        w.flush();
        return TestbedCli.OK;
    }

    /** Calls {@code LoopbackBenchmark.run(int nodes, int k, int alpha, int lookups, long seed)} if the class exists. */
    private String loopback(int n) {
        try {
            Class<?> c = Class.forName(LOOPBACK_CLASS);
            Method run = c.getMethod("run", int.class, int.class, int.class, int.class, long.class);
            Object figures = run.invoke(null, n, k, alpha, lookups != null ? lookups : Math.min(n, 2_000), seed);
            try {
                return String.valueOf(figures.getClass().getMethod("line").invoke(figures));
            } catch (NoSuchMethodException e) {
                return String.valueOf(figures);
            }
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return "loopback benchmark: skipped (this build has no " + LOOPBACK_CLASS + ".run(int,int,int,int,long))";
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "loopback benchmark: failed: " + cause;
        }
    }
}
