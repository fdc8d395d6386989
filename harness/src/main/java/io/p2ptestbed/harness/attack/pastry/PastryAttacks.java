package io.p2ptestbed.harness.attack.pastry;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.pastry.PastryColluders;
import io.p2ptestbed.adversary.pastry.PastryLiar;
import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import io.p2ptestbed.overlay.pastry.PastryIds;
import io.p2ptestbed.overlay.pastry.PastryView;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Malicious Pastry nodes on a running in-JVM network, speaking the real protocol through the adversary's
 * {@link PastryLiar}. Two models:
 * <ul>
 *   <li>{@link Turned}: Castro et al.'s. A fraction f of the members, with ids like everyone's (random, or
 *   certified), collude. Each turned member is stopped and replaced at once, at the same id and address, by a
 *   malicious node that rejoins; honest tables keep its contact. Turned members count as dead for the
 *   runtime, so ground truth covers the honest nodes only.</li>
 *   <li>{@link #groundSybils}: Sybils whose ids the attacker chooses, placed to fill a victim's leaf set and
 *   routing-table rows (at the fixed points of its slots), joined at lab attacker addresses.</li>
 * </ul>
 */
public final class PastryAttacks {

    private PastryAttacks() {}

    static void pastryOnly(NetworkRuntime rt) {
        if (!"pastry".equals(rt.scenario().protocolName())) {
            throw new UnsupportedCapabilityException("Pastry attackers need a pastry network; the scenario runs the "
                    + rt.scenario().protocolName() + " overlay");
        }
    }

    static LocalRuntime local(NetworkRuntime rt) {
        pastryOnly(rt);
        if (!(rt instanceof LocalRuntime l)) {
            throw new UnsupportedCapabilityException("Pastry attackers run in-process; the " + rt.kind().label()
                    + " runtime cannot host them yet");
        }
        return l;
    }

    /** What joined: the attackers' contacts, their colluder set and their transports (to change the lie). */
    public record Launched(List<Contact> contacts, PastryColluders colluders, List<PastryLiar> liars) {}

    /**
     * Castro et al.'s adversary: members of the network that turn malicious. In-JVM each turned member is replaced by a
     * node over a {@link PastryLiar}; in containers every node host already runs its nodes over one (the adversary's
     * {@code PastryMalice}), and {@code POST /v1/malice} turns it with the list of its fellow colluders.
     */
    public static final class Turned {

        private final NetworkRuntime rt;
        private final List<NodeHandle> order;
        private final int population;
        private final PastryColluders colluders = new PastryColluders();
        private final List<PastryLiar> liars = new ArrayList<>();
        private final List<io.p2ptestbed.harness.docker.DockerNode> turnedInContainers = new ArrayList<>();
        private final LabGuard guard = LabGuard.loopbackOnly();

        /**
         * The order in which members turn is drawn once from {@code rng}: turning 10% then 20% makes the 20%
         * a superset. Bootstrap nodes and {@code spared} nodes never turn.
         */
        public Turned(NetworkRuntime runtime, RandomGenerator rng, Collection<? extends NodeHandle> spared) {
            pastryOnly(runtime);
            if (!(runtime instanceof LocalRuntime) && !(runtime instanceof ControlledRuntime)) {
                throw new UnsupportedCapabilityException("Pastry colluders turn in-process or in containers; the "
                        + runtime.kind().label() + " runtime cannot host them");
            }
            this.rt = runtime;
            this.population = rt.liveNodes().size();
            Set<NodeHandle> keep = Set.copyOf(spared);
            List<NodeHandle> candidates = new ArrayList<>();
            for (NodeHandle n : rt.liveNodes()) {
                if (n.index() >= rt.scenario().bootstrapNodes() && !keep.contains(n)) {
                    candidates.add(n);
                }
            }
            for (int i = candidates.size() - 1; i > 0; i--) {
                java.util.Collections.swap(candidates, i, rng.nextInt(i + 1));
            }
            this.order = candidates;
        }

        /** Turns members until colluders are {@code fraction} of the population; all then tell {@code lie}. */
        public void turnUpTo(double fraction, PastryLie lie) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("the colluder fraction must be in [0, 1), got " + fraction);
            }
            int target = (int) Math.round(fraction * population);
            if (target > order.size()) {
                throw new IllegalArgumentException("cannot turn " + target + " of " + population + " nodes: only "
                        + order.size() + " may turn (bootstrap and named nodes stay honest)");
            }
            if (rt instanceof ControlledRuntime) {
                turnInContainers(target, lie);
                return;
            }
            LocalRuntime local = (LocalRuntime) rt;
            List<OverlayNode> fresh = new ArrayList<>();
            int leafSet = PastryConfig.of(rt.scenario().protocol()).leafSet();
            while (liars.size() < target) {
                NodeHandle n = order.get(liars.size());
                NodeId id = n.id();
                NodeAddress address = n.address();
                local.kill(n);
                RandomGenerator nodeRng = local.seeds().stream("pastry-colluder", liars.size());
                PastryLiar[] liar = new PastryLiar[1];
                fresh.add(local.bootExtra(address, (t, s) -> {
                    liar[0] = new PastryLiar(t, guard, id, PastryLie.NONE, colluders, leafSet);
                    return Protocols.get("pastry").create(new NodeContext(id, liar[0], s, nodeRng, rt.scenario().protocol()));
                }));
                liars.add(liar[0]);
                colluders.add(new Contact(id, address));
            }
            rejoin(local, fresh);
            setLie(lie);
        }

        /**
         * In containers the member keeps its process, id and address: it is marked turned (ground truth, workloads and
         * the honest nodes' counters leave it out, as the in-JVM runtimes leave out a replaced member), and every
         * colluder is told the lie and the whole colluder set through {@code POST /v1/malice}.
         */
        private void turnInContainers(int target, PastryLie lie) {
            while (turnedInContainers.size() < target) {
                io.p2ptestbed.harness.docker.DockerNode n = (io.p2ptestbed.harness.docker.DockerNode) order.get(turnedInContainers.size());
                n.turned(true);
                turnedInContainers.add(n);
                colluders.add(new Contact(n.id(), n.address()));
            }
            setLie(lie);
        }

        public void setLie(PastryLie lie) {
            liars.forEach(l -> l.setLie(lie));
            if (!turnedInContainers.isEmpty()) {
                Map<String, Object> body = Map.of("mode", maliceMode(lie), "colluders",
                        io.p2ptestbed.overlay.node.control.ControlJson.contacts(colluders.members()));
                for (io.p2ptestbed.harness.docker.DockerNode n : turnedInContainers) {
                    n.control().call("POST", "malice", n.slot(), body);
                }
            }
        }

        /** The mode of the node hosts' Pastry malice ({@code POST /v1/malice}) that tells {@code lie}. */
        static String maliceMode(PastryLie lie) {
            return switch (lie) {
                case MISROUTE -> "misroute";
                case DROP_ROUTES -> "drop";
                case FABRICATE -> "fabricate";
                case NONE -> "none";
                default -> throw new UnsupportedCapabilityException("Pastry colluders in containers misroute, drop routes or "
                        + "fabricate contacts; they cannot " + lie.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            };
        }

        public int size() {
            return liars.size() + turnedInContainers.size();
        }

        public int population() {
            return population;
        }

        public PastryColluders colluders() {
            return colluders;
        }

        /**
         * The share of the 128-bit ring whose numerically closest node, among the live honest nodes and the colluders, is
         * honest: the lookup success that no defence can exceed (a key whose closest node is a colluder has no honest
         * root). Exact: each node owns the arc between the midpoints to its ring neighbours.
         */
        public double honestRootShare() {
            List<Contact> honest = rt.liveNodes().stream().map(n -> new Contact(n.id(), n.address())).toList();
            return honestShare(honest, colluders.members());
        }

        static double honestShare(List<Contact> honest, List<Contact> bad) {
            record Point(java.math.BigInteger at, boolean honest) {}
            List<Point> ring = new ArrayList<>();
            honest.forEach(c -> ring.add(new Point(PastryIds.big(c.id()), true)));
            bad.forEach(c -> ring.add(new Point(PastryIds.big(c.id()), false)));
            if (ring.isEmpty()) {
                return 0;
            }
            ring.sort(java.util.Comparator.comparing(Point::at));
            java.math.BigInteger size = java.math.BigInteger.ONE.shiftLeft(PastryIds.BITS);
            java.math.BigInteger owned = java.math.BigInteger.ZERO;
            for (int i = 0; i < ring.size(); i++) {
                if (ring.get(i).honest()) {
                    java.math.BigInteger prev = ring.get(Math.floorMod(i - 1, ring.size())).at();
                    java.math.BigInteger next = ring.get((i + 1) % ring.size()).at();
                    java.math.BigInteger arc = next.subtract(prev).mod(size);
                    owned = owned.add(ring.size() == 1 ? size.shiftLeft(1) : arc);
                }
            }
            return new java.math.BigDecimal(owned).divide(new java.math.BigDecimal(size.shiftLeft(1)),
                    java.math.MathContext.DECIMAL64).doubleValue();
        }

        /** Datagrams the colluders rewrote, answered falsely or dropped (in containers: their {@code malice.lies}). */
        public long lies() {
            long inContainers = 0;
            for (io.p2ptestbed.harness.docker.DockerNode n : turnedInContainers) {
                inContainers += n.stats().getOrDefault("malice.lies", 0L);
            }
            return liars.stream().mapToLong(PastryLiar::lies).sum() + inContainers;
        }
    }

    /**
     * Joins extra nodes; a join refused (certified ids) is not an error here, only counted. In virtual time the wait
     * ends when every join has ended; on real sockets it ends after one route timeout, or 5 s, at most: a refused join is
     * only seen when its attempts time out (the honest node drops the datagram unanswered), and the node goes on
     * trying in the background meanwhile, as it would in the simulator.
     */
    static int rejoin(LocalRuntime rt, List<OverlayNode> nodes) {
        List<CompletableFuture<Boolean>> joins = new ArrayList<>();
        for (OverlayNode n : nodes) {
            joins.add(n.join(seeds(rt)).handle((v, e) -> e == null));
        }
        return awaitJoins(rt, joins);
    }

    /** Where attackers join: the live bootstrap nodes. */
    static List<NodeAddress> seeds(NetworkRuntime rt) {
        return rt.nodes().stream().filter(NodeHandle::alive).limit(rt.scenario().bootstrapNodes()).map(NodeHandle::address)
                .toList();
    }

    /** The longest wait for attackers' joins on real sockets (see {@link #rejoin}). */
    static final long REAL_TIME_JOIN_WAIT_MILLIS = 5_000;

    /**
     * Waits for attackers' joins, as {@link #rejoin} says (all of them in virtual time, a bounded time on real sockets),
     * and counts those that joined; an unfinished join counts as not joined.
     */
    static int awaitJoins(NetworkRuntime rt, List<CompletableFuture<Boolean>> joins) {
        if (rt.kind() == RuntimeKind.SIMULATED && rt instanceof LocalRuntime local) {
            return (int) local.awaitOperations(joins).stream().filter(Boolean.TRUE::equals).count();
        }
        rt.await(CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)),
                Math.min(REAL_TIME_JOIN_WAIT_MILLIS, PastryConfig.of(rt.scenario().protocol()).routeTimeoutMillis()));
        return (int) joins.stream().filter(f -> f.isDone() && Boolean.TRUE.equals(f.getNow(false))).count();
    }

    /**
     * Ids that fill the victim's leaf set and routing-table rows: first |L| ids closest around the victim
     * (half on each side, closer than any honest node can be), then, row by row from row 0, the fixed point of
     * every other column's slot plus one (closest to the point, so it also wins a constrained table's slot).
     */
    public static List<NodeId> eclipseIds(NodeId victim, int count, int leafSet, int b, int rows) {
        List<NodeId> ids = new ArrayList<>();
        java.math.BigInteger two128 = java.math.BigInteger.ONE.shiftLeft(PastryIds.BITS);
        for (int i = 1; ids.size() < Math.min(count, leafSet); i++) {
            for (int sign : new int[] {1, -1}) {
                if (ids.size() < Math.min(count, leafSet)) {
                    ids.add(fromBig(PastryIds.big(victim).add(java.math.BigInteger.valueOf(sign * (long) i << 20)).mod(two128)));
                }
            }
        }
        for (int r = 0; r < rows && ids.size() < count; r++) {
            int own = PastryIds.digit(victim, r, b);
            for (int d = 0; d < (1 << b) && ids.size() < count; d++) {
                if (d != own) {
                    ids.add(fromBig(PastryIds.big(PastryIds.slotPoint(victim, r, d, b)).add(java.math.BigInteger.ONE).mod(two128)));
                }
            }
        }
        return ids;
    }

    private static NodeId fromBig(java.math.BigInteger v) {
        long hi = v.shiftRight(64).longValue();
        long mid = v.longValue();
        return new NodeId(hi, mid, 0);
    }

    /**
     * {@code count} Sybils at {@link #eclipseIds} around {@code victim}, telling {@code lie}, joined through the bootstrap
     * nodes: at lab attacker addresses on the in-JVM runtimes, on sockets of an attacker container on the container
     * runtimes. Honest nodes with certified ids refuse them.
     */
    public static Launched groundSybils(NetworkRuntime runtime, NodeHandle victim, int count, PastryLie lie) {
        pastryOnly(runtime);
        if (count < 1 || count > 2_000) {
            throw new IllegalArgumentException("the number of Sybils must be in [1, 2000], got " + count);
        }
        PastryConfig c = PastryConfig.of(runtime.scenario().protocol());
        int rows = runtime instanceof LocalRuntime rt
                ? rt.onOverlay((io.p2ptestbed.harness.runtime.LocalNode) victim,
                        o -> o.capability(PastryView.class).map(PastryView::filledRows).orElse(3))
                : expectedRows(runtime.liveNodes().size(), c.b());
        List<NodeId> ids = eclipseIds(victim.id(), count, c.leafSet(), c.b(), Math.max(1, rows));
        return launch(runtime, ids, lie, new PastryColluders());
    }

    /** About log_{2^b} N: the rows of a routing table that hold entries in a network of {@code n} nodes. */
    static int expectedRows(int n, int b) {
        return (int) Math.ceil(Math.log(Math.max(2, n)) / Math.log(1 << b));
    }

    /** Sybils around a target that hide it (id suppression): they fill its leaf set and never name it. */
    public static Launched suppressors(NetworkRuntime runtime, NodeHandle target, int count) {
        pastryOnly(runtime);
        PastryConfig c = PastryConfig.of(runtime.scenario().protocol());
        PastryColluders colluders = new PastryColluders();
        colluders.suppress(target.address());
        return launch(runtime, eclipseIds(target.id(), Math.min(count, c.leafSet()), c.leafSet(), c.b(), 0), PastryLie.SUPPRESS,
                colluders);
    }

    private static Launched launch(NetworkRuntime runtime, List<NodeId> ids, PastryLie lie, PastryColluders colluders) {
        if (runtime instanceof ControlledRuntime controlled) {
            return PastryContainerAttackers.launch(controlled, ids, lie, colluders);
        }
        LocalRuntime rt = local(runtime);
        LabGuard guard = LabGuard.loopbackOnly();
        int leafSet = PastryConfig.of(rt.scenario().protocol()).leafSet();
        List<OverlayNode> nodes = new ArrayList<>();
        List<PastryLiar> liars = new ArrayList<>();
        int first = rt.extraNodes().size();
        for (int i = 0; i < ids.size(); i++) {
            int j = first + i;
            NodeAddress address = guard.check(Addresses.attacker(j / 250, j % 250, rt.labPort()), "pastry attacker");
            NodeId id = ids.get(i);
            RandomGenerator nodeRng = rt.seeds().stream("pastry-attacker", j);
            PastryLiar[] liar = new PastryLiar[1];
            nodes.add(rt.bootExtra(address, (t, s) -> {
                liar[0] = new PastryLiar(t, guard, id, lie, colluders, leafSet);
                return Protocols.get("pastry").create(new NodeContext(id, liar[0], s, nodeRng, rt.scenario().protocol()));
            }));
            liars.add(liar[0]);
            colluders.add(nodes.get(i).contact());
        }
        rejoin(rt, nodes);
        return new Launched(nodes.stream().map(OverlayNode::contact).toList(), colluders, liars);
    }
}
