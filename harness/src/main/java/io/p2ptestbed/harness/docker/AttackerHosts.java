package io.p2ptestbed.harness.docker;

import io.netty.channel.DefaultEventLoop;
import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.netty.EventLoopScheduler;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Attackers in containers. Attacker pool {@code j} is a /24 of the lab network ({@link SubnetPlan#attackerPool})
 * served by one container running the overlay's socket host: Sybils and flood sources bind UDP sockets
 * there, stream attackers TCP endpoints ({@link #openStreams}) (many ports, and as many IPs of the pool as the address plan asks for; extra IPs are added to
 * the container's interface with {@code ip addr add} in its namespace), so their traffic leaves from
 * their own addresses. The attack logic itself (the adversary module: {@code SybilSwarm},
 * {@code EclipseAttack}, {@code Flood}...) runs unchanged in the harness on one scheduler thread, with
 * the {@link AttackContext} from {@link #context}; its {@link LabGuard} admits loopback and this run's
 * lab network only.
 *
 * <p>A botnet over many /24s ({@link SubnetPlan#botnet}: hosts .100 to .199 of the honest /24 blocks, which no honest
 * container gets) is carried by pool 0's container: its addresses are added to that container's interface
 * ({@link #bindAll} adds many in one go), so one container holds Sybils in as many /24s as the lab has. Any other
 * address outside the attacker pools is refused, an honest container's above all.
 */
public final class AttackerHosts implements AutoCloseable {

    public static final String MAIN = "io.p2ptestbed.overlay.node.control.SocketHostMain";
    public static final int PORT = 7001;

    private final DockerRuntime rt;
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final Scheduler scheduler = new EventLoopScheduler(loop);
    private final Map<Integer, Pool> pools = new LinkedHashMap<>();
    private final LabGuard guard;

    private static final class Pool {
        final LabContainer container;
        final SocketHostClient client;
        final Set<Integer> ips = new HashSet<>();

        Pool(LabContainer container, SocketHostClient client, int primaryIp) {
            this.container = container;
            this.client = client;
            ips.add(primaryIp);
        }
    }

    AttackerHosts(DockerRuntime rt) {
        this.rt = rt;
        this.guard = LabGuard.loopbackOnly().allowing(rt.plan().subnet());
    }

    /** A context for one attack: sockets in attacker containers, the attackers' scheduler, {@code rng}, the lab guard. */
    public AttackContext context(RandomGenerator rng) {
        return new AttackContext(this::open, scheduler, rng, guard);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public LabGuard guard() {
        return guard;
    }

    /**
     * The counters of attacker nodes driven from the harness on {@link #scheduler()} (a Sybil's own state is read on
     * that thread), summed by name: what the attack did, so that a share of 0 can be told from an attack that never
     * reached its victim.
     */
    public Map<String, Long> counters(List<? extends OverlayNode> attackers) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                Map<String, Long> sum = new LinkedHashMap<>();
                for (OverlayNode a : attackers) {
                    a.counters().forEach((k, v) -> sum.merge(k, v, Long::sum));
                }
                return sum;
            }, scheduler::execute).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the attacker's counters: " + e, e);
        }
    }

    /** The /24 of attacker pool {@code j} (0 .. {@link #pools()} - 1). */
    public Cidr pool(int j) {
        return rt.plan().attackerPool(j);
    }

    /** How many attacker pools (distinct /24s) this network has. */
    public int pools() {
        return rt.plan().attackerBlocks();
    }

    /** Every identity on the one IP of pool {@code j}'s container, on consecutive ports from {@code firstPort}. */
    public AddressPlan.SharedIp sharedIp(int j, int firstPort) {
        return new AddressPlan.SharedIp(new NodeAddress(rt.plan().attackerHostIp(j), firstPort));
    }

    /** Distinct IPs spread round-robin over the first {@code count} pools, all on {@code port}. */
    public AddressPlan.Spread spread(int count, int port) {
        List<Cidr> cidrs = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            cidrs.add(pool(j));
        }
        return new AddressPlan.Spread(cidrs, port);
    }

    /** Opens a UDP socket at {@code bind} in the container of its pool, starting that container first if needed. */
    public synchronized Transport open(NodeAddress bind) {
        return poolOf(bind).client.open(bind);
    }

    /**
     * Binds a TCP stream endpoint at {@code bind} in the container of its pool (started first if needed): it listens
     * there and its outbound connections leave from that address, through the container's real TCP stack, under
     * {@code limits}. The attack code uses it as the stream transport it gets on loopback; its callbacks run on this
     * hosts' {@link #scheduler()}. Connects outside the lab network are refused in the container.
     */
    public synchronized StreamTransport openStreams(NodeAddress bind, StreamLimits limits) {
        guard.check(bind, "attacker stream endpoint");
        return poolOf(bind).client.openStreams(bind, limits, scheduler);
    }

    /** The reasons the socket hosts gave for every stream connect they refused as outside the lab network. */
    public synchronized List<String> streamRefusals() {
        return pools.values().stream().flatMap(p -> p.client.streamRefusals().stream()).toList();
    }

    /**
     * Puts every address on the interface of the container that will serve it (pools started as needed), many in one
     * {@code ip -batch} per container, so that binding a botnet of hundreds of addresses does not enter a namespace
     * once per address. Each address passes the lab guard and must be an attacker pool's or a botnet address.
     */
    public synchronized void bindAll(java.util.Collection<NodeAddress> addresses) {
        Map<Pool, List<String>> add = new LinkedHashMap<>();
        for (NodeAddress a : addresses) {
            guard.check(a, "attacker address");
            Pool p = pools.computeIfAbsent(poolIndex(a), this::startPool);
            if (p.ips.add(a.ip())) {
                add.computeIfAbsent(p, k -> new ArrayList<>()).add(a.host() + "/" + rt.plan().subnet().prefixLength());
            }
        }
        add.forEach((p, cidrs) -> Netns.addAddresses(p.container.hostPid(), cidrs));
    }

    /** The pool whose container serves {@code bind}: its attacker pool, or pool 0 for a botnet address. */
    private int poolIndex(NodeAddress bind) {
        int j = rt.plan().poolOf(bind.ip());
        if (j >= 0) {
            return j;
        }
        if (rt.plan().inBotnetRange(bind.ip())) {
            return 0;
        }
        throw new IllegalArgumentException("attacker address " + bind + " is neither in an attacker pool of this lab network ("
                + pool(0) + " .. " + pool(pools() - 1) + ") nor a botnet address (hosts .100-.199 of an honest /24, "
                + "SubnetPlan.botnet); honest containers' addresses are never the attacker's; use sharedIp(...), spread(...) "
                + "or the plan's botnet(...)");
    }

    /** The pool serving {@code bind}, its container started and {@code bind}'s ip on its interface. */
    private Pool poolOf(NodeAddress bind) {
        Pool p = pools.computeIfAbsent(poolIndex(bind), this::startPool);
        if (p.ips.add(bind.ip())) {
            Netns.addAddress(p.container.hostPid(), bind.host() + "/" + rt.plan().subnet().prefixLength());
        }
        return p;
    }

    private Pool startPool(int j) {
        String ip = SubnetPlan.dotted(rt.plan().attackerHostIp(j));
        List<String> cmd = List.of("-Xmx48m", MAIN, "--control-port", Integer.toString(PORT), "--allow",
                rt.plan().subnet().toString());
        LabContainer c = LabContainer.start(rt.image(), rt.network(), "a" + j, "attacker", ip, cmd, 192);
        try {
            return new Pool(c, SocketHostClient.connect(ip, PORT, rt.options().startupMillis()), rt.plan().attackerHostIp(j));
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; last log lines:\n" + c.logTail(20), e);
        }
    }

    /** The attacker containers started so far. */
    public synchronized List<LabContainer> containers() {
        return pools.values().stream().map(p -> p.container).toList();
    }

    /** Datagrams sent and received through all socket hosts. */
    public synchronized long[] traffic() {
        long s = 0;
        long r = 0;
        for (Pool p : pools.values()) {
            s += p.client.sent();
            r += p.client.received();
        }
        return new long[] {s, r};
    }

    @Override
    public synchronized void close() {
        pools.values().forEach(p -> p.client.close());
        pools.values().forEach(p -> p.container.remove());
        pools.clear();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
