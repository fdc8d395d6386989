package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * An in-memory datagram network on virtual time. Datagrams are the real encoded bytes; each one is
 * delayed by the latency model, may be lost, and passes through the installed {@link LinkFilter}s.
 * All randomness comes from the generator handed in (derived from the scenario seed).
 *
 * <p><b>Shards.</b> The network can also span several schedulers ("shards", each driven by its own thread
 * in windows of virtual time, see the harness's {@code ShardedClock}). Each endpoint belongs to one shard.
 * A datagram to an endpoint of the same shard is scheduled there at once; one to another shard waits in an
 * outbox, and the receiving shard takes its outboxes in at the start of the next window
 * ({@link #drainOutboxes(int)}), in a fixed order (by sending shard, then sending order). Outboxes come in
 * two sets: shards fill one during a window while each drains its own column of the other, so the
 * receivers can drain in parallel. That is safe when no datagram arrives within the window it was sent in,
 * which holds when windows are no longer than the minimum latency. Each shard draws latency and loss from its own
 * generator, so a run is a pure function of the seed and the number of shards. Link filters (faults) are
 * refused on a sharded network: they may share state across shards. {@link SimStreams} sends its segments
 * through the same outboxes ({@link #post}).
 */
public final class SimNetwork {

    private final VirtualScheduler[] schedulers;
    /** Per shard: its generator and counters, each shard's on cache lines of its own. */
    private final Lane[] lanes;
    /** outboxes[set][from][to]: datagrams from shard {@code from} to shard {@code to}, waiting for the next window. */
    private final Outbox[][][] outboxes;
    /** The set of outboxes that shards fill in the current window; the other one is being drained. */
    private int filling;
    private final EndpointTable endpoints = new EndpointTable();
    private final List<LinkFilter> filters = new CopyOnWriteArrayList<>();
    private LatencyModel latency;
    private double lossRate;
    /**
     * The shortest delay of anything that crosses shards (the window of the clock that runs them); 1 until
     * {@link #setLookahead} says otherwise.
     */
    private long lookahead = 1;

    /**
     * One shard's mutable network state: counters (each shard counts on its own thread; sums are read
     * between windows), the earliest delivery time it put in the filling outboxes, and, on a sharded
     * network, its random stream. Shards running on different threads write these on every datagram, so
     * the hot fields sit between padding: two shards never share a cache line (which would cost a
     * transfer between cores on each write).
     */
    @SuppressWarnings("unused")
    static final class Lane implements RandomGenerator {
        private long p0, p1, p2, p3, p4, p5, p6, p7;
        long sent;
        long delivered;
        long dropped;
        long bytes;
        /** The earliest delivery time this shard put in the filling set of outboxes, or Long.MAX_VALUE. */
        long fillMin = Long.MAX_VALUE;
        /** SplitMix64 state: the same stream as {@code new SplittableRandom(seed)}. */
        private long seed;
        /** The generator to draw from: this lane's own stream, or one handed in (single shard). */
        RandomGenerator rng;
        private long q0, q1, q2, q3, q4, q5, q6, q7;

        Lane(long seed) {
            this.seed = seed;
            this.rng = this;
        }

        Lane(RandomGenerator rng) {
            this.rng = rng;
        }

        @Override
        public long nextLong() {
            long z = seed += 0x9e3779b97f4a7c15L;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    /** A network on one scheduler, drawing latency and loss from {@code rng}. */
    public SimNetwork(VirtualScheduler scheduler, RandomGenerator rng, LatencyModel latency, double lossRate) {
        this(new VirtualScheduler[] {scheduler}, new Lane[] {new Lane(rng)}, latency, lossRate);
    }

    /**
     * A network over several shards: endpoint {@code i} of {@link #open(NodeAddress, int)} runs on
     * {@code schedulers[shard]}. Shard i draws latency and loss from the stream of
     * {@code new SplittableRandom(shardSeeds[i])}, kept with its counters on cache lines of its own.
     */
    public SimNetwork(VirtualScheduler[] schedulers, long[] shardSeeds, LatencyModel latency, double lossRate) {
        this(schedulers, lanes(schedulers, shardSeeds), latency, lossRate);
    }

    private static Lane[] lanes(VirtualScheduler[] schedulers, long[] shardSeeds) {
        if (schedulers.length == 0 || schedulers.length != shardSeeds.length) {
            throw new IllegalArgumentException("one seed per shard, and at least one shard");
        }
        Lane[] lanes = new Lane[shardSeeds.length];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(shardSeeds[i]);
        }
        return lanes;
    }

    private SimNetwork(VirtualScheduler[] schedulers, Lane[] lanes, LatencyModel latency, double lossRate) {
        this.schedulers = schedulers.clone();
        this.lanes = lanes;
        this.outboxes = new Outbox[2][schedulers.length][schedulers.length];
        for (Outbox[][] set : outboxes) {
            for (Outbox[] row : set) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = new Outbox();
                }
            }
        }
        this.latency = latency;
        setLossRate(lossRate);
    }

    public Transport open(NodeAddress address) {
        return open(address, 0);
    }

    /** Opens an endpoint on shard {@code shard}: its datagrams are delivered by that shard's scheduler. */
    public Transport open(NodeAddress address, int shard) {
        if (endpoints.containsKey(address)) {
            throw new IllegalStateException("address already in use: " + address);
        }
        if (shard < 0 || shard >= schedulers.length) {
            throw new IllegalArgumentException("shard " + shard + " out of range [0, " + schedulers.length + ")");
        }
        Endpoint e = new Endpoint(address, shard);
        endpoints.put(address, e);
        return e;
    }

    public int shards() {
        return schedulers.length;
    }

    /**
     * Moves the datagrams sent to shard {@code to} in the previous window into its scheduler: by sending
     * shard, then sending order. Call on the thread that runs shard {@code to}, at the start of each window
     * and before its events; every shard must drain in every window (see {@link #swapOutboxes()}).
     */
    public void drainOutboxes(int to) {
        Outbox[][] set = outboxes[filling ^ 1];
        for (int from = 0; from < schedulers.length; from++) {
            set[from][to].drainInto(schedulers[to]);
        }
    }

    /**
     * Ends a window: the outboxes filled in it become the ones to drain, and the drained ones are filled
     * next. Returns the earliest delivery time among the datagrams now waiting, or Long.MAX_VALUE. Call
     * between windows, with no shard running, after every shard drained.
     */
    public long swapOutboxes() {
        long min = Long.MAX_VALUE;
        for (Lane lane : lanes) {
            min = Math.min(min, lane.fillMin);
            lane.fillMin = Long.MAX_VALUE;
        }
        filling ^= 1;
        return min;
    }

    /**
     * The earliest delivery time in the set of outboxes being filled, or Long.MAX_VALUE. Between windows that set holds
     * only what the harness sent since the last window (nodes it called into, kills), which the shards take in a
     * window later than what the last window sent.
     */
    public long fillingMin() {
        long min = Long.MAX_VALUE;
        for (Lane lane : lanes) {
            min = Math.min(min, lane.fillMin);
        }
        return min;
    }

    /** Datagrams waiting in outboxes; 0 on a single shard. */
    public int inOutboxes() {
        int n = 0;
        for (Outbox[][] set : outboxes) {
            for (Outbox[] row : set) {
                for (Outbox o : row) {
                    n += o.size;
                }
            }
        }
        return n;
    }

    /** Datagrams that crossed shards: a growable pair of arrays, filled by one shard, drained between windows. */
    private static final class Outbox {
        long[] at = new long[64];
        Runnable[] task = new Runnable[64];
        int size;

        void add(long when, Runnable t) {
            if (size == at.length) {
                at = java.util.Arrays.copyOf(at, size * 2);
                task = java.util.Arrays.copyOf(task, size * 2);
            }
            at[size] = when;
            task[size++] = t;
        }

        void drainInto(VirtualScheduler s) {
            for (int i = 0; i < size; i++) {
                s.scheduleAt(at[i], task[i]);
                task[i] = null;
            }
            size = 0;
        }
    }

    public boolean isOpen(NodeAddress address) {
        return endpoints.containsKey(address);
    }

    public void addFilter(LinkFilter f) {
        if (schedulers.length > 1) {
            throw new IllegalStateException("link filters (faults) need a single-shard network; this one has "
                    + schedulers.length + " shards");
        }
        filters.add(f);
    }

    public void removeFilter(LinkFilter f) {
        filters.remove(f);
    }

    public LatencyModel latency() {
        return latency;
    }

    public void setLatency(LatencyModel latency) {
        this.latency = latency;
    }

    public void setLossRate(double lossRate) {
        if (lossRate < 0 || lossRate >= 1) {
            throw new IllegalArgumentException("loss rate must be in [0, 1), got " + lossRate);
        }
        this.lossRate = lossRate;
    }

    /** The scheduler of a single-shard network. */
    public VirtualScheduler scheduler() {
        if (schedulers.length > 1) {
            throw new IllegalStateException("this network runs on " + schedulers.length + " shards, each with its own "
                    + "scheduler; attacks and faults need a single-shard network");
        }
        return schedulers[0];
    }

    private long count(java.util.function.ToLongFunction<Lane> what) {
        long n = 0;
        for (Lane lane : lanes) {
            n += what.applyAsLong(lane);
        }
        return n;
    }

    public long sentDatagrams() {
        return count(l -> l.sent);
    }

    public long deliveredDatagrams() {
        return count(l -> l.delivered);
    }

    public long droppedDatagrams() {
        return count(l -> l.dropped);
    }

    public long sentBytes() {
        return count(l -> l.bytes);
    }

    /** The scheduler of shard {@code shard}. */
    VirtualScheduler scheduler(int shard) {
        return schedulers[shard];
    }

    /** Sets the window length of the clock that runs this network's shards (its minimum latency). */
    public void setLookahead(long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("lookahead must be at least 1 ms, got " + millis);
        }
        this.lookahead = millis;
    }

    /**
     * Runs {@code task} on shard {@code to} {@code delay} ms from now (as shard {@code from} sees it), and at least
     * the lookahead later when it crosses shards: then it waits in the outbox from {@code from} to {@code to}, as a
     * datagram would. Call on the thread running shard {@code from}. Returns the instant it runs at. For
     * {@link SimStreams}' segments.
     */
    long post(int from, int to, long delay, Runnable task) {
        VirtualScheduler s = schedulers[from];
        if (from == to) {
            s.schedule(delay, task);
            return s.nowMillis() + delay;
        }
        long at = s.nowMillis() + Math.max(delay, lookahead);
        outboxes[filling][from][to].add(at, task);
        Lane lane = lanes[from];
        if (at < lane.fillMin) {
            lane.fillMin = at;
        }
        return at;
    }

    /**
     * What the network does to one stream segment from {@code from} to {@code to} now, sent by shard
     * {@code shard}: the loss rate and the installed link filters (partitions, delay...), drawn from that
     * shard's generator. For {@link SimStreams}.
     */
    LinkEffect segmentEffect(int shard, NodeAddress from, NodeAddress to) {
        RandomGenerator rng = lanes[shard].rng;
        if (lossRate > 0 && rng.nextDouble() < lossRate) {
            return LinkEffect.DROP;
        }
        return filters.isEmpty() ? LinkEffect.NONE : filtered(from, to, rng);
    }

    /**
     * The combined effect of the installed link filters. Only called when there are some: iterating the (empty)
     * copy-on-write list allocated an iterator per segment, a twelfth of the Bitcoin relay's allocation (session 16).
     */
    private LinkEffect filtered(NodeAddress from, NodeAddress to, RandomGenerator rng) {
        LinkEffect effect = LinkEffect.NONE;
        for (LinkFilter f : filters) {
            effect = effect.combine(f.apply(from, to, rng));
        }
        return effect;
    }

    /** One one-way delay from the latency model, drawn from shard {@code shard}'s generator. */
    long sampleLatency(int shard, NodeAddress from, NodeAddress to) {
        return latency.sampleMillis(from, to, lanes[shard].rng);
    }

    private void send(Endpoint sender, NodeAddress to, byte[] data) {
        int shard = sender.shard;
        NodeAddress from = sender.address;
        Lane lane = lanes[shard];
        RandomGenerator rng = lane.rng;
        lane.sent++;
        lane.bytes += data.length;
        if (lossRate > 0 && rng.nextDouble() < lossRate) {
            lane.dropped++;
            return;
        }
        LinkEffect effect = filters.isEmpty() ? LinkEffect.NONE : filtered(from, to, rng);
        if (effect.drop()) {
            lane.dropped++;
            return;
        }
        Endpoint target = endpoints.get(to);
        VirtualScheduler scheduler = schedulers[shard];
        for (int copy = 0; copy <= effect.extraCopies(); copy++) {
            long delay = latency.sampleMillis(from, to, rng) + effect.extraDelayMillis();
            if (target == null || target.shard == shard) {
                scheduler.schedule(delay, () -> deliver(from, to, target, data, shard));
            } else {
                // another shard's: it gets the datagram at the end of this window, well before it is due
                long at = scheduler.nowMillis() + Math.max(0, delay);
                outboxes[filling][shard][target.shard].add(at, () -> deliver(from, to, target, data, target.shard));
                if (at < lane.fillMin) {
                    lane.fillMin = at;
                }
            }
        }
    }

    /**
     * Delivers to whatever endpoint holds {@code to} now; {@code target} is the one that held it at sending.
     * {@code shard} is the shard delivering; an endpoint opened since on another shard does not get it.
     */
    private void deliver(NodeAddress from, NodeAddress to, Endpoint target, byte[] data, int shard) {
        // An endpoint is in the map exactly while it is open, so an open target is still the one at `to`.
        Endpoint e = target != null && target.open ? target : endpoints.get(to);
        Lane lane = lanes[shard];
        if (e == null || e.handler == null || e.shard != shard) {
            lane.dropped++;
            return;
        }
        lane.delivered++;
        e.handler.onDatagram(from, data);
    }

    /**
     * Open endpoints by address: open addressing on the packed (ip, port), so that a send costs one probe
     * into a flat array instead of a HashMap node and a record's equals.
     */
    private static final class EndpointTable {
        private long[] keys = new long[64]; // (ip << 16 | port) + 1; 0 marks a free slot
        private Endpoint[] values = new Endpoint[64];
        private int size;

        private static long key(NodeAddress a) {
            return ((a.ip() & 0xFFFFFFFFL) << 16 | a.port()) + 1;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        Endpoint get(NodeAddress a) {
            long k = key(a);
            int mask = keys.length - 1;
            for (int i = slot(k, mask); ; i = (i + 1) & mask) {
                long at = keys[i];
                if (at == k) {
                    return values[i];
                }
                if (at == 0) {
                    return null;
                }
            }
        }

        boolean containsKey(NodeAddress a) {
            return get(a) != null;
        }

        void put(NodeAddress a, Endpoint e) {
            if ((size + 1) * 2 > keys.length) {
                long[] oldKeys = keys;
                Endpoint[] oldValues = values;
                keys = new long[oldKeys.length * 2];
                values = new Endpoint[oldKeys.length * 2];
                size = 0;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != 0) {
                        insert(oldKeys[i], oldValues[i]);
                    }
                }
            }
            insert(key(a), e);
        }

        private void insert(long k, Endpoint e) {
            int mask = keys.length - 1;
            int i = slot(k, mask);
            while (keys[i] != 0 && keys[i] != k) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                size++;
            }
            keys[i] = k;
            values[i] = e;
        }

        /** Removes {@code a} if it maps to {@code e} (backward-shift deletion keeps probe chains intact). */
        void remove(NodeAddress a, Endpoint e) {
            long k = key(a);
            int mask = keys.length - 1;
            int i = slot(k, mask);
            while (keys[i] != k) {
                if (keys[i] == 0) {
                    return;
                }
                i = (i + 1) & mask;
            }
            if (values[i] != e) {
                return;
            }
            size--;
            int gap = i;
            for (int j = (gap + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
                int home = slot(keys[j], mask);
                // Move j back into the gap unless its home lies cyclically in (gap, j].
                boolean stays = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
                if (!stays) {
                    keys[gap] = keys[j];
                    values[gap] = values[j];
                    gap = j;
                }
            }
            keys[gap] = 0;
            values[gap] = null;
        }
    }

    private final class Endpoint implements Transport {
        final NodeAddress address;
        final int shard;
        DatagramHandler handler;
        boolean open = true;

        Endpoint(NodeAddress address, int shard) {
            this.address = address;
            this.shard = shard;
        }

        @Override
        public NodeAddress localAddress() {
            return address;
        }

        @Override
        public void send(NodeAddress to, byte[] datagram) {
            if (open) {
                SimNetwork.this.send(this, to, datagram.clone()); // like real UDP: the sender may reuse its buffer
            }
        }

        @Override
        public void sendOwned(NodeAddress to, byte[] datagram) {
            if (open) {
                SimNetwork.this.send(this, to, datagram);
            }
        }

        @Override
        public void setHandler(DatagramHandler handler) {
            this.handler = handler;
        }

        @Override
        public void close() {
            open = false;
            endpoints.remove(address, this);
        }
    }
}
