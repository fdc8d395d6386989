package io.p2ptestbed.harness.swarm;

import io.p2ptestbed.harness.docker.DockerOptions;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints what the swarm runtime costs here (not a timed test): for each size, the time from the first service's
 * creation until every node task is up and every node has joined (the floor: 100 tasks in at most
 * {@value #FLOOR_SECONDS} s), the whole start (sweep, network, relay, services), whether lookups through the relay
 * find the true closest node, and the clean-up.
 *
 * <pre>
 *   java -cp ... io.p2ptestbed.harness.swarm.SwarmBenchmark [--density M] N1 N2 ...   (= ./testbed bench --swarm N)
 * </pre>
 */
public final class SwarmBenchmark {

    /** The floor of issue 15: 100 node tasks on the one-node swarm up and joined within this many seconds. */
    public static final int FLOOR_SECONDS = 90;

    private SwarmBenchmark() {}

    public static void main(String[] args) {
        int density = 1;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--density")) {
                density = Integer.parseInt(args[++i]);
            } else {
                sizes.add(Integer.parseInt(args[i]));
            }
        }
        run(sizes.isEmpty() ? List.of(100) : sizes, density);
    }

    /** Benchmarks each size in turn, {@code density} nodes per task; prints to standard output. */
    public static void run(List<Integer> sizes, int density) {
        if (density < 1 || sizes.stream().anyMatch(n -> n < 2)) {
            throw new IllegalArgumentException("want sizes >= 2 and density >= 1; got " + sizes + ", " + density);
        }
        SwarmAvailability.Status s = SwarmAvailability.check().orThrow();
        System.out.println("[bench] " + s.message());
        for (int n : sizes) {
            run(n, density);
        }
    }

    private static void run(int n, int density) {
        DockerOptions opts = SwarmRuntime.swarmDefaults().withNodesPerContainer(density);
        SwarmRuntime rt = new SwarmRuntime(Scenario.defaults("swarm-bench-" + n, n).withRuntime(RuntimeKind.SWARM)
                .withSeed(n), opts, Integer.getInteger("testbed.swarm.tasksPerService", 25));
        long t0 = System.nanoTime();
        try {
            rt.start();
            long started = (System.nanoTime() - t0) / 1_000_000;
            int tasks = rt.hosts().size();
            double joined = rt.joinedMillis() / 1e3;
            System.out.printf(Locale.ROOT, "[bench] swarm N=%d nodes in %d tasks (%d per task) of %d services: all tasks up and"
                    + " every node joined %.1f s after the first service was created (whole start, with sweep, network and"
                    + " relay: %.1f s)%n", n, tasks, density, rt.groups().size(), joined, started / 1e3);
            if (tasks >= 100) {
                System.out.printf(Locale.ROOT, "[bench]   floor: %d node tasks up and joined in <= %d s: %s (%.1f s)%n", tasks,
                        FLOOR_SECONDS, joined <= FLOOR_SECONDS ? "met" : "NOT met", joined);
            }
            SplittableRandom rng = new SplittableRandom(n);
            long l0 = System.nanoTime();
            LookupStats st = Workloads.randomLookups(rt, Math.min(200, 2 * n), rng);
            System.out.printf(Locale.ROOT, "[bench]   %d lookups through the relay in %.1f s: %.1f%% find the true closest node%n",
                    st.count(), (System.nanoTime() - l0) / 1e9, 100 * st.successRate());
        } finally {
            long c0 = System.nanoTime();
            rt.close();
            System.out.printf(Locale.ROOT, "[bench]   clean-up of %d services, the relay and the network: %.1f s%n",
                    rt.groups().size(), (System.nanoTime() - c0) / 1e9);
        }
    }
}
