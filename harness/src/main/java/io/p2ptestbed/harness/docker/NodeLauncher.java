package io.p2ptestbed.harness.docker;

import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts node containers for a {@link DockerRuntime}: the node-host command of each container, and the
 * start-up pipeline. Node 0 comes first, then the other bootstrap nodes (joining through node 0), then
 * everyone else (joining through all bootstrap nodes). The engine creates about three containers a second
 * whatever the concurrency, so a few threads only create containers while others wait for the started
 * ones to join; the engine is never idle. {@code -Dtestbed.docker.timings=true} prints per-container times.
 */
public final class NodeLauncher {

    static final boolean TIMINGS = Boolean.getBoolean("testbed.docker.timings");
    static final long OPERATION_TIMEOUT_MILLIS = 300_000;
    private static final int CREATORS = 4;

    private final Scenario scenario;
    private final DockerOptions options;
    private final NodeImage image;
    private final LabNetwork network;
    private final SubnetPlan plan;
    private final HttpClient http;
    private final ExecutorService pool;
    private final String defenceSpec;
    private final java.util.function.Function<NodeAddress, List<io.p2ptestbed.overlay.node.control.FaultRule>> faultsAtStart;

    /** Further node-host options per container ({@link DockerRuntime#hostArgs}). */
    java.util.function.Function<NodeHostContainer, List<String>> hostArgs = h -> List.of();

    NodeLauncher(Scenario scenario, DockerOptions options, NodeImage image, LabNetwork network, SubnetPlan plan,
                 HttpClient http, ExecutorService pool, String defenceSpec,
                 java.util.function.Function<NodeAddress, List<io.p2ptestbed.overlay.node.control.FaultRule>> faultsAtStart) {
        this.scenario = scenario;
        this.options = options;
        this.image = image;
        this.network = network;
        this.plan = plan;
        this.http = http;
        this.pool = pool;
        this.defenceSpec = defenceSpec;
        this.faultsAtStart = faultsAtStart;
    }

    /**
     * Starts every container of {@code hosts} (their nodes already assigned) and waits until all have joined.
     * At most {@link #startWindow} containers are starting at any moment (created, not yet joined): a new one is
     * created only when an earlier one has joined (or failed). Every container JVM burns about half a CPU second to
     * start and join, so on a loaded 2-core machine 40 of them started at once each took a 40th of the CPU left and
     * some missed the per-container bound ({@link DockerOptions#startupMillis}); with the window each one shares the
     * CPU with a few others only, and its bound, counted from its own {@code docker start}, means what it says. The
     * engine starts about three containers a second in any case, so on an idle machine the window costs nothing.
     */
    void startAll(List<NodeHostContainer> hosts, List<NodeAddress> bootstrap) {
        long t0 = System.nanoTime();
        String loadBefore = loadAverage();
        int boot = bootstrap.size();
        int m = options.nodesPerContainer();
        List<NodeAddress> seedsOf0 = List.of(bootstrap.get(0));
        int bootContainers = (boot + m - 1) / m;
        int window = startWindow(options);
        launch(hosts.get(0), seedsOf0, "the first bootstrap container, started alone");
        parallel(pool, hosts.subList(1, bootContainers), h -> launch(h, seedsOf0, "one of " + (bootContainers - 1)
                + " further bootstrap containers started together"));
        ExecutorService creators = Executors.newFixedThreadPool(Math.min(CREATORS, options.parallelism()), r -> {
            Thread t = new Thread(r, "docker-create");
            t.setDaemon(true);
            return t;
        });
        Semaphore starting = new Semaphore(window);
        try {
            List<Future<?>> joined = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> created = new ArrayList<>();
            for (NodeHostContainer h : hosts.subList(bootContainers, hosts.size())) {
                created.add(creators.submit(() -> {
                    starting.acquireUninterruptibly();
                    try {
                        create(h, bootstrap);
                        joined.add(pool.submit(() -> {
                            try {
                                awaitJoined(h, "at most " + window + " containers starting at once");
                            } finally {
                                starting.release();
                            }
                        }));
                    } catch (RuntimeException | Error e) {
                        starting.release();
                        throw e;
                    }
                }));
            }
            awaitAll(created);
            awaitAll(List.copyOf(joined));
        } finally {
            creators.shutdownNow();
        }
        System.err.printf("[docker] %d containers (%d nodes) up and joined in %.1f s, at most %d starting at once;"
                + " slowest %s; load average %s before, %s after%n", hosts.size(),
                hosts.stream().mapToInt(h -> h.nodes().size()).sum(), (System.nanoTime() - t0) / 1e9, window,
                hosts.stream().max(java.util.Comparator.comparingLong(NodeHostContainer::startupMillis))
                        .map(h -> h.name() + " " + h.startupMillis() + " ms").orElse("-"), loadBefore, loadAverage());
    }

    /**
     * How many containers may be starting at once: {@code -Dtestbed.docker.startWindow} (1 to 64), 6 by default, and
     * never more than {@link DockerOptions#parallelism} (the threads that wait for the joins).
     */
    static int startWindow(DockerOptions options) {
        int w = Integer.getInteger("testbed.docker.startWindow", 6);
        if (w < 1 || w > 64) {
            throw new IllegalArgumentException("testbed.docker.startWindow must be in [1, 64], got " + w);
        }
        return Math.min(w, options.parallelism());
    }

    /** The host's 1-, 5- and 15-minute load averages, for start-up messages; "unknown" where /proc has none. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Creates and starts the container of {@code h} and waits until its nodes have joined. */
    void launch(NodeHostContainer h, List<NodeAddress> bootstrap, String context) {
        create(h, bootstrap);
        awaitJoined(h, context);
    }

    private void awaitJoined(NodeHostContainer h, String context) {
        long t0 = System.nanoTime();
        h.awaitJoined(options.startupMillis(), context);
        h.nodes().forEach(n -> n.running(true));
        if (TIMINGS) {
            System.err.printf("[docker] %s: joined %d ms after start%n", h.container().name(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Creates and starts the container of {@code h} (its nodes join on their own). */
    private void create(NodeHostContainer h, List<NodeAddress> bootstrap) {
        create(h, SubnetPlan.dotted(plan.honestIp(h.index())), "n" + h.index(), java.util.Map.of(), bootstrap);
    }

    /**
     * Creates and starts a node container of the attacker's at {@code ip} (an attacker address of the plan) named
     * {@code name}, its nodes running the scenario's overlay with {@code params} over the scenario's parameters (e.g. a
     * Sybil super-peer's role and claim), and waits until they have joined through {@code bootstrap}.
     */
    void launchAttacker(NodeHostContainer h, String ip, String name, java.util.Map<String, String> params,
                        List<NodeAddress> bootstrap, String context) {
        create(h, ip, name, params, bootstrap);
        awaitJoined(h, context);
    }

    private void create(NodeHostContainer h, String ip, String name, java.util.Map<String, String> params,
                        List<NodeAddress> bootstrap) {
        int m = h.nodes().size();
        long memory = options.memoryMiB() == 0 ? 0 : Math.max(options.memoryMiB(), 64 + 12L * m);
        long t0 = System.nanoTime();
        LabContainer c = LabContainer.start(image, network, name, "node", ip, command(h, ip, bootstrap, params), memory);
        h.created(c, new ControlClient(http, ip, ControlClient.PORT));
        if (TIMINGS) {
            System.err.printf("[docker] %s: create+start %d ms%n", c.name(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** JVM options, then the node host's main class and arguments, then every node's arguments after {@code --}. */
    List<String> command(NodeHostContainer h, String ip, List<NodeAddress> bootstrap) {
        return command(h, ip, bootstrap, java.util.Map.of());
    }

    private List<String> command(NodeHostContainer h, String ip, List<NodeAddress> bootstrap, java.util.Map<String, String> params) {
        List<DockerNode> ns = h.nodes();
        List<String> cmd = new ArrayList<>();
        if (ns.size() > 1) {
            cmd.add("-Xmx" + (24 + 4 * ns.size()) + "m");
        }
        String extraFlags = System.getProperty("testbed.docker.jvmFlags", "").trim();
        if (!extraFlags.isEmpty()) {
            cmd.addAll(List.of(extraFlags.split("\\s+")));
        }
        cmd.add(NodeHostContainer.MAIN);
        cmd.addAll(List.of("--nodes", Integer.toString(ns.size()), "--port-base", Integer.toString(DockerRuntime.NODE_PORT),
                "--control-port", Integer.toString(ControlClient.PORT),
                "--ids", ns.stream().map(n -> n.id().toHex()).collect(Collectors.joining(",")),
                "--seeds", ns.stream().map(n -> Long.toString(n.seed())).collect(Collectors.joining(","))));
        if (!defenceSpec.equals("none")) {
            cmd.addAll(List.of("--defences", defenceSpec));
        }
        List<Object> faults = new ArrayList<>();
        boolean anyFault = false;
        for (DockerNode n : ns) {
            List<io.p2ptestbed.overlay.node.control.FaultRule> rules = faultsAtStart.apply(n.address());
            anyFault |= !rules.isEmpty();
            faults.add(io.p2ptestbed.overlay.node.control.ControlJson.faultRules(rules));
        }
        if (anyFault) {
            cmd.addAll(List.of("--faults", io.p2ptestbed.overlay.node.control.Json.write(java.util.Map.of("nodes", faults))));
        }
        cmd.addAll(hostArgs.apply(h));
        cmd.add("--");
        cmd.addAll(protocolArgs(scenario, plan.subnet().toString(), params));
        cmd.addAll(List.of("--bind", ip, "--log-every", "0"));
        for (NodeAddress b : bootstrap) {
            cmd.addAll(List.of("--bootstrap", b.toString()));
        }
        return cmd;
    }

    /**
     * {@code --protocol NAME} and one {@code --param NAME=VALUE} for every parameter of the scenario that differs
     * from the protocol's defaults (the node applies the same defaults), so the node runs exactly the
     * scenario's overlay.
     */
    public static List<String> protocolArgs(Scenario scenario) {
        return protocolArgs(scenario, null);
    }

    /**
     * As {@link #protocolArgs(Scenario)}, and {@code --lab LAB} when {@code lab} is not null: a stream overlay's TCP
     * connections stay inside the run's lab network, and a node host's malice ({@code NodeMalice}) guards its datagrams
     * with it.
     */
    public static List<String> protocolArgs(Scenario scenario, String lab) {
        return protocolArgs(scenario, lab, java.util.Map.of());
    }

    /** As {@link #protocolArgs(Scenario, String)}, with {@code params} over the scenario's parameters. */
    static List<String> protocolArgs(Scenario scenario, String lab, java.util.Map<String, String> params) {
        List<String> a = new ArrayList<>(List.of("--protocol", scenario.protocolName()));
        if (lab != null) {
            a.addAll(List.of("--lab", lab));
        }
        java.util.Map<String, String> defaults = scenario.overlay().defaults();
        java.util.Map<String, String> given = new java.util.LinkedHashMap<>(scenario.protocol().asMap());
        given.putAll(params);
        given.forEach((name, value) -> {
            if (!value.equals(defaults.get(name))) {
                a.addAll(List.of("--param", name + "=" + value));
            }
        });
        return a;
    }

    /** Runs {@code action} on every item in {@code pool} and waits; rethrows the first failure. */
    public static <T> void parallel(ExecutorService pool, List<T> items, Consumer<T> action) {
        List<Future<?>> fs = new ArrayList<>();
        for (T t : items) {
            fs.add(pool.submit(() -> action.accept(t)));
        }
        awaitAll(fs);
    }

    static void awaitAll(List<Future<?>> fs) {
        RuntimeException first = null;
        for (Future<?> f : fs) {
            try {
                f.get(OPERATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting containers", e);
            } catch (TimeoutException e) {
                if (first == null) {
                    first = new IllegalStateException("containers did not start within " + OPERATION_TIMEOUT_MILLIS + " ms");
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
