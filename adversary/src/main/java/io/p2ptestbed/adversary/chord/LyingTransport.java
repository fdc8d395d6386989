package io.p2ptestbed.adversary.chord;

import io.p2ptestbed.adversary.lab.GuardedTransport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.chord.ChordCodec;
import io.p2ptestbed.overlay.chord.ChordDecodeResult;
import io.p2ptestbed.overlay.chord.ChordMath;
import io.p2ptestbed.overlay.chord.ChordMessage;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The transport of a colluding Chord node: an honest ChordNode runs on top (so the colluder joins and stays
 * in the ring like anyone), and this layer rewrites its outgoing replies on the real wire format according
 * to a {@link ChordLie}. It remembers the keys of inbound FIND_SUCCESSOR requests by transaction id, to know
 * what a reply is about. Every datagram goes out through a {@link GuardedTransport}: lab addresses only.
 */
public final class LyingTransport implements Transport {

    /** Where the made-up contacts of {@link ChordLie#POISON_LISTS} "live": 127.50.254.x, where nobody listens. */
    public static final int FAKE_NET = (127 << 24) | (50 << 16) | (254 << 8);

    private final Transport inner;
    private final ChordLie lie;
    private final ChordColluders colluders;
    private final Map<Integer, NodeId> askedKeys = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, NodeId> eldest) {
            return size() > 4096;
        }
    };
    private final BooleanSupplier lying;
    private final boolean learnSelf;
    private boolean learnt;
    private long lies;

    public LyingTransport(Transport inner, LabGuard guard, ChordLie lie, ChordColluders colluders) {
        this(inner, guard, lie, colluders, () -> true, false);
    }

    /**
     * A colluder among the network's own nodes (the colluding-adversary model): it lies only while {@code lying}
     * says so (from the start, or once it has turned), and joins {@code colluders} with the id of its first
     * message, so that its fellows can name it from the start.
     */
    public LyingTransport(Transport inner, LabGuard guard, ChordLie lie, ChordColluders colluders, BooleanSupplier lying,
                          boolean learnSelf) {
        this.inner = new GuardedTransport(inner, guard);
        this.lie = lie;
        this.colluders = colluders;
        this.lying = lying;
        this.learnSelf = learnSelf;
    }

    /** How many replies were rewritten or dropped. */
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
            if (lie != ChordLie.NONE && ChordCodec.decode(data) instanceof ChordDecodeResult.Decoded d
                    && d.message() instanceof ChordMessage.FindSuccessor f) {
                askedKeys.put(f.tid(), f.key());
            }
            handler.onDatagram(from, data);
        });
    }

    @Override
    public void send(NodeAddress to, byte[] datagram) {
        byte[] out = rewrite(datagram);
        if (out != null) {
            inner.send(to, out);
        }
    }

    /** The datagram to send instead (the same one when nothing to lie about), or null to drop it. */
    private byte[] rewrite(byte[] datagram) {
        if (lie == ChordLie.NONE || !(ChordCodec.decode(datagram) instanceof ChordDecodeResult.Decoded d)) {
            return datagram;
        }
        ChordMessage m = d.message();
        if (learnSelf && !learnt) {
            learnt = true;
            colluders.add(new Contact(m.sender(), inner.localAddress()));
        }
        if (!lying.getAsBoolean()) {
            if (m instanceof ChordMessage.FindSuccessorReply r) {
                askedKeys.remove(r.tid());
            }
            return datagram;
        }
        if (m instanceof ChordMessage.FindSuccessorReply r) {
            NodeId key = askedKeys.remove(r.tid());
            if (lie == ChordLie.DROP_LOOKUPS) {
                lies++;
                return null;
            }
            if (lie == ChordLie.CLAIM_KEYS && key != null) {
                List<Contact> claim = colluders.from(key, 8);
                if (!claim.isEmpty()) {
                    lies++;
                    return ChordCodec.encode(new ChordMessage.FindSuccessorReply(r.tid(), r.sender(), true, claim));
                }
            }
        }
        if (lie == ChordLie.POISON_LISTS) {
            if (m instanceof ChordMessage.PredecessorReply p) {
                lies++;
                return ChordCodec.encode(new ChordMessage.PredecessorReply(p.tid(), p.sender(), p.predecessor(),
                        poison(p.sender(), p.successors())));
            }
            if (m instanceof ChordMessage.SuccessorListReply s) {
                lies++;
                return ChordCodec.encode(new ChordMessage.SuccessorListReply(s.tid(), s.sender(), poison(s.sender(), s.successors())));
            }
        }
        return datagram;
    }

    /** The honest first entry, then made-up contacts right after it. */
    private static List<Contact> poison(@SuppressWarnings("unused") NodeId liar, List<Contact> honest) {
        List<Contact> out = new ArrayList<>();
        NodeId next = honest.isEmpty() ? liar : honest.get(0).id();
        if (!honest.isEmpty()) {
            out.add(honest.get(0));
        }
        for (int i = 1; i < Math.max(2, honest.size()) && out.size() < 8; i++) {
            // plausible ids: just after the honest first entry (2^100 is tiny next to a gap of ~2^160 / N)
            NodeId id = ChordMath.plusPowerOfTwo(next, 100 + i);
            out.add(new Contact(id, new NodeAddress(FAKE_NET | (i & 0xFF), 7)));
        }
        return out;
    }

    @Override
    public void close() {
        inner.close();
    }
}
