package io.p2ptestbed.harness.docker;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.runtime.LocalRuntime.IdentityFactory;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Every node a real process in its own container, with its own IP, on an internal labelled Docker
 * network ({@link LabNetwork}): the third runtime. Nodes run the overlay's node main behind the node
 * host's control interface, for any registered overlay protocol (the scenario's {@code --protocol} and
 * {@code --param}s go to every container). This runtime and {@link DockerNode} use that interface for
 * neighbours, counters, routes and transport faults on every overlay, and for lookups, announces and
 * defences on Kademlia. Churn is {@code docker kill} / {@code docker start} /
 * {@code docker pause}; network faults are in {@link DockerFaults}; attackers in {@link AttackerHosts}.
 *
 * <p>Lifecycle: {@link #start} sweeps what killed runs left behind ({@link DockerSweeper#sweepOrphans}),
 * ensures the image (built from {@code overlay-node.jar}, cached by content hash), creates the network,
 * starts the bootstrap containers, then the others in parallel, and returns when every node has joined.
 * {@link #close} removes every container and the network of this run (also from a JVM shutdown hook).
 * Ids and node seeds derive from the scenario seed, as on the other runtimes; time is the wall clock.
 */
public final class DockerRuntime extends ControlledRuntime {

    /** UDP port of node 0 of every container. */
    public static final int NODE_PORT = 6881;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final DockerOptions options;
    private final Seeds seeds;
    private final String runId;
    private final List<NodeHostContainer> hosts = new ArrayList<>();
    private IdentityFactory identities = IdentityFactory.RANDOM;
    private String defenceSpec = "none";
    private HttpClient http;
    private ExecutorService pool;
    private LabNetwork network;
    private SubnetPlan plan;
    private NodeImage image;
    private DockerFaults faults;
    private final List<java.util.function.Consumer<List<NodeHandle>>> beforeLaunch = new java.util.ArrayList<>();
    private AttackerHosts attackers;
    /** Node-host options of a container's command line beyond the runtime's own ({@link #hostArgs}). */
    private final List<java.util.function.Function<NodeHostContainer, List<String>>> hostArgs = new ArrayList<>();
    /** Node indexes of the attacker's node containers start here (they are no members of {@link #nodes}). */
    static final int ATTACKER_NODE_INDEX = 1_000_000;
    private final List<DockerNode> attackerNodes = new ArrayList<>();
    private boolean closed;

    public DockerRuntime(Scenario scenario) {
        this(scenario, DockerOptions.defaults());
    }

    public DockerRuntime(Scenario scenario, DockerOptions options) {
        super(scenario);
        this.options = options;
        this.seeds = new Seeds(scenario.seed());
        this.runId = "r" + Long.toString(System.currentTimeMillis(), 36) + "-" + ProcessHandle.current().pid() + "-"
                + RUNS.incrementAndGet();
    }

    /** Sets how node ids are made from address and seeded stream (e.g. BEP 42); call before {@link #start}. */
    public void setIdentityFactory(IdentityFactory f) {
        if (!nodes.isEmpty()) {
            throw new IllegalStateException("node ids are made at start; set the identity factory before the network starts");
        }
        identities = f == null ? IdentityFactory.RANDOM : f;
    }

    /**
     * Installs defences on every node: at start when called before {@link #start}, at once on every live node
     * otherwise; restarted and joined nodes get them too. Kademlia takes its {@code DefenceSet} spec; other
     * overlays the neutral defences ({@code GuardSet}: rate-limit, ip-diversity) through their {@code Guards},
     * which a running node cannot drop (the control interface answers 409 to a change). A bad spec throws
     * {@link IllegalArgumentException} naming the problem.
     */
    @Override
    public void setDefences(String spec) {
        defenceSpec = io.p2ptestbed.overlay.node.NodeMain.canonicalDefences(scenario.protocolName(),
                spec == null || spec.isBlank() ? "none" : spec);
        if (!hosts.isEmpty()) {
            parallel(hosts, h -> {
                if (h.container().isRunning()) {
                    h.control().setDefences(null, defenceSpec);
                }
            });
        }
    }

    public String defences() {
        return defenceSpec;
    }

    public String runId() {
        return runId;
    }

    public DockerOptions options() {
        return options;
    }

    public LabNetwork network() {
        return requireStarted(network);
    }

    /** Which addresses this run's containers get; attacker pools included. */
    public SubnetPlan plan() {
        return requireStarted(plan);
    }

    public List<NodeHostContainer> hosts() {
        return hosts;
    }

    public NodeImage image() {
        return requireStarted(image);
    }

    /**
     * Runs {@code hook} at start, once every node has its address (the lab network exists) and before any container
     * starts: where faults that the joins must already meet are installed ({@link DockerFaults#rulesAtStart}).
     */
    public void beforeLaunch(java.util.function.Consumer<List<NodeHandle>> hook) {
        if (network != null) {
            throw new IllegalStateException("the containers have started; a before-launch hook comes before start()");
        }
        beforeLaunch.add(hook);
    }

    /**
     * Adds node-host options to every node container's command line (before {@code --}), made per container once its
     * nodes have their ids and addresses: e.g. {@code --malice} for attackers that lie from their first join. Call
     * before {@link #start}; {@code args} answers an empty list for a container that needs none.
     */
    public void hostArgs(java.util.function.Function<NodeHostContainer, List<String>> args) {
        if (network != null) {
            throw new IllegalStateException("the containers have started; node-host options come before start()");
        }
        hostArgs.add(args);
    }

    /** Network faults (iptables in the containers' namespaces) and transport faults (control interface). */
    @Override
    public synchronized DockerFaults faults() {
        if (faults == null) {
            faults = new DockerFaults(this);
        }
        return faults;
    }

    /** Attacker containers: socket hosts whose UDP sockets the harness' attack code uses. */
    public synchronized AttackerHosts attackers() {
        if (attackers == null) {
            attackers = new AttackerHosts(this);
        }
        return attackers;
    }

    @Override
    public io.p2ptestbed.adversary.AttackContext attackContext(RandomGenerator rng) {
        return attackers().context(rng);
    }

    @Override
    public io.p2ptestbed.adversary.sybil.AddressPlan attackerSharedIp(int pool, int firstPort) {
        return attackers().sharedIp(pool, firstPort);
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.DOCKER;
    }

    @Override
    public void start() {
        if (network != null) {
            throw new IllegalStateException("already started");
        }
        int containers = (scenario.nodes() + options.nodesPerContainer() - 1) / options.nodesPerContainer();
        int max = Integer.getInteger("testbed.docker.maxContainers", 400);
        if (containers > max) {
            throw new IllegalArgumentException("the scenario needs " + containers + " containers (" + scenario.nodes()
                    + " nodes, " + options.nodesPerContainer() + " per container), more than this machine is set up for ("
                    + max + "); run several nodes per container with -Dtestbed.docker.nodesPerContainer=M, or raise"
                    + " -Dtestbed.docker.maxContainers (see docs/docker.md)");
        }
        long t0 = System.nanoTime();
        DockerAvailability.check().orThrowUnlessUsable();
        DockerSweeper.Result swept = DockerSweeper.sweepOrphans();
        long tSwept = System.nanoTime();
        if (!swept.removedContainers().isEmpty() || !swept.removedNetworks().isEmpty()) {
            System.err.println("[docker] start-up sweep of killed runs: " + swept);
        }
        sweepOnExit("docker-runtime-sweep-" + runId, () -> DockerSweeper.sweepRun(runId));
        try {
            http = ControlClient.newHttpClient();
            pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
                Thread t = new Thread(r, "docker-runtime");
                t.setDaemon(true);
                return t;
            });
            image = NodeImages.ensure(options.resolveNodeJar());
            String warning = NeighbourTable.ensureRoomFor(containers + containers / 2 + 16);
            if (warning != null) {
                System.err.println("[docker] WARNING: " + warning);
            }
            long tImage = System.nanoTime();
            network = LabNetwork.createForSeed(runId, scenario().seed());
            plan = SubnetPlan.of(network.subnets().get(0));
            long tNet = System.nanoTime();
            startNodes();
            if (NodeLauncher.TIMINGS) {
                System.err.printf("[docker] start: engine check + sweep %d ms, image %d ms, network %d ms, nodes %d ms;"
                        + " harness JVM CPU so far %d ms%n",
                        (tSwept - t0) / 1_000_000, (tImage - tSwept) / 1_000_000, (tNet - tImage) / 1_000_000,
                        (System.nanoTime() - tNet) / 1_000_000, ProcessHandle.current().info().totalCpuDuration()
                                .map(java.time.Duration::toMillis).orElse(-1L));
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void startNodes() {
        int m = options.nodesPerContainer();
        int containers = (scenario.nodes() + m - 1) / m;
        RandomGenerator ids = seeds.stream("ids");
        for (int c = 0; c < containers; c++) {
            int first = c * m;
            int count = Math.min(m, scenario.nodes() - first);
            NodeHostContainer h = new NodeHostContainer(c);
            hosts.add(h);
            for (int s = 0; s < count; s++) {
                NodeAddress a = new NodeAddress(plan.honestIp(c), NODE_PORT + s);
                addNode(new DockerNode(first + s, idFor(a, ids), a,
                        seeds.stream("node", first + s).nextLong(), h, s));
            }
        }
        List<NodeHandle> planned = List.copyOf(nodes);
        beforeLaunch.forEach(hook -> hook.accept(planned));
        launcher().startAll(hosts, nodes.subList(0, scenario.bootstrapNodes()).stream().map(DockerNode::address).toList());
    }

    /**
     * An honest node's id: the identity factory's when one is set (e.g. BEP 42), else the protocol's
     * ({@code OverlayProtocol.idFor}: the seed's id stream, or bound to the address, as Chord's {@code bindIds}).
     */
    private NodeId idFor(NodeAddress address, RandomGenerator rng) {
        return identities == IdentityFactory.RANDOM ? scenario.overlay().idFor(address, rng, scenario.protocol())
                : identities.idFor(address, rng);
    }

    private NodeLauncher launcher() {
        NodeLauncher l = new NodeLauncher(scenario, options, image, network, plan, http, pool, defenceSpec,
                faults == null ? a -> List.of() : faults::rulesAtStart);
        l.hostArgs = h -> hostArgs.stream().flatMap(f -> f.apply(h).stream()).toList();
        return l;
    }

    /** SIGKILLs the node's container; in density mode stops just that node inside its container. */
    @Override
    public void kill(NodeHandle handle) {
        DockerNode n = (DockerNode) handle;
        if (!n.running()) {
            return;
        }
        if (n.host().nodes().size() == 1) {
            n.host().container().kill();
        } else {
            if (n.paused()) {
                unpause(n);
            }
            n.control().stop(n.slot());
        }
        n.running(false);
    }

    /** One unit per container: its live nodes, which one {@code docker kill} ends together. */
    @Override
    public List<List<NodeHandle>> failureUnits() {
        List<List<NodeHandle>> units = new ArrayList<>();
        for (NodeHostContainer h : hosts) {
            List<NodeHandle> live = h.nodes().stream().filter(DockerNode::alive).map(n -> (NodeHandle) n).toList();
            if (!live.isEmpty()) {
                units.add(live);
            }
        }
        return units;
    }

    /**
     * SIGKILLs the container (docker kill) when the unit holds every running node of it, so all its nodes die with
     * their process; any other set of nodes is killed node by node ({@link #kill}).
     */
    @Override
    public void killUnit(List<NodeHandle> unit) {
        java.util.Map<NodeHostContainer, List<DockerNode>> byHost = new java.util.LinkedHashMap<>();
        unit.forEach(n -> byHost.computeIfAbsent(((DockerNode) n).host(), h -> new ArrayList<>()).add((DockerNode) n));
        byHost.forEach((h, ns) -> {
            List<DockerNode> running = h.nodes().stream().filter(DockerNode::running).toList();
            if (!running.isEmpty() && ns.containsAll(running)) {
                if (running.stream().anyMatch(DockerNode::paused)) {
                    unpause(running.get(0));
                }
                h.container().kill();
                running.forEach(n -> n.running(false));
            } else {
                ns.forEach(this::kill);
            }
        });
    }

    /** Starts the node's container again (same id, IP and arguments) and waits until it has rejoined. */
    @Override
    public void restart(NodeHandle handle) {
        DockerNode n = (DockerNode) handle;
        if (n.running()) {
            return;
        }
        if (n.host().nodes().size() == 1) {
            n.host().container().restart();
            n.host().awaitJoined(options.startupMillis(), "restarted with docker start");
            if (!defenceSpec.equals("none")) {
                n.control().setDefences(null, defenceSpec);
            }
            if (faults != null) {
                faults.reapply(n.host());
            }
        } else {
            n.control().start(n.slot());
            n.host().awaitJoined(options.startupMillis(), "node slot " + n.slot() + " started again in its container");
        }
        n.running(true);
    }

    /**
     * Freezes the node's container (docker pause, the cgroup freezer): its process keeps its state and its
     * peers' tables keep it, but it answers nothing, so it counts as not alive until {@link #unpause}.
     * Every node of the container is paused.
     */
    public void pause(NodeHandle handle) {
        NodeHostContainer h = ((DockerNode) handle).host();
        h.container().pause();
        h.nodes().forEach(n -> n.paused(true));
    }

    public void unpause(NodeHandle handle) {
        NodeHostContainer h = ((DockerNode) handle).host();
        h.container().unpause();
        h.nodes().forEach(n -> n.paused(false));
    }

    /** A new node in a new container, joined through the bootstrap nodes. */
    @Override
    public NodeHandle join() {
        int index = nodes.size();
        int c = hosts.size();
        NodeAddress a = new NodeAddress(plan.honestIp(c), NODE_PORT);
        NodeHostContainer pending = new NodeHostContainer(c);
        hosts.add(pending);
        DockerNode n = new DockerNode(index, idFor(a, seeds.stream("join-id", index)), a,
                seeds.stream("node", index).nextLong(), pending, 0);
        addNode(n);
        launcher().launch(pending, nodes.subList(0, scenario.bootstrapNodes()).stream().map(DockerNode::address).toList(),
                "a new node joining a running network");
        return nodes.get(index);
    }

    /**
     * {@code count} node containers of the attacker's, one node each, started together and joined through the bootstrap
     * nodes: the overlay's own node code with {@code params} over the scenario's (a Sybil super-peer's role, claim and
     * malice), at the plan's attacker node addresses ({@link SubnetPlan#attackerNodeIp}: attacker pool 0, hosts .200 up),
     * each seeded from {@code rng}. They are not members: {@link #nodes()}, ground truth and workloads leave them out;
     * the run's clean-up removes their containers with the others.
     */
    public List<DockerNode> launchAttackerNodes(int count, java.util.Map<String, String> params, RandomGenerator rng) {
        requireStarted(network);
        List<NodeAddress> bootstrap = nodes.subList(0, scenario.bootstrapNodes()).stream().map(DockerNode::address).toList();
        List<DockerNode> made = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            int k = attackerNodes.size() + j;
            NodeAddress a = new NodeAddress(plan.attackerNodeIp(k), NODE_PORT);
            NodeHostContainer h = new NodeHostContainer(ATTACKER_NODE_INDEX + k);
            DockerNode n = new DockerNode(ATTACKER_NODE_INDEX + k, idFor(a, rng), a, rng.nextLong(), h, 0);
            h.add(n);
            made.add(n);
        }
        NodeLauncher l = launcher();
        parallel(made, n -> l.launchAttacker(n.host(), SubnetPlan.dotted(n.address().ip()), "a" + (n.index() - ATTACKER_NODE_INDEX),
                params, bootstrap, "one of " + count + " attacker node containers started together"));
        attackerNodes.addAll(made);
        return made;
    }

    /** The attacker's node containers started so far ({@link #launchAttackerNodes}). */
    public List<DockerNode> attackerNodes() {
        return List.copyOf(attackerNodes);
    }

    <T> void parallel(List<T> items, java.util.function.Consumer<T> action) {
        NodeLauncher.parallel(pool, items, action);
    }

    HttpClient http() {
        return http;
    }

    private <T> T requireStarted(T t) {
        if (t == null) {
            throw new IllegalStateException("the docker runtime has not started");
        }
        return t;
    }

    /** Removes every container and the network of this run; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (attackers != null) {
            attackers.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        DockerSweeper.Result r = DockerSweeper.sweepRun(runId);
        if (!r.clean()) {
            System.err.println("[docker] clean-up of run " + runId + " incomplete: " + r);
        }
        noSweepOnExit();
        nodes.forEach(n -> n.running(false));
    }

    @Override
    public String toString() {
        return "DockerRuntime[" + runId + ", " + nodes.size() + " nodes in " + hosts.size() + " containers]";
    }
}
