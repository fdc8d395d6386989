package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.CompactContacts;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kademlia routing table: 160 k-buckets indexed by XOR distance ({@code 159 - commonPrefixLength}).
 * A full bucket keeps its live old contacts (when {@code preferOldContacts}); the caller pings the
 * eviction candidate and calls {@link #evict} on timeout. Every insertion returns an {@link InsertOutcome}.
 */
public final class RoutingTable {

    private final NodeId self;
    private volatile NodeConfig config;
    private final Clock clock;
    /** Entries keep their last-seen time relative to this (see {@link KBucket}). */
    private final long epoch;
    /**
     * Bucket {@code index} sits at {@code buckets[BITS - 1 - index]} (by common prefix length with self):
     * a table holds buckets from 159 down to {@link #lowest}, some 20 of the 160 in a large network, so the
     * array grows with the deepest bucket instead of taking 160 slots per node.
     */
    private KBucket[] buckets = new KBucket[4];
    private volatile List<ContactPolicy> policies = List.of();
    private int size;
    /** The lowest index of a bucket ever created. */
    private int lowest = NodeId.BITS;

    public RoutingTable(NodeId self, NodeConfig config, Clock clock) {
        this.self = self;
        this.config = config;
        this.clock = clock;
        this.epoch = clock.nowMillis();
    }

    public NodeId self() {
        return self;
    }

    public int bucketIndex(NodeId id) {
        return NodeId.BITS - 1 - self.commonPrefixLength(id);
    }

    /** Swaps the parameters (the node does so to switch eviction rules at run time); bucket contents stay. */
    void setConfig(NodeConfig config) {
        this.config = config;
    }

    public void addPolicy(ContactPolicy p) {
        synchronized (this) {
            policies = CowList.plus(policies, p);
        }
    }

    public void removePolicy(ContactPolicy p) {
        synchronized (this) {
            policies = CowList.minus(policies, p);
        }
    }

    private static final InsertOutcome.AlreadyExisted[] EXISTED = new InsertOutcome.AlreadyExisted[NodeId.BITS];

    static {
        for (int i = 0; i < NodeId.BITS; i++) {
            EXISTED[i] = new InsertOutcome.AlreadyExisted(i);
        }
    }

    public InsertOutcome insert(Contact c) {
        if (c.id().equals(self)) {
            return new InsertOutcome.Rejected("self");
        }
        int index = bucketIndex(c.id());
        KBucket b = bucket(index);
        long now = clock.nowMillis();
        int existing = b.find(c.id());
        if (existing >= 0) {
            if (!b.hasAddress(existing, c.address())) {
                return new InsertOutcome.Rejected("id already known at " + b.address(existing));
            }
            b.touch(existing, now, epoch);
            return EXISTED[index];
        }
        for (ContactPolicy p : policies) {
            Optional<String> reason = p.check(c, this, index);
            if (reason.isPresent()) {
                return new InsertOutcome.Rejected(reason.get());
            }
        }
        NodeConfig cfg = config;
        if (b.size < cfg.k()) {
            add(b, c, now);
            return new InsertOutcome.Added(index, null);
        }
        int bad = b.firstBad(cfg.maxFailures());
        if (bad < 0 && !cfg.preferOldContacts()) {
            bad = 0;
        }
        if (bad >= 0) {
            Contact replaced = b.contact(bad);
            b.removeAt(bad);
            size--;
            add(b, c, now);
            return new InsertOutcome.Added(index, replaced);
        }
        b.addReplacement(c, cfg.replacementCacheSize());
        return new InsertOutcome.BucketFull(index, b.contact(0));
    }

    private void add(KBucket b, Contact c, long now) {
        b.add(c, now, config.k(), epoch);
        size++;
    }

    /** Records a reply (or query) from a contact already in the table. */
    public void seen(NodeId id) {
        KBucket b = at(bucketIndex(id));
        int i = b == null ? -1 : b.find(id);
        if (i >= 0) {
            b.touch(i, clock.nowMillis(), epoch);
        }
    }

    /** Records a failed query; a contact past {@code maxFailures} is replaced when the cache has someone. */
    public void failed(NodeId id) {
        KBucket b = at(bucketIndex(id));
        int i = b == null ? -1 : b.find(id);
        if (i < 0) {
            return;
        }
        if (b.failed(i) >= config.maxFailures() && b.replSize > 0) {
            evict(id);
        }
    }

    /** Removes a contact and promotes the most recent replacement. Returns whether it was present. */
    public boolean evict(NodeId id) {
        KBucket b = at(bucketIndex(id));
        int i = b == null ? -1 : b.find(id);
        if (i < 0) {
            return false;
        }
        b.removeAt(i);
        size--;
        long now = clock.nowMillis();
        b.lastChanged = now;
        Contact promoted = b.pollReplacement();
        if (promoted != null) {
            add(b, promoted, now);
        }
        return true;
    }

    public boolean contains(NodeId id) {
        KBucket b = at(bucketIndex(id));
        return b != null && b.find(id) >= 0;
    }

    /** The entry for {@code id} (a snapshot), or null when it is not in the table. */
    public RoutingEntry entry(NodeId id) {
        KBucket b = at(bucketIndex(id));
        int i = b == null ? -1 : b.find(id);
        return i < 0 ? null : b.entry(i, epoch);
    }

    /**
     * Whether the contact {@code c} (id and address) is in the table and questionable: it failed a query
     * since it was last seen, or has not been seen for {@code staleMillis}.
     */
    boolean isQuestionable(Contact c, long now, long staleMillis) {
        KBucket b = at(bucketIndex(c.id()));
        int i = b == null ? -1 : b.find(c.id());
        if (i < 0 || !b.hasAddress(i, c.address())) {
            return false;
        }
        return b.failures(i) > 0 || now - b.lastSeen(i, epoch) >= staleMillis;
    }

    /**
     * The {@code n} contacts closest to {@code target} by XOR distance, closest first.
     *
     * <p>Buckets are visited in exact distance order instead of sorting the whole table. Let
     * d = self XOR target and t the bucket of the target. Bucket t holds the closest contacts. Among the
     * buckets below t, bucket b beats every lower bucket when bit b of d is 1 and loses to every lower
     * bucket when it is 0; so they come as "bit set, descending" then "bit clear, ascending". Buckets
     * above t follow in ascending order. Whole buckets are collected until n contacts are in hand, and
     * only those are sorted.
     */
    public List<Contact> closest(NodeId target, int n) {
        return closest(target, n, true);
    }

    /**
     * The {@code n} closest contacts; with {@code ordered} false they come in no particular order, which
     * is all a find_node reply needs and saves the sorting. Each bucket is one distance class, so only
     * the bucket that overflows {@code n} is sorted to pick its closest members. The unordered list is a
     * {@link CompactContacts}, written straight from the buckets in the form a reply carries.
     */
    public List<Contact> closest(NodeId target, int n, boolean ordered) {
        Selection sel = new Selection(n, target, ordered);
        int t = target.equals(self) ? -1 : bucketIndex(target);
        NodeId d = self.xor(target);
        if (t >= 0) {
            sel.collect(at(t));
        }
        // Buckets below `lowest` were never created: no need to visit them.
        for (int b = t - 1; b >= lowest && sel.count < n; b--) {
            if (d.bit(NodeId.BITS - 1 - b)) {
                sel.collect(at(b));
            }
        }
        for (int b = lowest; b < t && sel.count < n; b++) {
            if (!d.bit(NodeId.BITS - 1 - b)) {
                sel.collect(at(b));
            }
        }
        for (int b = Math.max(t + 1, lowest); b < NodeId.BITS && sel.count < n; b++) {
            sel.collect(at(b));
        }
        return ordered ? sel.contacts() : sel.compact();
    }

    /** The entries picked by {@link #closest}: (bucket, index) pairs in output order. */
    private static final class Selection {
        final int n;
        final NodeId target;
        final boolean ordered;
        final KBucket[] from;
        final int[] at;
        int count;
        int[] order;
        long[] dist;

        Selection(int n, NodeId target, boolean ordered) {
            this.n = n;
            this.target = target;
            this.ordered = ordered;
            this.from = new KBucket[n];
            this.at = new int[n];
        }

        void collect(KBucket b) {
            if (b == null || b.size == 0) {
                return;
            }
            int room = n - count;
            int size = b.size;
            if (!ordered && size <= room) {
                for (int i = 0; i < size; i++) {
                    from[count] = b;
                    at[count++] = i;
                }
                return;
            }
            // Keep the `take` entries closest to the target, sorted (a bounded insertion sort on the high
            // distance word; the other words are read from the bucket only on a tie there).
            int take = Math.min(size, room);
            if (order == null || order.length < take) {
                order = new int[Math.max(take, 8)];
                dist = new long[Math.max(take, 8)];
            }
            long th = target.hi();
            long[] e = b.e;
            int kept = 0;
            for (int i = 0; i < size; i++) {
                long dh = e[i * KBucket.S] ^ th;
                if (kept == take) {
                    if (!less(e, i, dh, kept - 1)) {
                        continue;
                    }
                    kept--; // the farthest kept entry makes room
                }
                int j = kept;
                while (j > 0 && less(e, i, dh, j - 1)) {
                    order[j] = order[j - 1];
                    dist[j] = dist[j - 1];
                    j--;
                }
                order[j] = i;
                dist[j] = dh;
                kept++;
            }
            for (int i = 0; i < take; i++) {
                from[count] = b;
                at[count++] = order[i];
            }
        }

        /** Whether bucket entry {@code i} (high distance word {@code dh}) is closer to the target than kept entry {@code j}. */
        private boolean less(long[] e, int i, long dh, int j) {
            int c = Long.compareUnsigned(dh, dist[j]);
            if (c != 0) {
                return c < 0;
            }
            int oi = i * KBucket.S;
            int oj = order[j] * KBucket.S;
            c = Long.compareUnsigned(e[oi + 1] ^ target.mid(), e[oj + 1] ^ target.mid());
            if (c != 0) {
                return c < 0;
            }
            long tl = target.lo() & 0xFFFFFFFFL;
            return (((e[oi + 2] >>> 32) ^ tl) & 0xFFFFFFFFL) < (((e[oj + 2] >>> 32) ^ tl) & 0xFFFFFFFFL);
        }

        List<Contact> contacts() {
            List<Contact> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(from[i].contact(at[i]));
            }
            return out;
        }

        CompactContacts compact() {
            byte[] out = new byte[count * Contact.COMPACT_BYTES];
            for (int i = 0, p = 0; i < count; i++, p += Contact.COMPACT_BYTES) {
                long[] e = from[i].e;
                int o = at[i] * KBucket.S;
                LONG_BE.set(out, p, e[o]);
                LONG_BE.set(out, p + 8, e[o + 1]);
                LONG_BE.set(out, p + 16, e[o + 2]);
                int port = (int) e[o + 3]; // the low 16 bits; the bytes below take only those
                out[p + 24] = (byte) (port >>> 8);
                out[p + 25] = (byte) port;
            }
            return new CompactContacts(out);
        }
    }

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    public List<RoutingEntry> entries() {
        List<RoutingEntry> all = new ArrayList<>(size);
        for (int p = buckets.length - 1; p >= 0; p--) { // bucket index ascending, as before
            KBucket b = buckets[p];
            if (b != null) {
                for (int i = 0; i < b.size; i++) {
                    all.add(b.entry(i, epoch));
                }
            }
        }
        return all;
    }

    public List<Contact> contacts() {
        List<Contact> all = new ArrayList<>(size);
        for (int p = buckets.length - 1; p >= 0; p--) { // bucket index ascending, as before
            KBucket b = buckets[p];
            if (b != null) {
                for (int i = 0; i < b.size; i++) {
                    all.add(b.contact(i));
                }
            }
        }
        return all;
    }

    public List<RoutingEntry> bucketEntries(int index) {
        KBucket b = at(index);
        if (b == null) {
            return List.of();
        }
        RoutingEntry[] out = new RoutingEntry[b.size];
        for (int i = 0; i < b.size; i++) {
            out[i] = b.entry(i, epoch);
        }
        return List.of(out);
    }

    public int bucketSize(int index) {
        KBucket b = at(index);
        return b == null ? 0 : b.size;
    }

    /** Last time bucket {@code index} gained, lost or refreshed a contact; -1 if it never had one. */
    public long bucketLastChanged(int index) {
        KBucket b = at(index);
        return b == null ? -1 : b.lastChanged;
    }

    public int size() {
        return size;
    }

    public NodeConfig config() {
        return config;
    }

    /** Bucket {@code index}, or null when it was never created. */
    private KBucket at(int index) {
        int p = NodeId.BITS - 1 - index;
        KBucket[] a = buckets;
        return p < a.length ? a[p] : null;
    }

    private KBucket bucket(int index) {
        KBucket b = at(index);
        if (b == null) {
            b = new KBucket();
            b.lastChanged = clock.nowMillis();
            int p = NodeId.BITS - 1 - index;
            if (p >= buckets.length) {
                buckets = java.util.Arrays.copyOf(buckets, Math.min(NodeId.BITS, (p + 4) & ~3));
            }
            buckets[p] = b;
            lowest = Math.min(lowest, index);
        }
        return b;
    }
}
