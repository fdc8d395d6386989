package io.p2ptestbed.adversary.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryCodec;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import io.p2ptestbed.overlay.pastry.PastryMessage;
import io.p2ptestbed.overlay.pastry.PastryMessage.Audit;
import io.p2ptestbed.overlay.pastry.PastryMessage.AuditKind;
import io.p2ptestbed.overlay.pastry.PastryMessage.AuditRelay;
import io.p2ptestbed.overlay.pastry.PastryMessage.AuditSet;
import io.p2ptestbed.overlay.pastry.PastryMessage.Link;
import io.p2ptestbed.overlay.pastry.PastryMessage.Linked;
import io.p2ptestbed.overlay.pastry.PastryMessage.Ping;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What an Eclipse attacker ({@link PastryLie#ECLIPSE}) does beyond poisoning state, against Singh et al.'s degree
 * bounds (INFOCOM 2006):
 * <ul>
 *   <li>It accepts every link: its transport turns the honest node's refusal ({@link Linked} false) into an accept,
 *   and it keeps its real back-pointer set itself.</li>
 *   <li>Asked for its back-pointer set, it cannot know who audits it (the challenge comes from an anonymizer), so it
 *   answers with {@code bound} of its honest back-pointers drawn at random: it passes an auditor's challenge only when
 *   the draw names that auditor. When the anonymizer is a fellow colluder, the colluders know the auditor and name
 *   it. Asked for its neighbour set, it answers honestly (its node keeps its table within the bound).</li>
 *   <li>It advertises itself: every {@code advertiseMillis} it pings {@code advertisePerRound} honest nodes it has
 *   heard from, and each ping offers it to their routing tables.</li>
 * </ul>
 */
public final class PastryEclipseTactics {

    /** How often an attacker pings honest nodes it has heard from, and how many per round. */
    public static final long ADVERTISE_MILLIS = 1_000;
    public static final int ADVERTISE_PER_ROUND = 4;

    private final NodeId self;
    private final NodeAddress address;
    private final PastryColluders colluders;
    private final int bound;
    private final RandomGenerator rng;
    private final Set<Contact> inLinks = new LinkedHashSet<>();
    private final Map<NodeAddress, NodeId> honestSeen = new LinkedHashMap<>();
    private long lies;

    /**
     * @param bound the honest nodes' degree bound (0: no bound, it then answers with all its back-pointers)
     */
    public PastryEclipseTactics(NodeId self, NodeAddress address, PastryColluders colluders, int bound, RandomGenerator rng) {
        this.self = self;
        this.address = address;
        this.colluders = colluders;
        this.bound = bound;
        this.rng = rng;
    }

    /** Starts the advertising pings on the attacker's own scheduler, through {@code out}. */
    public void advertise(Scheduler scheduler, Transport out, long periodMillis, int perRound) {
        scheduler.schedule(1 + rng.nextLong(periodMillis), () -> advertiseRound(scheduler, out, periodMillis, perRound));
    }

    private void advertiseRound(Scheduler scheduler, Transport out, long periodMillis, int perRound) {
        List<NodeAddress> to = new ArrayList<>();
        List<byte[]> pings = new ArrayList<>();
        synchronized (this) { // inbound datagrams may arrive on another thread on real sockets
            List<NodeAddress> seen = new ArrayList<>(honestSeen.keySet());
            for (int i = 0; i < perRound && !seen.isEmpty(); i++) {
                to.add(seen.remove(rng.nextInt(seen.size())));
                pings.add(PastryCodec.encode(new Ping(rng.nextInt(), self)));
            }
        }
        for (int i = 0; i < to.size(); i++) {
            out.send(to.get(i), pings.get(i));
        }
        scheduler.schedule(periodMillis, () -> advertiseRound(scheduler, out, periodMillis, perRound));
    }

    public synchronized long lies() {
        return lies;
    }

    /** The attacker's real in-degree from honest nodes: the honest nodes that hold it in their routing table. */
    public synchronized int inDegree() {
        int n = 0;
        for (Contact c : inLinks) {
            n += colluders.contains(c.id()) ? 0 : 1;
        }
        return n;
    }

    /** A random start among the colluders (the attackers spread the links they hand out). */
    synchronized int spread() {
        return rng.nextInt(1 << 20);
    }

    /**
     * An inbound message: the answer this attacker sends itself (then the node never sees it), or null to let the
     * node have it.
     */
    synchronized byte[] inbound(NodeAddress from, PastryMessage m) {
        Contact sender = new Contact(m.sender(), from);
        if (!colluders.contains(m.sender())) {
            honestSeen.remove(from);
            honestSeen.put(from, m.sender());
            if (honestSeen.size() > 4096) {
                honestSeen.remove(honestSeen.keySet().iterator().next());
            }
        }
        if (m instanceof Link l) {
            if (l.add()) {
                inLinks.add(sender);
            } else {
                inLinks.remove(sender);
            }
            return null; // the node answers; outbound() makes a refusal an accept
        }
        if (m instanceof AuditRelay r) {
            colluders.auditRelayed(address, r.target().address(), sender); // as anonymizer: tell the target who asks
            return null;
        }
        if (m instanceof Audit a && a.kind() == AuditKind.IN) {
            lies++;
            return PastryCodec.encode(new AuditSet(a.tid(), self, a.kind(), backPointerLie(from)));
        }
        return null;
    }

    /** At most {@code bound} honest back-pointers, at random, with the auditor first when a fellow colluder relays. */
    private List<Contact> backPointerLie(NodeAddress anonymizer) {
        Contact auditor = colluders.contains(idOf(anonymizer)) ? colluders.auditorVia(anonymizer, address) : null;
        List<Contact> honest = new ArrayList<>();
        for (Contact c : inLinks) {
            if (!colluders.contains(c.id()) && !c.equals(auditor)) {
                honest.add(c);
            }
        }
        int size = Math.min(bound > 0 ? bound : PastryConfig.MAX_SET, PastryConfig.MAX_SET);
        List<Contact> out = new ArrayList<>();
        if (auditor != null) {
            out.add(auditor);
        }
        while (out.size() < size && !honest.isEmpty()) {
            out.add(honest.remove(rng.nextInt(honest.size())));
        }
        return out;
    }

    private NodeId idOf(NodeAddress a) {
        for (Contact c : colluders.members()) {
            if (c.address().equals(a)) {
                return c.id();
            }
        }
        return null;
    }

    /** An outbound message: the datagram to send instead, or null to send it unchanged. */
    synchronized byte[] outbound(PastryMessage m) {
        if (m instanceof Linked l && !l.accepted()) {
            return PastryCodec.encode(new Linked(l.tid(), l.sender(), true));
        }
        return null;
    }
}
