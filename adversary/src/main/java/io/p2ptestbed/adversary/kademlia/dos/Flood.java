package io.p2ptestbed.adversary.kademlia.dos;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A bounded request flood, paced by the scheduler (no threads, no sleeps). Every {@value #TICK_MILLIS}
 * ms it sends what the rate allows for the next tick, never past {@link FloodBounds#maxDatagrams} nor
 * past {@link FloodBounds#durationMillis}, then stops by itself. The tick is one millisecond so that a
 * flood is as smooth as its rate: sent in 10 ms bursts, a flood left the target idle between bursts on
 * real sockets (no latency jitter spreads the burst out there), which understated what it does. Replies from the target are matched by
 * transaction id (whose first byte is the query type) and counted per type, which measures the
 * amplification factor on real replies. announce_peer uses the latest token the target handed the
 * same source in a get_peers reply, else a random one (answered with a 203 error).
 *
 * <p>Sources stay open {@value #GRACE_MILLIS} ms after the last datagram to count late replies, then
 * close; {@link #completion()} completes then.
 */
public final class Flood {

    static final long TICK_MILLIS = 1;
    static final long GRACE_MILLIS = 2_000;

    private final FloodPlan plan;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final KrpcCodec codec = new KrpcCodec();
    private final List<Transport> sources = new ArrayList<>();
    private final NodeId[] pool;
    private final NodeId[] lastId;
    private final byte[][] tokens;
    private final long[][] counters = new long[QueryType.values().length][5];
    private final CompletableFuture<FloodStats> completion = new CompletableFuture<>();
    private Cancellable tick;
    private long sent;
    private long seq;
    private long startMillis = -1;
    private long lastStepElapsed;
    private long endMillis = -1;
    private boolean started;
    private boolean finished;

    private Flood(FloodPlan plan, AttackContext ctx) {
        this.plan = plan;
        this.scheduler = ctx.scheduler();
        this.rng = ctx.rng();
        ctx.guard().check(plan.target(), "flood target");
        this.pool = plan.ids() instanceof SourceIds.Pool p ? new NodeId[p.size()] : new NodeId[0];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = NodeId.random(rng);
        }
        this.lastId = new NodeId[plan.sourceCount()];
        this.tokens = new byte[plan.sourceCount()][];
    }

    /** Opens the source sockets (each checked by the lab guard); nothing is sent before {@link #start}. */
    public static Flood prepare(FloodPlan plan, AttackContext ctx) {
        Flood f = new Flood(plan, ctx.child());
        try {
            for (int i = 0; i < plan.sourceCount(); i++) {
                Transport t = ctx.open(plan.sources().address(i));
                int index = i;
                t.setHandler((from, data) -> f.scheduler.execute(() -> f.onDatagram(index, from, data)));
                f.sources.add(t);
            }
        } catch (RuntimeException e) {
            f.sources.forEach(Transport::close);
            throw e;
        }
        return f;
    }

    public void start() {
        scheduler.execute(() -> {
            if (started) {
                return;
            }
            started = true;
            startMillis = scheduler.nowMillis();
            step();
        });
    }

    /** Stops sending now (the bounds stop it anyway). */
    public void stop() {
        scheduler.execute(this::finish);
    }

    public CompletableFuture<FloodStats> completion() {
        return completion;
    }

    public boolean isFinished() {
        return finished;
    }

    public FloodPlan plan() {
        return plan;
    }

    public FloodStats stats() {
        Map<QueryType, TypeStats> m = new EnumMap<>(QueryType.class);
        for (QueryType t : QueryType.values()) {
            long[] c = counters[t.ordinal()];
            m.put(t, new TypeStats(c[0], c[1], c[2], c[3], c[4]));
        }
        return new FloodStats(m, startMillis, endMillis, finished);
    }

    private void step() {
        if (finished) {
            return;
        }
        FloodBounds b = plan.bounds();
        long elapsed = scheduler.nowMillis() - startMillis;
        long windowEnd = Math.min(elapsed + TICK_MILLIS, b.durationMillis());
        long due = Math.min(b.maxDatagrams(), b.ratePerSecond() * windowEnd / 1_000);
        // a tick that ran late (a busy event loop on real sockets) may catch up, but never faster than twice
        // the rate over the time since the previous tick (at least 10 ms), so the average rate holds
        long sinceLast = Math.max(10, elapsed - lastStepElapsed);
        lastStepElapsed = elapsed;
        long burstCap = 2 * (b.ratePerSecond() * sinceLast / 1_000 + 1);
        for (long n = Math.min(due - sent, burstCap); n > 0; n--) {
            sendOne();
        }
        if (windowEnd >= b.durationMillis() || sent >= b.maxDatagrams()) {
            finish();
        } else {
            tick = scheduler.schedule(TICK_MILLIS, this::step);
        }
    }

    private void sendOne() {
        int src = (int) (seq % sources.size());
        QueryType type = plan.mix().pick(rng);
        long s = seq++;
        byte[] tid = {(byte) type.ordinal(), (byte) (s >>> 16), (byte) (s >>> 8), (byte) s};
        NodeId id = senderId(s);
        lastId[src] = id;
        KrpcQuery q = switch (type) {
            case PING -> new KrpcQuery.Ping(tid, id);
            case FIND_NODE -> new KrpcQuery.FindNode(tid, id, NodeId.random(rng));
            case GET_PEERS -> new KrpcQuery.GetPeers(tid, id, NodeId.random(rng));
            case ANNOUNCE_PEER -> new KrpcQuery.AnnouncePeer(tid, id, NodeId.random(rng), 1024 + rng.nextInt(64_512),
                    tokens[src] != null ? tokens[src] : randomToken(), false);
        };
        byte[] bytes = codec.encode(q);
        long[] c = counters[type.ordinal()];
        c[0]++;
        c[1] += bytes.length;
        sent++;
        sources.get(src).send(plan.target(), bytes);
    }

    private NodeId senderId(long s) {
        if (plan.ids() instanceof SourceIds.Fixed f) {
            return f.id();
        }
        if (plan.ids() instanceof SourceIds.Fresh f) {
            return f.placement().draw((int) (s & 0x7FFFFFFF), rng);
        }
        return pool[(int) (s % pool.length)];
    }

    private byte[] randomToken() {
        byte[] t = new byte[8];
        rng.nextBytes(t);
        return t;
    }

    private void onDatagram(int src, NodeAddress from, byte[] data) {
        if (!from.equals(plan.target()) || !(codec.decode(data) instanceof KrpcDecodeResult.Decoded d)) {
            return;
        }
        KrpcMessage m = d.message();
        if (m instanceof KrpcQuery q) {
            answer(src, from, q);
            return;
        }
        byte[] tid = m.tid();
        if (tid.length != 4 || tid[0] < 0 || tid[0] >= counters.length) {
            return;
        }
        long[] c = counters[tid[0]];
        c[m instanceof KrpcError ? 3 : 2]++;
        c[4] += data.length;
        if (m instanceof KrpcResponse r && r.token() != null) {
            tokens[src] = r.token();
        }
    }

    private void answer(int src, NodeAddress from, KrpcQuery q) {
        if (!plan.answerQueries() || lastId[src] == null) {
            return;
        }
        KrpcMessage reply = q instanceof KrpcQuery.AnnouncePeer
                ? new KrpcError(q.tid(), KrpcError.PROTOCOL, "bad token")
                : new KrpcResponse(q.tid(), lastId[src], List.of(), List.of(), q instanceof KrpcQuery.GetPeers ? randomToken() : null, from);
        sources.get(src).send(from, codec.encode(reply));
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        endMillis = scheduler.nowMillis();
        if (tick != null) {
            tick.cancel();
        }
        scheduler.schedule(GRACE_MILLIS, () -> {
            sources.forEach(Transport::close);
            completion.complete(stats());
        });
    }
}
