package io.p2ptestbed.adversary.pastry;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.node.NodeSettings;
import io.p2ptestbed.overlay.node.control.NodeMalice;
import io.p2ptestbed.overlay.pastry.PastryAuditConfig;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import io.p2ptestbed.overlay.pastry.PastryProtocol;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Castro et al.'s colluders in a node process of their own (a container): every Pastry node of a node host runs over a
 * {@link PastryLiar} that tells nothing until {@code POST /v1/malice} turns it, naming the mode and the fellow colluders.
 * Modes: {@code misroute} ({@link PastryLie#MISROUTE}), {@code drop} ({@link PastryLie#DROP_ROUTES}), {@code fabricate}
 * ({@link PastryLie#FABRICATE}), {@code none} (honest again), and {@code eclipse} (Singh et al.'s Eclipse attacker,
 * {@link PastryLie#ECLIPSE} with {@link PastryEclipseTactics}: meant from the node's start, {@code node-host --malice},
 * as the paper's attackers lie from their first join; it cannot be turned back). Eclipse attackers in different
 * processes tell each other the auditors they relay for ({@link PastryColluderNotes}). Its lab guard admits loopback and
 * the node's lab network.
 */
public final class PastryMalice implements NodeMalice {

    /** The modes {@code POST /v1/malice} takes, by name. */
    static final Map<String, PastryLie> MODES = Map.of("misroute", PastryLie.MISROUTE, "drop", PastryLie.DROP_ROUTES,
            "fabricate", PastryLie.FABRICATE, "none", PastryLie.NONE, "eclipse", PastryLie.ECLIPSE);

    /** Seed offset of an Eclipse attacker's own generator (audit lies, advertising), apart from the node's streams. */
    private static final long ECLIPSE_STREAM = 0x65636c69707365L;

    @Override
    public void check(String mode) {
        lie(mode);
    }

    private static PastryLie lie(String mode) {
        PastryLie lie = MODES.get(mode.trim().toLowerCase(Locale.ROOT));
        if (lie == null) {
            throw new IllegalArgumentException("the pastry overlay's malice has no mode '" + mode + "'; modes: "
                    + new java.util.TreeSet<>(MODES.keySet()));
        }
        return lie;
    }

    @Override
    public boolean supports(String protocol) {
        return PastryProtocol.NAME.equals(protocol);
    }

    @Override
    public Handle wrap(Transport transport, Scheduler scheduler, NodeSettings settings) {
        LabGuard guard = LabGuard.loopbackOnly().allowing(Cidr.parse(settings.lab()));
        if (!guard.permits(transport.localAddress())) {
            return unguarded(transport, settings);
        }
        PastryColluders colluders = new PastryColluders();
        PastryLiar liar = new PastryLiar(transport, guard, settings.nodeId(), PastryLie.NONE, colluders,
                PastryConfig.of(settings.params()).leafSet());
        return new Handle() {
            private long turned;

            @Override
            public Transport transport() {
                return liar;
            }

            @Override
            public void turn(String mode, List<Contact> fellows) {
                PastryLie lie = lie(mode);
                if (liar.eclipseTactics() != null && lie != PastryLie.ECLIPSE) {
                    throw new IllegalArgumentException("an Eclipse attacker lies from its start to its end: it cannot be "
                            + "turned to '" + mode + "'");
                }
                if ((lie == PastryLie.MISROUTE) && fellows.isEmpty()) {
                    throw new IllegalArgumentException("misrouting colluders name their fellow colluders as the key's root: "
                            + "give at least one in 'colluders'");
                }
                for (Contact c : fellows) {
                    guard.check(c.address(), "colluder"); // an OutsideLabException is an IllegalArgumentException: 400
                    colluders.add(c);
                }
                if (lie == PastryLie.ECLIPSE && liar.eclipseTactics() == null) {
                    eclipse();
                }
                liar.setLie(lie);
                turned++;
            }

            /** Arms Singh et al.'s attacker: itself among the colluders, its audit and link lies, its advertising. */
            private void eclipse() {
                colluders.add(new Contact(settings.nodeId(), transport.localAddress()));
                PastryEclipseTactics t = new PastryEclipseTactics(settings.nodeId(), transport.localAddress(), colluders,
                        PastryAuditConfig.of(settings.params()).degreeBound(),
                        new java.util.SplittableRandom(settings.seed() ^ ECLIPSE_STREAM));
                liar.setEclipseTactics(t, PastryConfig.of(settings.params()).b());
                PastryColluderNotes.install(liar, colluders, transport.localAddress());
                t.advertise(scheduler, liar, PastryEclipseTactics.ADVERTISE_MILLIS, PastryEclipseTactics.ADVERTISE_PER_ROUND);
            }

            @Override
            public Map<String, Long> counters() {
                Map<String, Long> m = new LinkedHashMap<>();
                PastryEclipseTactics t = liar.eclipseTactics();
                m.put("malice.turned", turned);
                m.put("malice.lies", liar.lies() + (t == null ? 0 : t.lies()));
                m.put("malice.colluders", (long) colluders.size());
                if (t != null) {
                    m.put("malice.eclipse_in_degree", (long) t.inDegree());
                }
                return m;
            }
        };
    }

    /**
     * A node bound outside its declared lab network (no {@code --lab} naming it): it runs honest and cannot be turned, as
     * its lab guard could not admit its own datagrams.
     */
    private static Handle unguarded(Transport transport, NodeSettings settings) {
        return new Handle() {
            @Override
            public Transport transport() {
                return transport;
            }

            @Override
            public void turn(String mode, List<Contact> fellows) {
                throw new IllegalArgumentException("this node is bound at " + transport.localAddress() + ", outside its lab "
                        + "network " + settings.lab() + " (--lab): its malice stays off");
            }

            @Override
            public Map<String, Long> counters() {
                return Map.of();
            }
        };
    }
}
