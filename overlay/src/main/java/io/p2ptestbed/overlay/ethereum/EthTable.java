package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * go-ethereum's discovery table (p2p/discover/table.go): k-buckets of {@code bucketSize} entries by log distance
 * between keccak256 hashes of ids (17 buckets in geth 1.8, everything at distance 239 or closer sharing the first;
 * 257 in geth 1.7), most recently seen first, each with a replacement list of 10; and geth 1.8's IP limits (at
 * most 2 nodes of one /24 per bucket and 10 in the table). Every mutation returns an {@link Outcome}.
 */
public final class EthTable {

    /** A node as the table holds it: id, its keccak256 hash, UDP endpoint and TCP port. */
    public static final class Node {
        public final byte[] id;
        public final byte[] hash;
        public final NodeAddress udp;
        public final int tcp;
        long addedAt;

        public Node(byte[] id, NodeAddress udp, int tcp) {
            this(id, NodeKey.keccak256(id), udp, tcp);
        }

        Node(byte[] id, byte[] hash, NodeAddress udp, int tcp) {
            this.id = id;
            this.hash = hash;
            this.udp = udp;
            this.tcp = tcp;
        }

        public ByteBuffer key() {
            return ByteBuffer.wrap(id);
        }

        /** Where the node accepts connections. */
        public NodeAddress tcpAddress() {
            return new NodeAddress(udp.ip(), tcp);
        }

        public Discv4.NodeRecord record() {
            return new Discv4.NodeRecord(udp.ip(), udp.port(), tcp, id);
        }

        @Override
        public String toString() {
            return Hex.shortHex(id) + "@" + udp;
        }
    }

    public enum Outcome { ADDED, BUMPED, REPLACEMENT, BUCKET_FULL, IP_LIMIT, SELF }

    private static final class Bucket {
        final List<Node> entries = new ArrayList<>();
        final List<Node> replacements = new ArrayList<>();
        final Map<Integer, Integer> ips = new HashMap<>();
    }

    private final byte[] selfHash;
    private final EthConfig config;
    private final Bucket[] buckets;
    private final Map<ByteBuffer, Node> byId = new HashMap<>();
    private final Map<Integer, Integer> tableIps = new HashMap<>();

    public EthTable(byte[] selfId, EthConfig config) {
        this.selfHash = NodeKey.keccak256(selfId);
        this.config = config;
        this.buckets = new Bucket[config.buckets()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new Bucket();
        }
    }

    /** The bucket of a hash: geth's {@code bucket(id)} with bucketMinDistance = 256 - buckets. */
    int bucketIndex(byte[] hash) {
        int d = NodeKey.logDistance(selfHash, hash);
        int min = 256 - buckets.length;
        return d <= min ? 0 : d - min - 1;
    }

    public int size() {
        return byId.size();
    }

    public boolean contains(byte[] id) {
        return byId.containsKey(ByteBuffer.wrap(id));
    }

    public Node get(byte[] id) {
        return byId.get(ByteBuffer.wrap(id));
    }

    /** Every entry, bucket by bucket, most recently seen first. */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>(byId.size());
        for (Bucket b : buckets) {
            out.addAll(b.entries);
        }
        return out;
    }

    private boolean ipAllowed(Bucket b, Node n) {
        if (!config.ipLimits()) {
            return true;
        }
        int net = n.udp.slash24();
        return b.ips.getOrDefault(net, 0) < EthConfig.BUCKET_IP_LIMIT
                && tableIps.getOrDefault(net, 0) < EthConfig.TABLE_IP_LIMIT;
    }

    private void countIp(Bucket b, Node n, int delta) {
        int net = n.udp.slash24();
        b.ips.merge(net, delta, Integer::sum);
        tableIps.merge(net, delta, Integer::sum);
    }

    /**
     * Adds a node that proved itself (answered a ping) or bumps it to the front of its bucket: geth's
     * {@code addVerifiedNode}/{@code bumpOrAdd}. A full bucket puts the node in its replacement list.
     */
    public Outcome add(Node n, long now) {
        if (java.util.Arrays.equals(n.hash, selfHash)) {
            return Outcome.SELF;
        }
        Bucket b = buckets[bucketIndex(n.hash)];
        Node old = byId.get(n.key());
        if (old != null) {
            b.entries.remove(old);
            b.entries.add(0, old);
            return Outcome.BUMPED;
        }
        if (b.entries.size() >= config.bucketSize()) {
            return addReplacement(b, n) ? Outcome.REPLACEMENT : Outcome.BUCKET_FULL;
        }
        if (!ipAllowed(b, n)) {
            return Outcome.IP_LIMIT;
        }
        n.addedAt = now;
        b.entries.add(0, n);
        byId.put(n.key(), n);
        countIp(b, n, 1);
        b.replacements.removeIf(r -> java.util.Arrays.equals(r.id, n.id));
        return Outcome.ADDED;
    }

    private boolean addReplacement(Bucket b, Node n) {
        for (Node r : b.replacements) {
            if (java.util.Arrays.equals(r.id, n.id)) {
                return true;
            }
        }
        if (config.ipLimits()) {
            int same = 0;
            for (Node r : b.replacements) {
                if (r.udp.slash24() == n.udp.slash24()) {
                    same++;
                }
            }
            if (same >= EthConfig.BUCKET_IP_LIMIT) {
                return false;
            }
        }
        b.replacements.add(0, n);
        if (b.replacements.size() > EthConfig.MAX_REPLACEMENTS) {
            b.replacements.remove(b.replacements.size() - 1);
        }
        return true;
    }

    /** The last (least recently seen) entry of a random non-empty bucket, or null: revalidation's pick. */
    public Node revalidationTarget(RandomGenerator rng) {
        List<Bucket> full = new ArrayList<>();
        for (Bucket b : buckets) {
            if (!b.entries.isEmpty()) {
                full.add(b);
            }
        }
        if (full.isEmpty()) {
            return null;
        }
        Bucket b = full.get(rng.nextInt(full.size()));
        return b.entries.get(b.entries.size() - 1);
    }

    /** The node answered revalidation: to the front of its bucket. */
    public void bump(Node n) {
        Bucket b = buckets[bucketIndex(n.hash)];
        if (b.entries.remove(n)) {
            b.entries.add(0, n);
        }
    }

    /** The node failed revalidation: removed, and a random replacement (if any, and allowed) takes its place. */
    public Node replace(Node n, RandomGenerator rng) {
        Bucket b = buckets[bucketIndex(n.hash)];
        if (!b.entries.remove(n)) {
            return null;
        }
        byId.remove(n.key());
        countIp(b, n, -1);
        while (!b.replacements.isEmpty()) {
            Node r = b.replacements.remove(rng.nextInt(b.replacements.size()));
            if (ipAllowed(b, r)) {
                r.addedAt = n.addedAt;
                b.entries.add(r);
                byId.put(r.key(), r);
                countIp(b, r, 1);
                return r;
            }
        }
        return null;
    }

    /** Removes a node (too many failed findnode queries). */
    public void remove(Node n) {
        Bucket b = buckets[bucketIndex(n.hash)];
        if (b.entries.remove(n)) {
            byId.remove(n.key());
            countIp(b, n, -1);
        }
    }

    /** The {@code k} entries closest to a target hash. */
    public List<Node> closest(byte[] targetHash, int k) {
        List<Node> all = nodes();
        all.sort(byDistanceTo(targetHash));
        return new ArrayList<>(all.subList(0, Math.min(k, all.size())));
    }

    public static Comparator<Node> byDistanceTo(byte[] targetHash) {
        return (a, b) -> NodeKey.compareDistance(targetHash, a.hash, b.hash);
    }

    /**
     * Up to {@code n} random entries: geth's ReadRandomNodes (one entry per bucket in turn, from shuffled buckets).
     */
    public List<Node> randomNodes(int n, RandomGenerator rng) {
        List<List<Node>> bs = new ArrayList<>();
        for (Bucket b : buckets) {
            if (!b.entries.isEmpty()) {
                bs.add(new ArrayList<>(b.entries));
            }
        }
        for (int i = bs.size() - 1; i > 0; i--) {
            java.util.Collections.swap(bs, i, rng.nextInt(i + 1));
        }
        List<Node> out = new ArrayList<>();
        int i = 0;
        while (out.size() < n && !bs.isEmpty()) {
            List<Node> b = bs.get(i);
            out.add(b.remove(0));
            if (b.isEmpty()) {
                bs.remove(i);
            } else {
                i++;
            }
            if (i >= bs.size()) {
                i = 0;
            }
        }
        return out;
    }

    /** Empties the table (a restart: geth keeps the table in memory only). */
    public void clear() {
        for (Bucket b : buckets) {
            b.entries.clear();
            b.replacements.clear();
            b.ips.clear();
        }
        byId.clear();
        tableIps.clear();
    }
}
