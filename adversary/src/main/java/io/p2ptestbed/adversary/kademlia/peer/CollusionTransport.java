package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.lab.GuardedTransport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.sybil.Ids;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The transport of a Kademlia node that may collude ({@link CollusionPlan}): an honest KademliaNode runs on
 * top (so the colluder joins, keeps its table and answers pings like anyone), and this layer rewrites its
 * find_node and get_peers replies on the real BEP 5 wire format, once the plan's presence says it lies:
 * <ul>
 *   <li>{@link ColluderStrategy#CLOSEST_COLLUDERS}: the k colluders closest to the key (itself excluded);</li>
 *   <li>{@link ColluderStrategy#FRESH_COLLUDERS}: the k closest colluders the querier was neither given nor
 *       has queried for this key ({@link Collusion#freshMembers});</li>
 *   <li>{@link ColluderStrategy#FABRICATED_CONTACTS}: k made-up ids sharing 64 bits with the key, at
 *       {@link #FABRICATED_NET} where nobody listens;</li>
 *   <li>{@link ColluderStrategy#DROP}: no reply;</li>
 *   <li>{@link ColluderStrategy#SAME_FEW_COLLUDERS}: the k closest colluders that are closer to the key than
 *       this one (the old model: the same few to everyone).</li>
 * </ul>
 * get_peers replies keep their token and lose their values. It remembers inbound queries by querier and
 * transaction id to know what a reply is about (bounded). Every datagram passes the lab guard.
 */
public final class CollusionTransport implements Transport {

    /** Where fabricated contacts "live": 127.250.255.x port 7, outside every lab address plan. */
    public static final int FABRICATED_NET = (127 << 24) | (250 << 16) | (255 << 8);
    public static final int FABRICATED_PORT = 7;
    private static final int REMEMBERED = 4096;

    private final Transport inner;
    private final CollusionPlan plan;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final KrpcCodec codec = new KrpcCodec();
    /** Synchronized: on real sockets datagrams arrive on the transport's thread, replies leave on the node's. */
    private final Map<String, NodeId> asked = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, NodeId> eldest) {
            return size() > REMEMBERED;
        }
    });
    private volatile NodeId self;

    public CollusionTransport(Transport inner, LabGuard guard, CollusionPlan plan, Scheduler scheduler, RandomGenerator rng) {
        this.inner = new GuardedTransport(inner, guard);
        this.plan = plan;
        this.scheduler = scheduler;
        this.rng = rng;
    }

    private boolean lying() {
        return plan.isColluder(inner.localAddress()) && plan.presence().lyingAt(scheduler.nowMillis());
    }

    @Override
    public NodeAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void setHandler(DatagramHandler handler) {
        inner.setHandler(handler == null ? null : (from, data) -> {
            remember(from, data);
            handler.onDatagram(from, data);
        });
    }

    /** Notes what an inbound find_node or get_peers is about, to know what this node's reply answers. */
    private void remember(NodeAddress from, byte[] data) {
        if (plan.isColluder(inner.localAddress()) && codec.decode(data) instanceof KrpcDecodeResult.Decoded d
                && d.message() instanceof KrpcQuery q) {
            NodeId key = Replies.lookupTarget(q);
            if (key != null) {
                asked.put(key(from, q.tid()), key);
            }
        }
    }

    @Override
    public void send(NodeAddress to, byte[] datagram) {
        byte[] out = rewrite(to, datagram);
        if (out != null) {
            inner.send(to, out);
        }
    }

    /** The datagram to send instead (the same one when there is nothing to lie about), or null to drop it. */
    private byte[] rewrite(NodeAddress to, byte[] datagram) {
        if (!plan.isColluder(inner.localAddress())) {
            return datagram;
        }
        if (!(codec.decode(datagram) instanceof KrpcDecodeResult.Decoded d)) {
            return datagram;
        }
        KrpcMessage m = d.message();
        if (self == null) {
            NodeId sender = m instanceof KrpcQuery q ? q.sender() : m instanceof KrpcResponse r ? r.sender() : null;
            if (sender != null) {
                self = sender;
                plan.learn(sender, inner.localAddress());
            }
        }
        if (!(m instanceof KrpcResponse r)) {
            return datagram;
        }
        NodeId key = asked.remove(key(to, r.tid()));
        if (key == null || !lying()) {
            return datagram;
        }
        plan.lied();
        ColluderStrategy s = plan.strategy();
        if (s == ColluderStrategy.DROP) {
            return null;
        }
        List<Contact> nodes = switch (s) {
            case CLOSEST_COLLUDERS -> plan.collusion().closestMembers(key, plan.k(), self);
            case FRESH_COLLUDERS -> {
                plan.collusion().markUsed(to, key, self);
                yield plan.collusion().freshMembers(to, key, plan.k(), self);
            }
            case SAME_FEW_COLLUDERS -> closerThanSelf(key);
            case FABRICATED_CONTACTS -> fabricated(key);
            case DROP -> throw new AssertionError("handled above");
        };
        return codec.encode(new KrpcResponse(r.tid(), r.sender(), nodes, List.of(), r.token(), r.requesterIp()));
    }

    private List<Contact> closerThanSelf(NodeId key) {
        List<Contact> out = new ArrayList<>(plan.k());
        for (Contact c : plan.collusion().closestMembers(key, plan.k(), self)) {
            if (self == null || key.compareDistance(c.id(), self) < 0) {
                out.add(c);
            }
        }
        return out;
    }

    private List<Contact> fabricated(NodeId key) {
        List<Contact> out = new ArrayList<>(plan.k());
        for (int i = 0; i < plan.k(); i++) {
            NodeId id = Ids.withPrefix(key, NodeId.random(rng), 64);
            out.add(new Contact(id, new NodeAddress(FABRICATED_NET | (1 + rng.nextInt(254)), FABRICATED_PORT)));
        }
        return out;
    }

    private static String key(NodeAddress peer, byte[] tid) {
        return peer + "/" + HexFormat.of().formatHex(tid);
    }

    @Override
    public void close() {
        inner.close();
    }
}
