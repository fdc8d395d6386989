package io.p2ptestbed.harness.k8s;

import io.netty.channel.DefaultEventLoop;
import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.harness.docker.ControlClient;
import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.NodeHostContainer;
import io.p2ptestbed.harness.docker.SocketHostClient;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.swarm.SwarmFaults;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.node.NodeMain;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.netty.EventLoopScheduler;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The node pods of a rendered scenario as a runtime, for the driver Job: node hosts that are already running, each
 * reached at its control interface ({@code <pod>.<s>:7000}), and the attacker pods' socket hosts
 * ({@code <s>-attacker-N.<s>-attackers:7001}). It starts nothing: {@link #start} waits until every pod answers with
 * all its nodes joined and reads their ids and addresses. Like the swarm runtime, it reaches nodes only through
 * their control interfaces: kills and restarts are {@code POST /v1/stop} and {@code /v1/start}, link faults are the
 * nodes' own transport rules ({@link SwarmFaults}, {@code POST /v1/faults}), defences go to {@code POST /v1/defences}.
 * Attackers open their UDP sockets in the socket hosts ({@link SocketHostClient}, the docker runtime's protocol), on the
 * pod's one IP, many ports; the lab guard admits loopback and the pod network only, as the socket hosts'
 * {@code --allow} does. Its kind is {@code docker}: the docker runtime's node image, command line and control interface.
 */
public final class PodRuntime extends ControlledRuntime {

    private final List<String> controls;
    private final List<String> attackerHosts;
    private final long upTimeoutMillis;
    private final Consumer<String> log;
    private final LabGuard guard;
    private final HttpClient http = ControlClient.newHttpClient();
    private final List<NodeHostContainer> hosts = new ArrayList<>();
    private final Map<Integer, SocketHostClient> attackers = new LinkedHashMap<>();
    private final Map<Integer, Integer> attackerIps = new LinkedHashMap<>();
    private DefaultEventLoop loop;
    private Scheduler scheduler;
    private SwarmFaults faults;
    private java.util.concurrent.ExecutorService pool;
    private long upMillis;

    /**
     * @param controls       node pods' control interfaces, {@code host:port}, one per pod, in node order
     * @param attackerHosts  attacker pods' socket hosts, {@code host:port}
     * @param podCidr        the pod network: the only destinations besides loopback that attackers may send to
     */
    public PodRuntime(Scenario scenario, List<String> controls, List<String> attackerHosts, Cidr podCidr, long upTimeoutMillis,
                      Consumer<String> log) {
        super(scenario);
        this.controls = List.copyOf(controls);
        this.attackerHosts = List.copyOf(attackerHosts);
        this.upTimeoutMillis = upTimeoutMillis;
        this.log = log;
        this.guard = LabGuard.loopbackOnly().allowing(podCidr);
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.DOCKER;
    }

    /** Milliseconds from {@link #start} until every pod answered with all its nodes joined. */
    public long upMillis() {
        return upMillis;
    }

    public int pods() {
        return controls.size();
    }

    public List<NodeHostContainer> hosts() {
        return hosts;
    }

    /** Waits for every pod's node host, then takes its nodes as they report themselves ({@code GET /v1/nodes}). */
    @Override
    public void start() {
        long t0 = System.nanoTime();
        long deadline = t0 + upTimeoutMillis * 1_000_000;
        for (String c : controls) {
            int colon = c.lastIndexOf(':');
            ControlClient client = new ControlClient(http, c.substring(0, colon), Integer.parseInt(c.substring(colon + 1)));
            List<Fields> infos = awaitJoined(c, client, deadline);
            NodeHostContainer h = new NodeHostContainer(hosts.size());
            h.remote(c, client);
            hosts.add(h);
            for (Fields f : infos) {
                DockerNode n = new DockerNode(nodes.size(), NodeId.fromHex(f.string("id")), NodeAddress.parse(f.string("address")), 0,
                        h, (int) f.integer("node"));
                n.running(true);
                addNode(n);
            }
        }
        upMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    private List<Fields> awaitJoined(String c, ControlClient client, long deadline) {
        String last = "no answer yet";
        while (true) {
            try {
                List<Fields> infos = client.nodes();
                if (NodeHostContainer.allJoined(infos)) {
                    return infos;
                }
                last = infos.stream().filter(f -> f.bool("joined", false)).count() + " of " + infos.size() + " nodes joined";
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pod " + c + " not up and joined within " + upTimeoutMillis / 1000 + " s (" + last
                        + "); " + nodes.size() + " nodes of the pods before it were");
            }
            advance(1000);
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for pod " + c);
            }
        }
    }

    @Override
    public void kill(io.p2ptestbed.harness.runtime.NodeHandle handle) {
        DockerNode n = (DockerNode) handle;
        n.control().stop(n.slot());
        n.running(false);
    }

    @Override
    public void restart(io.p2ptestbed.harness.runtime.NodeHandle handle) {
        DockerNode n = (DockerNode) handle;
        n.control().start(n.slot());
        n.running(true);
        if (faults != null) {
            faults.reapply(n.host());
        }
    }

    @Override
    public io.p2ptestbed.harness.runtime.NodeHandle join() {
        throw new UnsupportedOperationException("the driver cannot add node pods: they are StatefulSets' (kubectl scale)");
    }

    @Override
    public void setDefences(String spec) {
        String canonical = NodeMain.canonicalDefences(scenario.protocolName(), spec);
        hosts.forEach(h -> h.control().setDefences(null, canonical));
    }

    @Override
    public synchronized SwarmFaults faults() {
        if (faults == null) {
            // to every pod at once: a node host's few control threads may be busy with lookups
            faults = new SwarmFaults(() -> hosts, (hs, action) -> io.p2ptestbed.harness.docker.NodeLauncher.parallel(pool(), hs, action));
        }
        return faults;
    }

    @Override
    public synchronized AttackContext attackContext(RandomGenerator rng) {
        return new AttackContext(this::open, attackScheduler(), rng, guard);
    }

    private synchronized java.util.concurrent.ExecutorService pool() {
        if (pool == null) {
            pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, Math.min(16, hosts.size())), r -> {
                Thread t = new Thread(r, "pod-control");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    private Scheduler attackScheduler() {
        if (scheduler == null) {
            loop = new DefaultEventLoop();
            scheduler = new EventLoopScheduler(loop);
        }
        return scheduler;
    }

    /** Every identity on the one IP of attacker pod {@code pool} mod the pods there are, on consecutive ports. */
    @Override
    public synchronized AddressPlan attackerSharedIp(int pool, int firstPort) {
        if (attackerHosts.isEmpty()) {
            throw new IllegalStateException("the scenario's attacks need an attacker pod, and none is given (render with "
                    + "--attacker-pods 1 or more, or pass --attacker HOST:PORT)");
        }
        int j = pool % attackerHosts.size();
        socketHost(j);
        return new AddressPlan.SharedIp(new NodeAddress(attackerIps.get(j), firstPort));
    }

    private SocketHostClient socketHost(int j) {
        return attackers.computeIfAbsent(j, x -> {
            String a = attackerHosts.get(x);
            int colon = a.lastIndexOf(':');
            String host = a.substring(0, colon);
            int ip = ipv4(host);
            if (!guard.permits(new NodeAddress(ip, 1))) {
                throw new IllegalStateException("attacker pod " + a + " resolves to " + new NodeAddress(ip, 0).host()
                        + ", outside the lab (loopback and the pod network)");
            }
            attackerIps.put(x, ip);
            return SocketHostClient.connect(host, Integer.parseInt(a.substring(colon + 1)), null, upTimeoutMillis);
        });
    }

    private synchronized Transport open(NodeAddress bind) {
        for (Map.Entry<Integer, Integer> e : attackerIps.entrySet()) {
            if (e.getValue() == bind.ip()) {
                return attackers.get(e.getKey()).open(bind);
            }
        }
        throw new IllegalArgumentException("attacker address " + bind + " is not the address of an attacker pod of this run; "
                + "on Kubernetes Sybils share their pod's IP: use the shared-IP address plans");
    }

    /** Datagrams the attacker pods' socket hosts sent and received for this run. */
    public synchronized long[] attackerTraffic() {
        long s = 0;
        long r = 0;
        for (SocketHostClient c : attackers.values()) {
            s += c.sent();
            r += c.received();
        }
        return new long[] {s, r};
    }

    private static int ipv4(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    byte[] b = a.getAddress();
                    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
                }
            }
            throw new IllegalStateException("attacker pod " + host + " has no IPv4 address");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("attacker pod " + host + " cannot be resolved: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (faults != null) {
            faults.healAll();
        }
        attackers.values().forEach(SocketHostClient::close);
        attackers.clear();
        if (pool != null) {
            pool.shutdownNow();
        }
        if (loop != null) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
