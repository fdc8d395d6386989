package io.p2ptestbed.adversary.bitcoin;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.bitcoin.BitcoinCodec;
import io.p2ptestbed.overlay.bitcoin.BitcoinNode;
import io.p2ptestbed.overlay.bitcoin.Message;
import io.p2ptestbed.overlay.bitcoin.Message.Addr;
import io.p2ptestbed.overlay.bitcoin.Message.NetAddr;
import io.p2ptestbed.overlay.bitcoin.Message.Ping;
import io.p2ptestbed.overlay.bitcoin.Message.Pong;
import io.p2ptestbed.overlay.bitcoin.Message.TimedAddr;
import io.p2ptestbed.overlay.bitcoin.Message.Verack;
import io.p2ptestbed.overlay.bitcoin.Message.Version;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * One attacker address of Heilman et al.'s eclipse, speaking Bitcoin's wire format on the stream transport. It
 * accepts connections (a victim's outbound connection to it completes the handshake and is then held: it
 * answers pings, relays nothing, and never closes), and on command it connects to a victim: {@link #visit}
 * shakes hands with a version naming its own address (so a bitcoind 0.9.3 victim puts it into "tried"), sends
 * addr messages of trash addresses (where nothing listens) to overwrite the victim's "new" table, and leaves;
 * {@link #hold} shakes hands and keeps the connection, to occupy an inbound slot. Every target passes the
 * {@link LabGuard}.
 */
public final class BitcoinSybil implements OverlayNode {

    private final NodeAddress address;
    private final StreamTransport streams;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final LabGuard guard;
    private final BitcoinCodec codec = new BitcoinCodec(4_000_000);
    private final Map<Long, Connection> held = new LinkedHashMap<>();
    private long visits;
    /** Visits commanded whose handshake has neither completed nor failed yet (read from any thread). */
    private final AtomicInteger unsettled = new AtomicInteger();
    private long accepted;
    private long malformed;
    private boolean running;

    public BitcoinSybil(NodeAddress address, StreamTransport streams, Scheduler scheduler, RandomGenerator rng, LabGuard guard) {
        this.address = guard.check(address, "bitcoin sybil bind address");
        this.streams = streams;
        this.scheduler = scheduler;
        this.rng = rng;
        this.guard = guard;
    }

    /** The contact the victim sees for this address (honest bitcoin ids are the SHA-1 of the address). */
    public Contact asContact() {
        return new Contact(NodeId.ofAddress(address), address);
    }

    private Version version(NodeAddress to) {
        return new Version(BitcoinCodec.PROTOCOL_VERSION, 1, BitcoinNode.LAB_EPOCH_SECONDS + scheduler.nowMillis() / 1000,
                new NetAddr(1, to.ip(), to.port()), new NetAddr(1, address.ip(), address.port()), rng.nextLong(),
                "/Satoshi:0.9.3/", 0, true);
    }

    /**
     * Connects to {@code victim}, shakes hands, sends {@code trash} as addr messages of at most 1,000 entries (time
     * stamped now), and closes after {@code lingerMillis}.
     */
    public void visit(NodeAddress victim, List<NodeAddress> trash, long lingerMillis) {
        guard.check(victim, "eclipse victim");
        unsettled.incrementAndGet();
        scheduler.execute(() -> streams.connect(victim, new Outbound(victim, trash, lingerMillis)));
    }

    /**
     * Visits (and holds) commanded but not yet settled: settled once the victim's verack came (the trash then sent),
     * or the connection failed or closed before it. On the wall clock a loaded machine runs visits behind their
     * schedule; this says how many are still to land. Safe to read from any thread.
     */
    public int unsettledVisits() {
        return unsettled.get();
    }

    /** Connects to {@code victim} and holds the connection (an inbound slot of the victim's). */
    public void hold(NodeAddress victim) {
        visit(victim, List.of(), -1);
    }

    /** Connections held now (inbound slots of victims, or victims' outbound connections to this address). */
    public int held() {
        int n = 0;
        for (Connection c : held.values()) {
            if (c.isOpen()) {
                n++;
            }
        }
        return n;
    }

    /** What both directions share: pings answered, malformed frames reset, closed connections forgotten. */
    private abstract class Side implements ConnectionHandler {
        @Override
        public void frame(Connection c, byte[] frame) {
            Message m = decode(c, frame);
            if (m instanceof Ping p) {
                c.send(codec.encode(new Pong(p.nonce())));
            } else if (m != null) {
                on(c, m);
            }
        }

        abstract void on(Connection c, Message m);

        @Override
        public void closed(Connection c, CloseReason reason) {
            held.remove(c.id());
        }
    }

    private final class Outbound extends Side {
        final NodeAddress victim;
        final List<NodeAddress> trash;
        final long lingerMillis;
        boolean settled;

        Outbound(NodeAddress victim, List<NodeAddress> trash, long lingerMillis) {
            this.victim = victim;
            this.trash = trash;
            this.lingerMillis = lingerMillis;
        }

        void settle() {
            if (!settled) {
                settled = true;
                unsettled.decrementAndGet();
            }
        }

        @Override
        public void failed(NodeAddress to, CloseReason reason) {
            settle();
        }

        @Override
        public void closed(Connection c, CloseReason reason) {
            super.closed(c, reason);
            settle();
        }

        @Override
        public void opened(Connection c) {
            visits++;
            held.put(c.id(), c);
            c.send(codec.encode(version(victim)));
        }

        @Override
        void on(Connection c, Message m) {
            if (m instanceof Verack) {
                long now = BitcoinNode.LAB_EPOCH_SECONDS + scheduler.nowMillis() / 1000;
                for (int i = 0; i < trash.size(); i += BitcoinCodec.MAX_ADDR) {
                    List<TimedAddr> batch = new ArrayList<>();
                    for (NodeAddress t : trash.subList(i, Math.min(trash.size(), i + BitcoinCodec.MAX_ADDR))) {
                        batch.add(new TimedAddr(now, new NetAddr(1, t.ip(), t.port())));
                    }
                    c.send(codec.encode(new Addr(batch)));
                }
                settle();
                if (lingerMillis >= 0) {
                    scheduler.schedule(lingerMillis, c::close);
                }
            } else if (m instanceof Version) {
                c.send(codec.encode(new Verack()));
            }
        }
    }

    private Message decode(Connection c, byte[] frame) {
        try {
            return codec.decode(frame);
        } catch (BitcoinCodec.Malformed e) {
            malformed++;
            c.reset();
            return null;
        }
    }

    /** Victims' outbound connections to this address: complete the handshake, then hold. */
    private final class Inbound extends Side {
        @Override
        public void opened(Connection c) {
            accepted++;
            held.put(c.id(), c);
        }

        @Override
        void on(Connection c, Message m) {
            if (m instanceof Version) {
                c.send(codec.encode(version(c.remote())));
                c.send(codec.encode(new Verack()));
            }
        }
    }

    // --- OverlayNode (so that runtimes can boot it next to honest nodes) ---

    @Override
    public String protocol() {
        return BitcoinNode.PROTOCOL;
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
        if (!running) {
            running = true;
            streams.listen(new Inbound());
        }
    }

    @Override
    public CompletableFuture<Void> join(List<NodeAddress> seeds) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void stop() {
        if (running) {
            running = false;
            streams.close();
        }
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
        m.put("sybil.visits", visits);
        m.put("sybil.accepted", accepted);
        m.put("sybil.held", (long) held());
        m.put("sybil.malformed", malformed);
        return m;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return type == BitcoinSybil.class ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
