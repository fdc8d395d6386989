package io.p2ptestbed.harness.attack.pastry;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.pastry.PastryColluders;
import io.p2ptestbed.adversary.pastry.PastryEclipseTactics;
import io.p2ptestbed.adversary.pastry.PastryLiar;
import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryAuditConfig;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import io.p2ptestbed.overlay.pastry.PastryDegreeView;
import io.p2ptestbed.overlay.pastry.PastryView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Eclipse attack of Singh, Ngan, Druschel and Wallach (INFOCOM 2006) on Pastry: a share of the network's own nodes,
 * present from the start, collude to fill the honest nodes' routing tables ({@link PastryLie#ECLIPSE} through
 * {@link PastryLiar}, with {@link PastryEclipseTactics}). What the paper measures is the share of malicious entries in
 * the honest nodes' routing tables; {@link #sample} measures it, and {@link #writeCsv} writes the curve against time.
 */
public final class SinghEclipse {

    /** How often an attacker pings honest nodes it has heard from, and how many per round. */
    public static final long ADVERTISE_MILLIS = 1_000;
    public static final int ADVERTISE_PER_ROUND = 4;

    private final PastryColluders colluders = new PastryColluders();
    private final List<PastryLiar> liars = new ArrayList<>();
    private final Set<NodeAddress> addresses;

    private SinghEclipse(Set<NodeAddress> addresses) {
        this.addresses = Set.copyOf(addresses);
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

    public List<Contact> contacts() {
        return colluders.members();
    }

    public PastryColluders colluders() {
        return colluders;
    }

    public long lies() {
        synchronized (liars) {
            return liars.stream().mapToLong(l -> l.lies() + (l.eclipseTactics() == null ? 0 : l.eclipseTactics().lies())).sum();
        }
    }

    /** The attackers' mean real in-degree from honest nodes (honest nodes that told them they link to them). */
    public double meanAttackerInDegree() {
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

    public Sample sample(LocalRuntime rt, long startMillis) {
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
            long[] got = rt.onOverlay((LocalNode) h, o -> {
                long[] r = new long[4];
                PastryView v = o.capability(PastryView.class).orElseThrow();
                for (int row = 0; row < v.filledRows(); row++) {
                    for (Contact c : v.row(row)) {
                        r[0]++;
                        r[1] += bad.contains(c.id()) ? 1 : 0;
                    }
                }
                o.capability(PastryDegreeView.class).ifPresent(d -> {
                    for (NodeId id : d.banned()) {
                        r[bad.contains(id) ? 3 : 2]++;
                    }
                });
                return r;
            });
            entries += got[0];
            malicious += got[1];
            honestBanned += got[2];
            attackersBanned += got[3];
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
