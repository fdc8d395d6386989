package io.p2ptestbed.harness.attack.pastry;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.pastry.PastryColluders;
import io.p2ptestbed.adversary.pastry.PastryEclipseTactics;
import io.p2ptestbed.adversary.pastry.PastryLiar;
import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.pastry.PastryDegree;
import io.p2ptestbed.harness.pastry.PastryState;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryAuditConfig;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import io.p2ptestbed.overlay.node.control.ControlJson;
import io.p2ptestbed.overlay.node.control.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Eclipse attack of Singh, Ngan, Druschel and Wallach (INFOCOM 2006) on Pastry: a share of the network's own nodes,
 * present from the start, collude to fill the honest nodes' routing tables ({@link PastryLie#ECLIPSE} through
 * {@link PastryLiar}, with {@link PastryEclipseTactics}). What the paper measures is the share of malicious entries in
 * the honest nodes' routing tables; {@link #sample} measures it, and {@link #writeCsv} writes the curve against time.
 */
public final class SinghEclipse {

    /** How often an attacker pings honest nodes it has heard from, and how many per round. */
    public static final long ADVERTISE_MILLIS = PastryEclipseTactics.ADVERTISE_MILLIS;
    public static final int ADVERTISE_PER_ROUND = PastryEclipseTactics.ADVERTISE_PER_ROUND;

    private final PastryColluders colluders = new PastryColluders();
    private final List<PastryLiar> liars = new ArrayList<>();
    private final Set<NodeAddress> addresses;
    /** The attackers in containers (their node hosts' {@code malice.*} counters), empty in the JVM. */
    private final List<DockerNode> inContainers = new ArrayList<>();

    private SinghEclipse(Set<NodeAddress> addresses) {
        this.addresses = new HashSet<>(addresses);
    }

    /** Wraps the nodes at {@code colluderAddresses} as they boot (call before the network starts). */
    public static SinghEclipse install(LocalRuntime rt, Set<NodeAddress> colluderAddresses) {
        PastryAttacks.local(rt);
        SinghEclipse e = new SinghEclipse(colluderAddresses);
        PastryConfig c = PastryConfig.of(rt.scenario().protocol());
        int bound = PastryAuditConfig.of(rt.scenario().protocol()).degreeBound();
        LabGuard guard = LabGuard.loopbackOnly();
        rt.setTransportDecorator((address, transport, scheduler) -> {
            if (!e.addresses.contains(address)) {
                return transport;
            }
            LocalNode n = rt.nodes().stream().filter(h -> h.address().equals(address)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no node at colluder address " + address));
            Contact self = new Contact(n.id(), address);
            e.colluders.add(self);
            PastryLiar liar = new PastryLiar(transport, guard, n.id(), PastryLie.ECLIPSE, e.colluders, c.leafSet());
            PastryEclipseTactics t = new PastryEclipseTactics(n.id(), address, e.colluders, bound,
                    rt.seeds().stream("singh-colluder", n.index()));
            liar.setEclipseTactics(t, c.b());
            t.advertise(scheduler, liar, ADVERTISE_MILLIS, ADVERTISE_PER_ROUND); // through the guard
            synchronized (e.liars) {
                e.liars.add(liar);
            }
            return liar;
        });
        return e;
    }

    /**
     * The nodes at {@code indexes} of a network in containers lie from their start: each node host gets
     * {@code --malice} with mode {@code eclipse} and every attacker's contact ({@code PastryMalice} in the node image),
     * made once the lab network has given the nodes their addresses. Call before the network starts.
     */
    public static SinghEclipse install(DockerRuntime rt, List<Integer> indexes) {
        SinghEclipse e = new SinghEclipse(Set.of());
        rt.beforeLaunch(planned -> {
            for (int i : indexes) {
                NodeHandle n = planned.get(i);
                e.colluders.add(new Contact(n.id(), n.address()));
                e.addresses.add(n.address());
                e.inContainers.add((DockerNode) n);
            }
        });
        rt.hostArgs(h -> {
            List<Object> perNode = new ArrayList<>();
            boolean any = false;
            for (DockerNode n : h.nodes()) {
                boolean attacker = e.addresses.contains(n.address());
                any |= attacker;
                perNode.add(attacker ? Map.of("mode", "eclipse", "colluders", ControlJson.contacts(e.colluders.members()))
                        : Map.of());
            }
            return any ? List.of("--malice", Json.write(Map.of("nodes", perNode))) : List.of();
        });
        return e;
    }

    public List<Contact> contacts() {
        return colluders.members();
    }

    public PastryColluders colluders() {
        return colluders;
    }

    public long lies() {
        if (!inContainers.isEmpty()) {
            return inContainers.stream().filter(DockerNode::alive).mapToLong(n -> n.stats().getOrDefault("malice.lies", 0L)).sum();
        }
        synchronized (liars) {
            return liars.stream().mapToLong(l -> l.lies() + (l.eclipseTactics() == null ? 0 : l.eclipseTactics().lies())).sum();
        }
    }

    /** The attackers' mean real in-degree from honest nodes (honest nodes that told them they link to them). */
    public double meanAttackerInDegree() {
        if (!inContainers.isEmpty()) {
            return inContainers.stream().filter(DockerNode::alive)
                    .mapToLong(n -> n.stats().getOrDefault("malice.eclipse_in_degree", 0L)).average().orElse(0);
        }
        synchronized (liars) {
            return liars.stream().filter(l -> l.eclipseTactics() != null).mapToInt(l -> l.eclipseTactics().inDegree())
                    .average().orElse(0);
        }
    }

    /**
     * One look at the honest nodes' routing tables.
     *
     * @param minutes        virtual minutes since the network started
     * @param share          malicious entries / all entries, over every honest routing table
     * @param entries        routing-table entries of the honest nodes
     * @param meanTable      mean routing-table size of an honest node (its out-degree, the expected in-degree)
     * @param honestBanned   honest nodes that some honest node banned after an audit (false positives), summed
     * @param attackersBanned attackers banned by honest nodes, summed over the honest nodes
     */
    public record Sample(double minutes, double share, long entries, double meanTable, long honestBanned, long attackersBanned) {}

    /**
     * One look at the honest nodes' routing tables and bans, on any runtime that reads Pastry's state
     * ({@link PastryState}, {@link PastryDegree}); {@code startMillis} is the runtime's time that counts as minute 0.
     */
    public Sample sample(NetworkRuntime rt, long startMillis) {
        Set<NodeId> bad = new HashSet<>();
        for (Contact c : colluders.members()) {
            bad.add(c.id());
        }
        long entries = 0, malicious = 0, honestBanned = 0, attackersBanned = 0;
        int honest = 0;
        for (NodeHandle h : rt.liveNodes()) {
            if (addresses.contains(h.address())) {
                continue;
            }
            honest++;
            for (Contact c : PastryState.of(rt, h).tableEntries()) {
                entries++;
                malicious += bad.contains(c.id()) ? 1 : 0;
            }
            for (NodeId id : PastryDegree.of(rt, h).banned()) {
                if (bad.contains(id)) {
                    attackersBanned++;
                } else {
                    honestBanned++;
                }
            }
        }
        return new Sample((rt.nowMillis() - startMillis) / 60_000.0, entries == 0 ? 0 : (double) malicious / entries, entries,
                honest == 0 ? 0 : (double) entries / honest, honestBanned, attackersBanned);
    }

    /** The curve as CSV: {@code curve,minutes,malicious_share,...}, one line per sample (the report charts it). */
    public static void writeCsv(String curve, List<Sample> samples, Path file) {
        StringBuilder b = new StringBuilder("curve,minutes,malicious_share,mean_table,honest_banned,attackers_banned\n");
        for (Sample s : samples) {
            b.append(String.format(Locale.ROOT, "%s,%.2f,%.4f,%.2f,%d,%d%n", curve.replace(',', ' '), s.minutes(), s.share(),
                    s.meanTable(), s.honestBanned(), s.attackersBanned()));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the Singh curve to " + file, ex);
        }
    }
}
