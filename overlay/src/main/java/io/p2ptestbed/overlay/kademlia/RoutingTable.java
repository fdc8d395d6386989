package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kademlia routing table: 160 k-buckets indexed by XOR distance ({@code 159 - commonPrefixLength}).
 * A full bucket keeps its live old contacts (when {@code preferOldContacts}); the caller pings the
 * eviction candidate and calls {@link #evict} on timeout. Every insertion returns an {@link InsertOutcome}.
 */
public final class RoutingTable {

    private final NodeId self;
    private volatile NodeConfig config;
    private final Clock clock;
    private final KBucket[] buckets = new KBucket[NodeId.BITS];
    private final List<ContactPolicy> policies = new CopyOnWriteArrayList<>();
    private int size;

    public RoutingTable(NodeId self, NodeConfig config, Clock clock) {
        this.self = self;
        this.config = config;
        this.clock = clock;
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
        policies.add(p);
    }

    public void removePolicy(ContactPolicy p) {
        policies.remove(p);
    }

    public InsertOutcome insert(Contact c) {
        if (c.id().equals(self)) {
            return new InsertOutcome.Rejected("self");
        }
        int index = bucketIndex(c.id());
        KBucket b = bucket(index);
        long now = clock.nowMillis();
        RoutingEntry existing = b.find(c.id());
        if (existing != null) {
            if (!existing.contact().address().equals(c.address())) {
                return new InsertOutcome.Rejected("id already known at " + existing.contact().address());
            }
            b.touch(existing, now);
            return new InsertOutcome.AlreadyExisted(index);
        }
        for (ContactPolicy p : policies) {
            Optional<String> reason = p.check(c, this, index);
            if (reason.isPresent()) {
                return new InsertOutcome.Rejected(reason.get());
            }
        }
        if (b.entries.size() < config.k()) {
            add(b, c, now);
            return new InsertOutcome.Added(index, null);
        }
        RoutingEntry bad = b.firstBad(config.maxFailures());
        if (bad == null && !config.preferOldContacts()) {
            bad = b.entries.get(0);
        }
        if (bad != null) {
            b.entries.remove(bad);
            size--;
            add(b, c, now);
            return new InsertOutcome.Added(index, bad.contact());
        }
        b.addReplacement(c, config.replacementCacheSize());
        return new InsertOutcome.BucketFull(index, b.entries.get(0).contact());
    }

    private void add(KBucket b, Contact c, long now) {
        b.entries.add(new RoutingEntry(c, now));
        b.lastChanged = now;
        size++;
    }

    /** Records a reply (or query) from a contact already in the table. */
    public void seen(NodeId id) {
        KBucket b = buckets[bucketIndex(id)];
        RoutingEntry e = b == null ? null : b.find(id);
        if (e != null) {
            b.touch(e, clock.nowMillis());
        }
    }

    /** Records a failed query; a contact past {@code maxFailures} is replaced when the cache has someone. */
    public void failed(NodeId id) {
        KBucket b = buckets[bucketIndex(id)];
        RoutingEntry e = b == null ? null : b.find(id);
        if (e == null) {
            return;
        }
        e.failed();
        if (e.failures() >= config.maxFailures() && !b.replacements.isEmpty()) {
            evict(id);
        }
    }

    /** Removes a contact and promotes the most recent replacement. Returns whether it was present. */
    public boolean evict(NodeId id) {
        KBucket b = buckets[bucketIndex(id)];
        RoutingEntry e = b == null ? null : b.find(id);
        if (e == null) {
            return false;
        }
        b.entries.remove(e);
        size--;
        long now = clock.nowMillis();
        b.lastChanged = now;
        Contact promoted = b.replacements.pollLast();
        if (promoted != null) {
            add(b, promoted, now);
        }
        return true;
    }

    public boolean contains(NodeId id) {
        KBucket b = buckets[bucketIndex(id)];
        return b != null && b.find(id) != null;
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
     * the bucket that overflows {@code n} is sorted to pick its closest members.
     */
    public List<Contact> closest(NodeId target, int n, boolean ordered) {
        List<Contact> out = new ArrayList<>(n);
        int t = target.equals(self) ? -1 : bucketIndex(target);
        NodeId d = self.xor(target);
        if (t >= 0) {
            collect(t, out, n, target, ordered);
        }
        for (int b = t - 1; b >= 0 && out.size() < n; b--) {
            if (d.bit(NodeId.BITS - 1 - b)) {
                collect(b, out, n, target, ordered);
            }
        }
        for (int b = 0; b < t && out.size() < n; b++) {
            if (!d.bit(NodeId.BITS - 1 - b)) {
                collect(b, out, n, target, ordered);
            }
        }
        for (int b = t + 1; b < NodeId.BITS && out.size() < n; b++) {
            collect(b, out, n, target, ordered);
        }
        return out;
    }

    private void collect(int index, List<Contact> out, int n, NodeId target, boolean ordered) {
        KBucket b = buckets[index];
        if (b == null || b.entries.isEmpty()) {
            return;
        }
        int room = n - out.size();
        if (!ordered && b.entries.size() <= room) {
            for (RoutingEntry e : b.entries) {
                out.add(e.contact());
            }
            return;
        }
        List<Contact> block = new ArrayList<>(b.entries.size());
        for (RoutingEntry e : b.entries) {
            block.add(e.contact());
        }
        block.sort((x, y) -> target.compareDistance(x.id(), y.id()));
        out.addAll(block.size() > room ? block.subList(0, room) : block);
    }

    public List<RoutingEntry> entries() {
        List<RoutingEntry> all = new ArrayList<>(size);
        for (KBucket b : buckets) {
            if (b != null) {
                all.addAll(b.entries);
            }
        }
        return all;
    }

    public List<Contact> contacts() {
        return entries().stream().map(RoutingEntry::contact).toList();
    }

    public List<RoutingEntry> bucketEntries(int index) {
        KBucket b = buckets[index];
        return b == null ? List.of() : List.copyOf(b.entries);
    }

    public int bucketSize(int index) {
        KBucket b = buckets[index];
        return b == null ? 0 : b.entries.size();
    }

    /** Last time bucket {@code index} gained, lost or refreshed a contact; -1 if it never had one. */
    public long bucketLastChanged(int index) {
        KBucket b = buckets[index];
        return b == null ? -1 : b.lastChanged;
    }

    public int size() {
        return size;
    }

    public NodeConfig config() {
        return config;
    }

    private KBucket bucket(int index) {
        KBucket b = buckets[index];
        if (b == null) {
            b = new KBucket();
            b.lastChanged = clock.nowMillis();
            buckets[index] = b;
        }
        return b;
    }
}
