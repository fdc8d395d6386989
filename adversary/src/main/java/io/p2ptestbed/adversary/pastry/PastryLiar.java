package io.p2ptestbed.adversary.pastry;

import io.p2ptestbed.adversary.lab.GuardedTransport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryCodec;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import io.p2ptestbed.overlay.pastry.PastryDecodeResult;
import io.p2ptestbed.overlay.pastry.PastryIds;
import io.p2ptestbed.overlay.pastry.PastryMessage;
import io.p2ptestbed.overlay.pastry.PastryMessage.Ack;
import io.p2ptestbed.overlay.pastry.PastryMessage.Pong;
import io.p2ptestbed.overlay.pastry.PastryMessage.Route;
import io.p2ptestbed.overlay.pastry.PastryMessage.Routed;
import io.p2ptestbed.overlay.pastry.PastryMessage.State;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The transport of a malicious Pastry node: an honest PastryNode runs on top, and this layer acts on the
 * real wire format according to its {@link PastryLie}, which can change at any time (a node that joined
 * honestly turns malicious). Inbound routes are answered or dropped here before the node sees them;
 * outbound state is rewritten. Every datagram goes out through a {@link GuardedTransport}: lab addresses
 * only.
 */
public final class PastryLiar implements Transport {

    private final Transport inner;
    private final NodeId self;
    private final PastryColluders colluders;
    private final int replySize;
    /** Who asked what, by the tid of the request this node answers (to poison the answer for the asker). */
    private final Map<NodeAddress, NodeId> askers = new HashMap<>();
    private final BooleanSupplier lying;
    private volatile PastryLie lie;
    private long lies;
    /** The Eclipse attacker's audit and link lies ({@link PastryLie#ECLIPSE}), or null. */
    private volatile PastryEclipseTactics tactics;
    /** Bits per digit of the overlay (to fit colluders into the asker's routing table). */
    private volatile int digitBits = 4;

    /** Where fabricated contacts "live": 127.250.255.x port 7, outside every lab address plan. */
    public static final int FABRICATED_NET = (127 << 24) | (250 << 16) | (255 << 8);
    public static final int FABRICATED_PORT = 7;

    public PastryLiar(Transport inner, LabGuard guard, NodeId self, PastryLie lie, PastryColluders colluders, int leafSet) {
        this(inner, guard, self, lie, colluders, leafSet, () -> true);
    }

    /**
     * @param lying whether the node lies now (a colluder that turns at a chosen time); while false it behaves as
     *              {@link PastryLie#NONE}
     */
    public PastryLiar(Transport inner, LabGuard guard, NodeId self, PastryLie lie, PastryColluders colluders, int leafSet,
                      BooleanSupplier lying) {
        this.inner = new GuardedTransport(inner, guard);
        this.self = self;
        this.lie = lie;
        this.colluders = colluders;
        this.replySize = Math.min(PastryConfig.MAX_SET, 1 + leafSet);
        this.lying = lying;
    }

    /** The lie told now: {@link PastryLie#NONE} while the node has not turned. */
    private PastryLie current() {
        PastryLie l = lie;
        return l == PastryLie.NONE || !lying.getAsBoolean() ? PastryLie.NONE : l;
    }

    /** The colluders' own datagrams to this node (they never reach the node), or null: consumes those it knows. */
    private volatile java.util.function.BiPredicate<NodeAddress, byte[]> colluderChannel;

    /**
     * Colluders in other processes tell each other things over the lab network (what a relaying colluder learnt):
     * {@code channel} sees every inbound datagram first and consumes those that are its own.
     */
    public void setColluderChannel(java.util.function.BiPredicate<NodeAddress, byte[]> channel) {
        this.colluderChannel = channel;
    }

    /** Sends {@code datagram} unchanged, through the lab guard (a colluder's note to a fellow colluder). */
    public void sendAside(NodeAddress to, byte[] datagram) {
        inner.send(to, datagram);
    }

    /** Arms the {@link PastryLie#ECLIPSE} lie's tactics; {@code b} is the overlay's bits per digit. */
    public void setEclipseTactics(PastryEclipseTactics t, int b) {
        this.tactics = t;
        this.digitBits = b;
    }

    public PastryEclipseTactics eclipseTactics() {
        return tactics;
    }

    public void setLie(PastryLie lie) {
        this.lie = lie;
    }

    public PastryLie lie() {
        return lie;
    }

    /** Datagrams rewritten, answered falsely or dropped. */
    public long lies() {
        return lies;
    }

    @Override
    public NodeAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void setHandler(DatagramHandler handler) {
        if (handler == null) {
            inner.setHandler(null);
            return;
        }
        inner.setHandler((from, data) -> {
            java.util.function.BiPredicate<NodeAddress, byte[]> channel = colluderChannel;
            if (channel != null && channel.test(from, data)) {
                return;
            }
            PastryLie l = current();
            if (l != PastryLie.NONE && PastryCodec.decode(data) instanceof PastryDecodeResult.Decoded d) {
                PastryMessage m = d.message();
                if ((l == PastryLie.POISON || l == PastryLie.ECLIPSE) && askers.size() < 4096) {
                    askers.put(from, m.sender());
                }
                PastryEclipseTactics t = tactics;
                if (l == PastryLie.ECLIPSE && t != null) {
                    byte[] answer = t.inbound(from, m);
                    if (answer != null) {
                        inner.send(from, answer);
                        return;
                    }
                }
                if (m instanceof Route r && !r.join() && intercept(l, from, r)) {
                    return;
                }
            }
            handler.onDatagram(from, data);
        });
    }

    /** Handles an inbound route itself; false to let the honest node have it. */
    private boolean intercept(PastryLie l, NodeAddress from, Route r) {
        if (l == PastryLie.SUPPRESS || l == PastryLie.ECLIPSE) {
            return false;
        }
        lies++;
        inner.send(from, PastryCodec.encode(new Ack(r.tid(), self)));
        if (l == PastryLie.MISROUTE || l == PastryLie.POISON || l == PastryLie.FABRICATE) {
            List<Contact> claim = l == PastryLie.FABRICATE ? fabricated(r.key()) : colluders.closest(r.key(), replySize);
            if (!claim.isEmpty()) {
                inner.send(r.origin().address(), PastryCodec.encode(new Routed(r.originTid(), self,
                        Math.min(r.hops(), PastryCodec.MAX_HOPS), claim)));
            }
        }
        return true;
    }

    @Override
    public void send(NodeAddress to, byte[] datagram) {
        byte[] out = rewrite(to, datagram);
        if (out != null) {
            inner.send(to, out);
        }
    }

    /** The datagram to send instead (the same one when nothing to lie about), or null to drop it. */
    private byte[] rewrite(NodeAddress to, byte[] datagram) {
        PastryLie l = current();
        if ((l != PastryLie.SUPPRESS && l != PastryLie.POISON && l != PastryLie.ECLIPSE)
                || !(PastryCodec.decode(datagram) instanceof PastryDecodeResult.Decoded d)) {
            return datagram;
        }
        PastryMessage m = d.message();
        if (l == PastryLie.ECLIPSE) {
            return eclipse(to, m, datagram);
        }
        if (l == PastryLie.SUPPRESS) {
            if (m instanceof Route && colluders.suppressed(to)) {
                lies++;
                return null; // the node takes the silent hop for dead and routes to the next closest
            }
            if (m instanceof Pong p && hides(p.leafSet())) {
                lies++;
                return PastryCodec.encode(p.withLeafSet(visible(p.leafSet())));
            }
            if (m instanceof State s && hides(s.contacts())) {
                lies++;
                return PastryCodec.encode(new State(s.tid(), s.sender(), s.kind(), s.row(), visible(s.contacts())));
            }
            if (m instanceof Routed r && hides(r.reached())) {
                lies++;
                return PastryCodec.encode(new Routed(r.tid(), r.sender(), r.hops(), visible(r.reached())));
            }
            return datagram;
        }
        NodeId asker = askers.get(to);
        if (asker == null) {
            return datagram;
        }
        if (m instanceof Pong p) {
            lies++;
            return PastryCodec.encode(p.withLeafSet(colluders.closest(asker, Math.max(1, p.leafSet().size()))));
        }
        if (m instanceof State s) {
            lies++;
            return PastryCodec.encode(new State(s.tid(), s.sender(), s.kind(), s.row(),
                    colluders.closest(asker, Math.max(1, s.contacts().size()))));
        }
        return datagram;
    }

    /** The Eclipse attacker's outbound lies: accept every link; leaf sets and rows name colluders that fit the asker. */
    private byte[] eclipse(NodeAddress to, PastryMessage m, byte[] datagram) {
        PastryEclipseTactics t = tactics;
        byte[] accepted = t == null ? null : t.outbound(m);
        if (accepted != null) {
            lies++;
            return accepted;
        }
        NodeId asker = askers.get(to);
        if (asker == null) {
            return datagram;
        }
        int start = t == null ? 0 : t.spread();
        if (m instanceof Pong p) {
            lies++;
            return PastryCodec.encode(p.withLeafSet(
                    colluders.forTable(asker, 0, Math.max(1, p.leafSet().size()), digitBits, start)));
        }
        if (m instanceof State s) {
            lies++;
            boolean row = s.kind() == PastryMessage.Kind.ROW;
            int n = Math.min(PastryConfig.MAX_SET, Math.max(s.contacts().size(), row ? (1 << digitBits) - 1 : 1));
            return PastryCodec.encode(new State(s.tid(), s.sender(), s.kind(), s.row(),
                    colluders.forTable(asker, row ? s.row() : 0, n, digitBits, start)));
        }
        return datagram;
    }

    /**
     * {@code replySize} made-up contacts around the key, closest first: ids key + 1, key - 1, key + 2, ... (in units of
     * 2^40), each at a host of {@link #FABRICATED_NET} derived from the key, where nobody listens.
     */
    List<Contact> fabricated(NodeId key) {
        List<Contact> out = new ArrayList<>(replySize);
        java.math.BigInteger k = PastryIds.big(key);
        java.math.BigInteger ring = java.math.BigInteger.ONE.shiftLeft(PastryIds.BITS);
        for (int i = 0; out.size() < replySize; i++) {
            long step = (long) (i / 2 + 1) << 40;
            java.math.BigInteger v = k.add(java.math.BigInteger.valueOf(i % 2 == 0 ? step : -step)).mod(ring);
            NodeId id = new NodeId(v.shiftRight(64).longValue(), v.longValue(), 0);
            int host = 1 + (int) Math.floorMod(v.longValue() >>> 40, 254L);
            out.add(new Contact(id, new NodeAddress(FABRICATED_NET | host, FABRICATED_PORT)));
        }
        return out;
    }

    private boolean hides(List<Contact> list) {
        for (Contact c : list) {
            if (colluders.suppressed(c.address())) {
                return true;
            }
        }
        return false;
    }

    private List<Contact> visible(List<Contact> list) {
        List<Contact> out = new ArrayList<>(list.size());
        for (Contact c : list) {
            if (!colluders.suppressed(c.address())) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public void close() {
        inner.close();
    }
}
