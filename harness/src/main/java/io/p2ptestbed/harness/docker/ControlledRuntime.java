package io.p2ptestbed.harness.docker;

import io.p2ptestbed.adversary.fault.ChurnControl;
import io.p2ptestbed.adversary.fault.FaultTarget;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import io.p2ptestbed.overlay.time.SystemClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A runtime whose nodes are node hosts in containers, reached through their control interface: the docker
 * runtime ({@link DockerRuntime}, one container per node host on a bridge network) and the swarm runtime
 * (tasks of Swarm services on an overlay network, reached through a relay). Lookups, routes, puts, gets and
 * announces go to each node's control interface; time is the wall clock. What differs (how node hosts are
 * started, killed and restarted, and where faults go) is the subclass'.
 */
public abstract class ControlledRuntime implements NetworkRuntime {

    protected final Scenario scenario;
    /** Every node, by index. */
    protected final List<DockerNode> nodes = new ArrayList<>();
    private final Map<NodeAddress, DockerNode> byAddress = new LinkedHashMap<>();

    private Thread exitSweep;

    protected ControlledRuntime(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Runs {@code sweep} (removal of this run's objects) if the JVM exits before {@link #close}. */
    protected final void sweepOnExit(String name, Runnable sweep) {
        exitSweep = new Thread(sweep, name);
        Runtime.getRuntime().addShutdownHook(exitSweep);
    }

    /** After {@link #close} has removed everything: no sweep at exit. */
    protected final void noSweepOnExit() {
        if (exitSweep != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitSweep);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to
            }
        }
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public List<DockerNode> nodes() {
        return nodes;
    }

    @Override
    public DockerNode node(int index) {
        return nodes.get(index);
    }

    /** Adds a node (next index) to the runtime and to its node host. */
    protected void addNode(DockerNode n) {
        nodes.add(n);
        byAddress.put(n.address(), n);
        if (!n.host().nodes().contains(n)) {
            n.host().add(n);
        }
    }

    /**
     * Installs defences on every node: at once on live nodes, and on nodes started later, in the overlay's own
     * defence syntax when it has one (Kademlia's), otherwise the neutral defences. A bad spec throws {@link IllegalArgumentException}.
     */
    public abstract void setDefences(String spec);

    /** Where link faults (the adversary's {@code LinkFault} data) go on this runtime. */
    public abstract FaultTarget faults();

    /**
     * A context for one attack, or for the nemesis: the attackers' sockets, their scheduler (wall clock),
     * {@code rng} and the lab guard of this runtime's network.
     */
    public abstract io.p2ptestbed.adversary.AttackContext attackContext(java.util.random.RandomGenerator rng);

    /**
     * Attacker identities on the one address of attacker host {@code pool} (0: Sybils, 1: flood sources), on
     * consecutive ports from {@code firstPort}: an attacker container on docker, an attacker task on the swarm.
     */
    public abstract io.p2ptestbed.adversary.sybil.AddressPlan attackerSharedIp(int pool, int firstPort);

    public DockerNode node(NodeAddress a) {
        DockerNode n = byAddress.get(a);
        if (n == null) {
            throw new IllegalArgumentException("no node at " + a);
        }
        return n;
    }

    @Override
    public long nowMillis() {
        return SystemClock.INSTANCE.nowMillis();
    }

    @Override
    public void advance(long millis) {
        SystemClock.INSTANCE.sleep(millis);
    }

    /**
     * Lookups in flight at once across the network. Every lookup is about ten datagrams, each waking a JVM in
     * some container; two hundred at once on two cores delay replies past the query timeout (2 s), so that
     * lookups miss nodes for want of CPU, not of routing. Waves of this size keep the load bounded.
     */
    public static final int LOOKUP_WAVE = Integer.getInteger("testbed.docker.lookupWave", 50);

    private int lookupWave = LOOKUP_WAVE;

    /**
     * This run's wave size instead of {@link #LOOKUP_WAVE}: with several nodes per container, and routes that wait out
     * the query timeout at dead entries (Pastry's "no repair"), waves of 50 spend most of their time waiting, not working.
     */
    public void lookupWave(int n) {
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException("routes in flight at once must be in 1..100000, got " + n);
        }
        lookupWave = n;
    }

    /**
     * Routes through each node's {@code POST /v1/routes} (its overlay's key-based routing), grouped by node, in
     * waves of {@link #LOOKUP_WAVE} (or {@link #lookupWave(int)}); result i answers request i, null when the node was dead or its call failed.
     */
    @Override
    public List<RouteResult> routes(List<RouteRequest> requests) {
        return perNode(requests, RouteRequest::from,
                (n, rs) -> n.control().routes(n.slot(), rs.stream().map(RouteRequest::key).toList()));
    }

    /**
     * Fans requests out to the nodes they start from, in waves of {@link #LOOKUP_WAVE}: each live node gets one
     * call with its requests of the wave ({@code call} answers them in order). Result i answers request i; null
     * when its node was dead or the node's call failed. Any overlay's batch operation goes through here
     * (Kademlia's lookups: {@code harness.kademlia.DockerKademlia}).
     */
    public <Q, R> List<R> perNode(List<Q> requests, java.util.function.Function<Q, NodeHandle> from,
                                  java.util.function.BiFunction<DockerNode, List<Q>, CompletableFuture<List<R>>> call) {
        List<R> out = new ArrayList<>(requests.size());
        for (int first = 0; first < requests.size(); first += lookupWave) {
            out.addAll(wave(requests.subList(first, Math.min(requests.size(), first + lookupWave)), from, call));
        }
        return out;
    }

    /** One route through the node's {@code POST /v1/route}, without waiting (fails when the node is not alive). */
    @Override
    public CompletableFuture<RouteResult> routeAsync(NodeHandle from, NodeId key) {
        DockerNode n = (DockerNode) from;
        if (!n.alive()) {
            return CompletableFuture.failedFuture(new IllegalStateException(n + " is not alive"));
        }
        return n.control().routeAsync(n.slot(), key);
    }

    /** A put through the node's {@code POST /v1/put}: its overlay's value store (fails with 501 without one). */
    @Override
    public CompletableFuture<io.p2ptestbed.overlay.spi.ValueStore.PutResult> putAsync(NodeHandle from, NodeId key, byte[] value) {
        DockerNode n = (DockerNode) from;
        return n.control().putAsync(n.slot(), key, value);
    }

    @Override
    public CompletableFuture<io.p2ptestbed.overlay.spi.ValueStore.GetResult> getAsync(NodeHandle from, NodeId key) {
        DockerNode n = (DockerNode) from;
        return n.control().getAsync(n.slot(), key);
    }

    private <Q, R> List<R> wave(List<Q> requests, java.util.function.Function<Q, NodeHandle> from,
                                java.util.function.BiFunction<DockerNode, List<Q>, CompletableFuture<List<R>>> call) {
        Map<DockerNode, List<Integer>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            DockerNode n = (DockerNode) from.apply(requests.get(i));
            if (n.alive()) {
                byNode.computeIfAbsent(n, x -> new ArrayList<>()).add(i);
            }
        }
        List<R> out = new ArrayList<>(java.util.Collections.nCopies(requests.size(), null));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Map.Entry<DockerNode, List<Integer>> e : byNode.entrySet()) {
            List<Integer> idx = e.getValue();
            all.add(call.apply(e.getKey(), idx.stream().map(requests::get).toList()).thenAccept(rs -> {
                synchronized (out) {
                    for (int j = 0; j < idx.size(); j++) {
                        out.set(idx.get(j), rs.get(j));
                    }
                }
            }).exceptionally(x -> null));
        }
        await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)), NodeLauncher.OPERATION_TIMEOUT_MILLIS);
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    private ControlledBroadcasts broadcasts;

    /** Broadcasts through the nodes' control interfaces ({@code POST /v1/publish}, {@code GET /v1/deliveries}). */
    @Override
    public synchronized io.p2ptestbed.harness.runtime.BroadcastProbe broadcastProbe() {
        if (broadcasts == null) {
            broadcasts = new ControlledBroadcasts(this);
        }
        return broadcasts;
    }

    /** Kill and restart by address, for the adversary's {@code Nemesis} (churn bursts). */
    public ChurnControl churnControl() {
        return new ChurnControl() {
            @Override
            public List<NodeAddress> liveNodes() {
                return ControlledRuntime.this.liveNodes().stream().map(NodeHandle::address).toList();
            }

            @Override
            public void kill(NodeAddress node) {
                ControlledRuntime.this.kill(node(node));
            }

            @Override
            public void restart(NodeAddress node) {
                ControlledRuntime.this.restart(node(node));
            }
        };
    }
}
