package io.p2ptestbed.harness.docker;

import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Workloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Prints what the docker runtime costs on this machine (not a timed test): for each network size, the time
 * from nothing (no network, no containers; image cached) to every node joined, and to lookups that all find
 * the true closest node; memory per container (docker stats, and the JVM's anonymous RSS); lookups per
 * second in the container network; and the time to remove everything.
 *
 * <pre>
 *   java -cp ... io.p2ptestbed.harness.docker.DockerBenchmark [--density M] [--lookups L] N1 N2 ...
 * </pre>
 * Defaults: N = 50 100, one node per container, 1000 lookups. Needs TESTCONTAINERS_RYUK_DISABLED=true and
 * TESTCONTAINERS_HOST_OVERRIDE=localhost in the environment, and overlay/target/overlay-node.jar.
 */
public final class DockerBenchmark {

    private DockerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int density = 1;
        int lookups = 1_000;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--density" -> density = Integer.parseInt(args[++i]);
                case "--lookups" -> lookups = Integer.parseInt(args[++i]);
                default -> sizes.add(Integer.parseInt(args[i]));
            }
        }
        run(sizes.isEmpty() ? List.of(50, 100) : sizes, density, lookups);
    }

    /** Benchmarks each network size in turn, {@code density} nodes per container; prints to standard output. */
    public static void run(List<Integer> sizes, int density, int lookups) throws Exception {
        if (density < 1 || lookups < 1 || sizes.stream().anyMatch(n -> n < 2)) {
            throw new IllegalArgumentException("want sizes >= 2, density >= 1 and lookups >= 1; got " + sizes + ", "
                    + density + ", " + lookups);
        }
        DockerAvailability.check().orThrowUnlessUsable();
        System.out.println("[bench] " + DockerAvailability.check().message());
        long t0 = System.nanoTime();
        NodeImage image = NodeImages.ensure(DockerOptions.defaults().resolveNodeJar());
        System.out.printf(Locale.ROOT, "[bench] image %s ready in %d ms (%s)%n", image.imageName(), ms(t0),
                image.builtNow() ? "built" : "cached");
        for (int n : sizes) {
            run(n, density, lookups);
        }
    }

    private static void run(int n, int density, int lookups) throws Exception {
        DockerOptions opts = DockerOptions.defaults().withNodesPerContainer(density);
        Scenario s = Scenario.defaults("bench-" + n, n).withRuntime(RuntimeKind.DOCKER).withSeed(n);
        long t0 = System.nanoTime();
        long engineCpu0 = cpuOf("dockerd") + cpuOf("containerd");
        long selfCpu0 = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
        DockerRuntime rt = new DockerRuntime(s, opts);
        try {
            rt.start();
            long joined = ms(t0);
            long nodesCpu = 0;
            for (NodeHostContainer h : rt.hosts()) {
                nodesCpu += cpuOfPid(h.container().hostPid());
            }
            System.out.printf(Locale.ROOT, "[bench]   CPU while starting: node JVMs %.1f s (%.2f s per container), dockerd+containerd"
                    + " %.1f s, harness JVM %.1f s, wall %.1f s on %d cores%n", nodesCpu / 1e3, nodesCpu / 1e3 / rt.hosts().size(),
                    (cpuOf("dockerd") + cpuOf("containerd") - engineCpu0) / 1e3,
                    (ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L) - selfCpu0) / 1e3,
                    joined / 1e3, Runtime.getRuntime().availableProcessors());
            SplittableRandom rng = new SplittableRandom(n);
            LookupStats first;
            int rounds = 0;
            do {
                first = Workloads.randomLookups(rt, Math.min(200, 2 * n), rng);
                rounds++;
            } while (first.successRate() < 1.0 && rounds < 10);
            long converged = ms(t0);
            int containers = rt.hosts().size();
            System.out.printf(Locale.ROOT, "[bench] N=%d nodes in %d containers (%d per container): all joined after %.1f s,"
                    + " converged (every lookup finds the true closest node: %s after %d round(s)) after %.1f s%n",
                    n, containers, density, joined / 1e3, first.successRate() == 1.0 ? "yes" : "NO", rounds, converged / 1e3);

            Thread.sleep(3_000); // let the JVMs settle (C1 compiles, GC) before measuring memory
            List<Double> stats = dockerStatsMiB(rt.hosts().stream().map(h -> h.container().id()).toList());
            List<Double> anon = new ArrayList<>();
            for (NodeHostContainer h : rt.hosts()) {
                anon.add(rssAnonMiB(h.container().hostPid()));
            }
            System.out.printf(Locale.ROOT, "[bench]   memory per container: docker stats %s MiB; JVM RssAnon %s MiB%n",
                    summary(stats), summary(anon));

            long l0 = System.nanoTime();
            int done = 0;
            double success = 0;
            while (done < lookups) {
                int batch = Math.min(200, lookups - done);
                LookupStats st = Workloads.randomLookups(rt, batch, rng);
                success += st.successRate() * batch;
                done += batch;
            }
            double secs = (System.nanoTime() - l0) / 1e9;
            System.out.printf(Locale.ROOT, "[bench]   lookups: %d in %.1f s = %.0f lookups/s (batches of 200, %d in flight at once),"
                    + " success %.1f%%%n", done, secs, done / secs, DockerRuntime.LOOKUP_WAVE, 100 * success / done);
        } finally {
            long c0 = System.nanoTime();
            rt.close();
            System.out.printf(Locale.ROOT, "[bench]   clean-up of %d containers and the network: %.1f s%n",
                    rt.hosts().size(), ms(c0) / 1e3);
        }
    }

    /** CPU time (user + system, ms) of the first process named {@code name}, 0 if none. */
    static long cpuOf(String name) {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/" + name)).orElse(false))
                .findFirst().map(p -> cpuOfPid(p.pid())).orElse(0L);
    }

    /** CPU time (user + system, ms) of a process from /proc/PID/stat. */
    static long cpuOfPid(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** Memory use as {@code docker stats} reports it (cgroup usage without page cache), MiB per container. */
    public static List<Double> dockerStatsMiB(List<String> ids) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker", "stats", "--no-stream", "--format", "{{.MemUsage}}"));
        cmd.addAll(ids);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        List<Double> r = new ArrayList<>();
        for (String line : out.split("\n")) {
            String used = line.split("/")[0].trim();
            if (!used.isEmpty() && Character.isDigit(used.charAt(0))) {
                r.add(toMiB(used));
            }
        }
        return r;
    }

    static double toMiB(String s) {
        double v = Double.parseDouble(s.replaceAll("[A-Za-z]+$", ""));
        if (s.endsWith("GiB")) {
            return v * 1024;
        }
        if (s.endsWith("KiB")) {
            return v / 1024;
        }
        if (s.endsWith("MiB")) {
            return v;
        }
        return v / 1024 / 1024;
    }

    static double rssAnonMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("RssAnon:")) {
                    return Double.parseDouble(line.split("\\s+")[1]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static String summary(List<Double> xs) {
        DoubleSummaryStatistics s = xs.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).summaryStatistics();
        return String.format(Locale.ROOT, "mean %.1f, min %.1f, max %.1f (n=%d)", s.getAverage(), s.getMin(), s.getMax(),
                s.getCount());
    }
}
