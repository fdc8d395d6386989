package io.p2ptestbed.harness.swarm;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.docker.ControlClient;
import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerOptions;
import io.p2ptestbed.harness.docker.LabNetwork;
import io.p2ptestbed.harness.docker.NodeHostContainer;
import io.p2ptestbed.harness.docker.NodeImage;
import io.p2ptestbed.harness.docker.NodeImages;
import io.p2ptestbed.harness.docker.NodeLauncher;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.node.control.RelayMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The docker runtime's node image as Docker Swarm services: the fourth runtime ({@code --runtime swarm},
 * {@code @swarm}, "on the swarm runtime"). Node hosts ({@code NodeHostMain}) run as the tasks of replicated
 * services, one service per group of node hosts ({@code -Dtestbed.swarm.tasksPerService}, 25), placed with
 * {@code --placement-pref spread=node.id} over the swarm's nodes, on an overlay network created
 * {@code --internal --attachable} and labelled. Every task reads its slot ({@code {{.Task.Slot}}}) to take its
 * node ids and seeds from the service's command line, and binds to its own address on the overlay network.
 *
 * <p>The harness reaches the tasks as it would on a multi-host swarm: task addresses come from the swarm's task
 * records, and every control request goes through a relay container ({@code RelayMain}) attached to the
 * overlay network and published on one loopback port of this host; the relay forwards into the overlay's
 * subnet only. Faults are rules of the nodes' transports, set through the control interface
 * ({@link SwarmFaults}); churn stops and starts nodes through it too. Every service, network, config, secret and
 * container carries {@code io.p2ptestbed=1} and {@code io.p2ptestbed.swarm=1}; {@link #start} sweeps what killed
 * runs left ({@link SwarmSweeper}), {@link #close} (and a shutdown hook) removes this run's objects.
 *
 * <p>Ids and seeds derive from the scenario seed as on the docker runtime. Overlays whose ids are bound to the
 * node's address (Chord with {@code bindIds}) are refused: a task's address is known only once it runs.
 */
public final class SwarmRuntime extends ControlledRuntime {

    /** Environment variable that carries each task's slot. */
    static final String SLOT_ENV = "TESTBED_TASK_SLOT";
    /** Port the relay listens on inside its container. */
    static final int RELAY_PORT = 7100;
    /** Port of the relay's byte tunnels (to the attackers' socket hosts) inside its container. */
    static final int TUNNEL_PORT = 7101;
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** One service: {@code replicas} tasks of {@code nodesPerTask} nodes, its first node's index {@code first}. */
    record Group(String service, int first, int replicas, int nodesPerTask) {
        int nodes() {
            return replicas * nodesPerTask;
        }
    }

    private final DockerOptions options;
    private final int tasksPerService;
    private final Seeds seeds;
    private final String runId;
    private final List<NodeHostContainer> hosts = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private String defenceSpec = "none";
    private HttpClient http;
    private ExecutorService pool;
    private NodeImage image;
    /**
     * The image by id ({@code sha256:...}): a swarm agent tries to pull a task's image by name from a registry
     * before it falls back to the local one (seconds per task here, where no registry answers), but never pulls
     * an image named by id. A multi-host swarm needs the same image id on every node (docker save | docker load).
     */
    private String imageId;
    private Cidr subnet;
    private String network;
    private String relay;
    private String tunnel;
    private SwarmAttackers attackers;
    private SwarmFaults faults;
    private final io.netty.channel.DefaultEventLoop attackLoop = new io.netty.channel.DefaultEventLoop();
    private final io.p2ptestbed.overlay.time.Scheduler attackScheduler =
            new io.p2ptestbed.overlay.transport.netty.EventLoopScheduler(attackLoop);
    private boolean started;
    private boolean closed;
    private long joinedMillis = -1;

    public SwarmRuntime(Scenario scenario) {
        this(scenario, swarmDefaults(), Integer.getInteger("testbed.swarm.tasksPerService", 25));
    }

    public SwarmRuntime(Scenario scenario, DockerOptions options, int tasksPerService) {
        super(scenario);
        if (tasksPerService < 1) {
            throw new IllegalArgumentException("tasksPerService must be at least 1, got " + tasksPerService);
        }
        this.options = options;
        this.tasksPerService = tasksPerService;
        this.seeds = new Seeds(scenario.seed());
        this.runId = "s" + Long.toString(System.currentTimeMillis(), 36) + "-" + ProcessHandle.current().pid() + "-"
                + RUNS.incrementAndGet();
    }

    /**
     * The docker runtime's options, with a start-up budget per service of {@code -Dtestbed.swarm.startupMillis}
     * (300 s): the swarm schedules a service's tasks together, so its last task may start well after its first.
     */
    public static DockerOptions swarmDefaults() {
        DockerOptions d = DockerOptions.defaults();
        return new DockerOptions(d.nodesPerContainer(), d.parallelism(), d.memoryMiB(),
                Long.getLong("testbed.swarm.startupMillis", 300_000), d.nodeJar());
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.SWARM;
    }

    public String runId() {
        return runId;
    }

    /** The node hosts (tasks), in node order. */
    public List<NodeHostContainer> hosts() {
        return hosts;
    }

    /** The services, in start order. */
    public List<Group> groups() {
        return groups;
    }

    /** The overlay network's name. */
    public String network() {
        return network;
    }

    /** Where the control relay listens on this host ({@code 127.0.0.1:port}). */
    public String relay() {
        return relay;
    }

    /** Milliseconds from the first service's creation until every node had joined; -1 before. */
    public long joinedMillis() {
        return joinedMillis;
    }

    @Override
    public synchronized SwarmFaults faults() {
        if (faults == null) {
            faults = new SwarmFaults(this);
        }
        return faults;
    }

    /**
     * An attack's (or the nemesis') context: sockets in the attacker services' tasks ({@link SwarmAttackers}), the
     * wall-clock scheduler of this runtime, {@code rng}, and the lab guard of its overlay network.
     */
    @Override
    public io.p2ptestbed.adversary.AttackContext attackContext(RandomGenerator rng) {
        io.p2ptestbed.adversary.lab.LabGuard guard = subnet == null ? io.p2ptestbed.adversary.lab.LabGuard.loopbackOnly()
                : io.p2ptestbed.adversary.lab.LabGuard.loopbackOnly().allowing(subnet);
        return new io.p2ptestbed.adversary.AttackContext(bind -> attackers().open(bind), attackScheduler, rng, guard);
    }

    @Override
    public void setDefences(String spec) {
        defenceSpec = io.p2ptestbed.overlay.node.NodeMain.canonicalDefences(scenario.protocolName(),
                spec == null || spec.isBlank() ? "none" : spec);
        if (!hosts.isEmpty()) {
            parallel(hosts, h -> h.control().setDefences(null, defenceSpec));
        }
    }

    @Override
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        SwarmAvailability.check().orThrow();
        requireAddressFreeIds();
        SwarmSweeper.Result swept = SwarmSweeper.sweepOrphans();
        if (!swept.removed().isEmpty() || !swept.clean()) {
            System.err.println("[swarm] start-up sweep of killed runs: " + swept);
        }
        sweepOnExit("swarm-runtime-sweep-" + runId, () -> SwarmSweeper.sweepRun(runId));
        try {
            http = ControlClient.newHttpClient();
            pool = Executors.newFixedThreadPool(Math.max(options.parallelism(), 16), r -> {
                Thread t = new Thread(r, "swarm-runtime");
                t.setDaemon(true);
                return t;
            });
            image = NodeImages.ensure(options.resolveNodeJar());
            imageId = DockerCli.run("image", "inspect", "--format", "{{.Id}}", image.imageName());
            createNetwork();
            startRelay();
            startNodes();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Node ids are made before the tasks have addresses: refuse overlays that bind ids to addresses. */
    private void requireAddressFreeIds() {
        NodeId a = scenario.overlay().idFor(NodeAddress.of(10, 0, 0, 1, 6881), seeds.stream("id-check"), scenario.protocol());
        NodeId b = scenario.overlay().idFor(NodeAddress.of(10, 0, 0, 2, 6881), seeds.stream("id-check"), scenario.protocol());
        if (!a.equals(b)) {
            throw new IllegalArgumentException("the " + scenario.protocolName() + " overlay binds node ids to addresses "
                    + "(its parameters say so), and a swarm task's address is known only once it runs; run it on the "
                    + "docker runtime, or without address-bound ids");
        }
    }

    private void createNetwork() {
        String name = "p2ptb-" + runId;
        List<String> labels = SwarmLabels.args("--label", SwarmLabels.of(runId, "network"));
        RuntimeException last = null;
        for (Cidr c : LabNetwork.freeSubnets(runId)) {
            List<String> cmd = new ArrayList<>(List.of("network", "create", "--driver", "overlay", "--internal",
                    "--attachable", "--subnet", c.toString()));
            cmd.addAll(labels);
            cmd.add(name);
            try {
                DockerCli.run(cmd);
                subnet = c;
                network = name;
                return;
            } catch (DockerCli.CliException e) {
                last = e; // taken meanwhile: try the next subnet
                if (e.getMessage().contains("already exists")) {
                    break;
                }
            }
        }
        throw new IllegalStateException("cannot create the swarm overlay network"
                + (last == null ? ": no free /16 in 10.128.0.0/9" : ": " + last.getMessage()), last);
    }

    /** The relay: a container published on a loopback port of this host and attached to the overlay network. */
    private void startRelay() {
        String name = "p2ptb-" + runId + "-relay";
        List<String> cmd = new ArrayList<>(List.of("run", "-d", "--name", name, "--memory", "192m",
                "--publish", "127.0.0.1::" + RELAY_PORT, "--publish", "127.0.0.1::" + TUNNEL_PORT, "--log-opt", "max-size=1m"));
        cmd.addAll(SwarmLabels.args("--label", SwarmLabels.of(runId, "relay")));
        cmd.add(image.imageName());
        cmd.addAll(List.of(RelayMain.class.getName(), "--port", Integer.toString(RELAY_PORT), "--tunnel-port",
                Integer.toString(TUNNEL_PORT), "--allow", subnet.toString()));
        DockerCli.run(cmd);
        DockerCli.run("network", "connect", network, name);
        relay = DockerCli.lines("port", name, RELAY_PORT + "/tcp").get(0).trim().replace("0.0.0.0:", "127.0.0.1:");
        tunnel = DockerCli.lines("port", name, TUNNEL_PORT + "/tcp").get(0).trim().replace("0.0.0.0:", "127.0.0.1:");
        long deadline = System.nanoTime() + 30_000_000_000L;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + relay + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 404 && r.body().contains("not a relayed path")) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the relay", e);
            }
            sleep(100);
        }
        throw new IllegalStateException("the control relay " + name + " did not answer at " + relay + " within 30 s ("
                + last + "); its log:\n" + tail(List.of("logs", "--tail", "30", name)));
    }

    /** The first node alone (the bootstrap), then every other group at once, joining through it. */
    private void startNodes() {
        int n = scenario.nodes();
        int m = options.nodesPerContainer();
        RandomGenerator idStream = seeds.stream("ids");
        NodeId[] ids = new NodeId[n];
        NodeAddress dummy = NodeAddress.of(10, 0, 0, 1, NODE_PORT);
        for (int i = 0; i < n; i++) {
            ids[i] = scenario.overlay().idFor(dummy, idStream, scenario.protocol());
        }
        long t0 = System.nanoTime();
        Group boot = new Group("p2ptb-" + runId + "-g0", 0, 1, 1);
        groups.add(boot);
        List<NodeHostContainer> bootHosts = launch(boot, ids, List.of());
        NodeAddress bootstrap = bootHosts.get(0).nodes().get(0).address();
        List<Group> rest = new ArrayList<>();
        int next = 1;
        while (next < n) {
            int left = n - next;
            int full = left / m;
            Group g = full > 0
                    ? new Group("p2ptb-" + runId + "-g" + (groups.size() + rest.size()), next, Math.min(full, tasksPerService), m)
                    : new Group("p2ptb-" + runId + "-g" + (groups.size() + rest.size()), next, 1, left);
            rest.add(g);
            next += g.nodes();
        }
        groups.addAll(rest);
        List<List<NodeHostContainer>> started = new ArrayList<>();
        rest.forEach(g -> started.add(null));
        NodeLauncher.parallel(pool, java.util.stream.IntStream.range(0, rest.size()).boxed().toList(),
                i -> started.set(i, launch(rest.get(i), ids, List.of(bootstrap))));
        joinedMillis = (System.nanoTime() - t0) / 1_000_000;
        System.err.printf("[swarm] %d nodes in %d tasks of %d services up and joined in %.1f s%n", n,
                started.stream().mapToInt(List::size).sum() + 1, groups.size(), joinedMillis / 1000.0);
        bootHosts.forEach(this::register);
        started.forEach(hs -> hs.forEach(this::register));
    }

    private void register(NodeHostContainer h) {
        hosts.add(h);
        h.nodes().forEach(this::addNode);
    }

    /**
     * Creates the service of {@code g}, waits for its tasks' addresses on the overlay network, then until every
     * node of every task has joined (through the relay); its node hosts, in slot order.
     */
    private List<NodeHostContainer> launch(Group g, NodeId[] ids, List<NodeAddress> bootstrap) {
        long memory = options.memoryMiB() == 0 ? 0 : Math.max(options.memoryMiB(), 64 + 12L * g.nodesPerTask());
        createService(g, "node", memory, command(g, ids, bootstrap));
        Map<Integer, String> ips = taskAddresses(g);
        List<NodeHostContainer> out = new ArrayList<>();
        for (int slot = 1; slot <= g.replicas(); slot++) {
            String ip = ips.get(slot);
            NodeHostContainer h = new NodeHostContainer(g.first() + (slot - 1) * g.nodesPerTask());
            h.remote(g.service() + "." + slot + "@" + ip, ControlClient.viaRelay(http, relay, ip, ControlClient.PORT));
            for (int j = 0; j < g.nodesPerTask(); j++) {
                int index = g.first() + (slot - 1) * g.nodesPerTask() + j;
                h.add(new DockerNode(index, ids[index], new NodeAddress(ip4(ip), NODE_PORT + j),
                        seeds.stream("node", index).nextLong(), h, j));
            }
            out.add(h);
        }
        NodeLauncher.parallel(pool, out, h -> awaitJoined(g, h));
        return out;
    }

    /**
     * {@code docker service create} of {@code g}'s tasks on the run's overlay network, labelled with {@code role}:
     * never restarted (a task that dies stays dead and fails the start), spread over the swarm's nodes, the image
     * named by id; {@code memoryMiB} 0 for no limit.
     */
    private void createService(Group g, String role, long memoryMiB, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("service", "create", "--detach", "--quiet", "--name", g.service(),
                "--replicas", Integer.toString(g.replicas()), "--network", network, "--restart-condition", "none",
                "--stop-grace-period", "1s", "--placement-pref", "spread=node.id", "--no-resolve-image",
                "--env", SLOT_ENV + "={{.Task.Slot}}", "--log-opt", "max-size=1m"));
        if (memoryMiB > 0) {
            cmd.addAll(List.of("--limit-memory", memoryMiB + "M"));
        }
        cmd.addAll(SwarmLabels.args("--label", SwarmLabels.of(runId, role)));
        cmd.addAll(SwarmLabels.args("--container-label", SwarmLabels.of(runId, role)));
        cmd.add(imageId);
        cmd.addAll(command);
        DockerCli.run(cmd);
    }

    /**
     * Starts attacker pool {@code j}: a service of one task running the socket host on {@code port}, sending only
     * into the run's subnet; returns the task's address on the overlay network.
     */
    String startAttackerService(int j, int port) {
        Group g = new Group("p2ptb-" + runId + "-a" + j, -1, 1, 0);
        createService(g, "attacker", 192, List.of("-Xmx48m", io.p2ptestbed.harness.docker.AttackerHosts.MAIN,
                "--control-port", Integer.toString(port), "--allow", subnet.toString()));
        return taskAddresses(g).get(1);
    }

    /** Where the relay's byte tunnels listen on this host ({@code 127.0.0.1:port}). */
    String tunnel() {
        return tunnel;
    }

    long startupMillis() {
        return options.startupMillis();
    }

    /** Attackers: socket-host services on the overlay network, reached through the relay's tunnels. */
    synchronized SwarmAttackers attackers() {
        if (attackers == null) {
            attackers = new SwarmAttackers(this);
        }
        return attackers;
    }

    @Override
    public io.p2ptestbed.adversary.sybil.AddressPlan attackerSharedIp(int pool, int firstPort) {
        return attackers().sharedIp(pool, firstPort);
    }

    /** The node host command every task of {@code g} runs (each takes its slot's ids and seeds). */
    private List<String> command(Group g, NodeId[] ids, List<NodeAddress> bootstrap) {
        List<String> cmd = new ArrayList<>();
        if (g.nodesPerTask() > 1) {
            cmd.add("-Xmx" + (24 + 4 * g.nodesPerTask()) + "m");
        }
        cmd.add(NodeHostContainer.MAIN);
        List<String> idHex = new ArrayList<>();
        List<String> seedList = new ArrayList<>();
        for (int i = g.first(); i < g.first() + g.nodes(); i++) {
            idHex.add(ids[i].toHex());
            seedList.add(Long.toString(seeds.stream("node", i).nextLong()));
        }
        cmd.addAll(List.of("--nodes", Integer.toString(g.nodesPerTask()), "--port-base", Integer.toString(NODE_PORT),
                "--control-port", Integer.toString(ControlClient.PORT), "--ids", String.join(",", idHex),
                "--seeds", String.join(",", seedList), "--slot-env", SLOT_ENV, "--bind-subnet", subnet.toString()));
        if (!defenceSpec.equals("none")) {
            cmd.addAll(List.of("--defences", defenceSpec));
        }
        cmd.add("--");
        cmd.addAll(NodeLauncher.protocolArgs(scenario, subnet.toString()));
        cmd.addAll(List.of("--log-every", "0"));
        for (NodeAddress b : bootstrap) {
            cmd.addAll(List.of("--bootstrap", b.toString()));
        }
        return cmd;
    }

    /** Slot to address on the overlay network, once every task of {@code g} has one; fails when a task fails. */
    private Map<Integer, String> taskAddresses(Group g) {
        long deadline = System.nanoTime() + options.startupMillis() * 1_000_000L;
        String format = "{{.Slot}}|{{.Status.State}}|{{range .NetworksAttachments}}{{if eq .Network.Spec.Name \""
                + network + "\"}}{{range .Addresses}}{{.}}{{end}}{{end}}{{end}}|{{.Status.Err}}";
        String last = "no tasks yet";
        while (true) {
            List<String> taskIds = DockerCli.lines("service", "ps", "-q", "--no-trunc", g.service());
            Map<Integer, String> ips = new LinkedHashMap<>();
            if (!taskIds.isEmpty()) {
                List<String> cmd = new ArrayList<>(List.of("inspect", "--format", format));
                cmd.addAll(taskIds);
                for (String line : DockerCli.run(cmd).lines().toList()) {
                    String[] f = line.split("\\|", 4);
                    if (f.length < 3) {
                        continue;
                    }
                    String state = f[1];
                    if (List.of("failed", "rejected", "complete", "shutdown", "orphaned").contains(state)) {
                        throw new IllegalStateException("task " + f[0] + " of swarm service " + g.service() + " is " + state
                                + (f.length > 3 && !f[3].isBlank() ? " (" + f[3] + ")" : "") + "; its log:\n"
                                + tail(List.of("service", "logs", "--tail", "30", g.service())));
                    }
                    if (!f[2].isBlank()) {
                        ips.put(Integer.parseInt(f[0]), f[2].replaceFirst("/\\d+$", ""));
                    }
                }
                last = ips.size() + " of " + g.replicas() + " tasks have an address";
            }
            if (ips.size() == g.replicas()) {
                return ips;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("swarm service " + g.service() + ": " + last + " after "
                        + options.startupMillis() + " ms; docker service ps:\n"
                        + tail(List.of("service", "ps", "--no-trunc", g.service())));
            }
            sleep(250);
        }
    }

    /** Polls the node host through the relay until every running node has joined. */
    private void awaitJoined(Group g, NodeHostContainer h) {
        long deadline = System.nanoTime() + options.startupMillis() * 1_000_000L;
        String last = "no answer yet";
        while (true) {
            try {
                if (NodeHostContainer.allJoined(h.control().nodes())) {
                    h.nodes().forEach(n -> n.running(true));
                    return;
                }
                last = "not every node has joined yet";
            } catch (ControlClient.ControlException e) {
                last = e.getMessage();
            }
            failedTasks(g);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node host " + h.name() + " did not come up and join within "
                        + options.startupMillis() + " ms (" + last + "); service log:\n"
                        + tail(List.of("service", "logs", "--tail", "30", g.service())));
            }
            sleep(200);
        }
    }

    private final Map<String, Long> lastTaskCheck = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Fails at once, with the task's error and the service's log, when a task of {@code g} has ended (with
     * {@code --restart-condition none} it stays so); checks each service at most every 3 s.
     */
    private void failedTasks(Group g) {
        long now = System.nanoTime();
        Long last = lastTaskCheck.get(g.service());
        if (last != null && now - last < 3_000_000_000L || lastTaskCheck.put(g.service(), now) != last) {
            return;
        }
        List<String> ended = DockerCli.lines("service", "ps", "--no-trunc", "--filter", "desired-state=shutdown",
                "--format", "{{.Name}} {{.CurrentState}} {{.Error}}", g.service());
        if (!ended.isEmpty()) {
            throw new IllegalStateException("swarm service " + g.service() + ": " + ended.size() + " task(s) ended: "
                    + String.join("; ", ended) + "; service log:\n" + tail(List.of("service", "logs", "--tail", "30", g.service())));
        }
    }

    private static String tail(List<String> cmd) {
        try {
            return DockerCli.run(cmd);
        } catch (RuntimeException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    static int ip4(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
    }

    /** Stops the node inside its task through the control interface (a task may be on another host). */
    @Override
    public void kill(NodeHandle handle) {
        DockerNode n = (DockerNode) handle;
        if (!n.running()) {
            return;
        }
        n.control().stop(n.slot());
        n.running(false);
    }

    /** Starts the node again inside its task (same id, address and seed) and waits until it has rejoined. */
    @Override
    public void restart(NodeHandle handle) {
        DockerNode n = (DockerNode) handle;
        if (n.running()) {
            return;
        }
        n.control().start(n.slot());
        Group g = groups.stream().filter(x -> n.index() >= x.first() && n.index() < x.first() + x.nodes()).findFirst()
                .orElseThrow();
        awaitJoined(g, n.host());
        if (!defenceSpec.equals("none")) {
            n.control().setDefences(n.slot(), defenceSpec);
        }
        if (faults != null) {
            faults.reapply(n.host());
        }
    }

    /** A new node: a service of its own (one task), joining through node 0. */
    @Override
    public NodeHandle join() {
        int index = nodes.size();
        Group g = new Group("p2ptb-" + runId + "-g" + groups.size(), index, 1, 1);
        groups.add(g);
        NodeId[] ids = new NodeId[index + 1];
        ids[index] = scenario.overlay().idFor(NodeAddress.of(10, 0, 0, 1, NODE_PORT), seeds.stream("join-id", index),
                scenario.protocol());
        List<NodeHostContainer> hs = launch(g, ids, List.of(nodes.get(0).address()));
        hs.forEach(this::register);
        if (faults != null) {
            hs.forEach(faults::reapply);
        }
        return nodes.get(index);
    }

    <T> void parallel(List<T> items, java.util.function.Consumer<T> action) {
        NodeLauncher.parallel(pool, items, action);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Removes this run's services, relay and network; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
        if (attackers != null) {
            attackers.close();
        }
        attackLoop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        SwarmSweeper.Result r = SwarmSweeper.sweepRun(runId);
        if (!r.clean()) {
            System.err.println("[swarm] clean-up of run " + runId + " incomplete: " + r);
        }
        noSweepOnExit();
        nodes.forEach(n -> n.running(false));
    }

    @Override
    public String toString() {
        return "SwarmRuntime[" + runId + ", " + nodes.size() + " nodes in " + hosts.size() + " tasks of " + groups.size()
                + " services]";
    }

    /** UDP port of node 0 of every task, as on the docker runtime. */
    static final int NODE_PORT = io.p2ptestbed.harness.docker.DockerRuntime.NODE_PORT;
}
