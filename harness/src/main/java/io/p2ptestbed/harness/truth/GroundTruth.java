package io.p2ptestbed.harness.truth;

import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.KeySpaces;

/**
 * Global knowledge of the live node ids: the true k closest to any key, and how many live nodes fall
 * in each of a node's buckets. Uses the sorted id array: the nodes sharing a prefix with the target
 * form a contiguous range, and the k closest lie in the longest-prefix range holding at least k.
 */
public final class GroundTruth {

    private final NodeId[] sorted;
    private final KeySpace keySpace;

    /** Ground truth in Kademlia's XOR key space. */
    public GroundTruth(Collection<NodeId> ids) {
        this(ids, KeySpaces.XOR);
    }

    public GroundTruth(Collection<NodeId> ids, KeySpace keySpace) {
        this.sorted = ids.toArray(NodeId[]::new);
        this.keySpace = keySpace;
        Arrays.sort(sorted);
    }

    /** Ground truth in Kademlia's XOR key space. */
    public static GroundTruth of(Collection<? extends NodeHandle> nodes) {
        return of(nodes, KeySpaces.XOR);
    }

    public static GroundTruth of(Collection<? extends NodeHandle> nodes, KeySpace keySpace) {
        return new GroundTruth(nodes.stream().map(NodeHandle::id).toList(), keySpace);
    }

    public KeySpace keySpace() {
        return keySpace;
    }

    /** The live node responsible for the key: the closest in the key space (Chord: the key's successor). */
    public NodeId owner(NodeId key) {
        List<NodeId> c = closest(key, 1);
        return c.isEmpty() ? null : c.get(0);
    }

    public int size() {
        return sorted.length;
    }

    public boolean contains(NodeId id) {
        return Arrays.binarySearch(sorted, id) >= 0;
    }

    /** The true {@code k} closest live ids to {@code target}, closest first. */
    /** The k live ids closest to the target in this key space, closest first. */
    public List<NodeId> closest(NodeId target, int k) {
        if (keySpace == KeySpaces.CLOCKWISE) {
            return successors(target, k);
        }
        if (keySpace == KeySpaces.NUMERIC) {
            return numericallyClosest(target, k);
        }
        if (keySpace != KeySpaces.XOR) {
            List<NodeId> all = new ArrayList<>(Arrays.asList(sorted));
            all.sort((a, b) -> keySpace.compareDistance(target, a, b));
            return all.size() > k ? all.subList(0, k) : all;
        }
        int from = 0;
        int to = sorted.length;
        for (int len = 1; len <= NodeId.BITS; len++) {
            int lo = lowerBound(prefixLow(target, len));
            int hi = lowerBoundAfter(prefixHigh(target, len));
            if (hi - lo < k) {
                break;
            }
            from = lo;
            to = hi;
        }
        List<NodeId> range = new ArrayList<>(Arrays.asList(sorted).subList(from, to));
        range.sort(target::compareDistance);
        return range.size() > k ? range.subList(0, k) : range;
    }

    /** Live nodes other than {@code self} that belong in its bucket {@code bucket}. */
    /** The k ids at or after the key clockwise on the ring, wrapping around. */
    private List<NodeId> successors(NodeId key, int k) {
        int n = Math.min(k, sorted.length);
        List<NodeId> out = new ArrayList<>(n);
        int start = lowerBound(key);
        for (int i = 0; i < n; i++) {
            out.add(sorted[(start + i) % sorted.length]);
        }
        return out;
    }

    /**
     * The k ids numerically closest to the key on the ring: they lie among the k ids on either side of the
     * key's place in the sorted array.
     */
    private List<NodeId> numericallyClosest(NodeId key, int k) {
        int n = Math.min(k, sorted.length);
        List<NodeId> around = new ArrayList<>(2 * n);
        int start = lowerBound(key);
        for (int i = -n; i < n; i++) {
            NodeId id = sorted[Math.floorMod(start + i, sorted.length)];
            if (!around.contains(id)) {
                around.add(id);
            }
        }
        around.sort((a, b) -> keySpace.compareDistance(key, a, b));
        return around.size() > n ? around.subList(0, n) : around;
    }

    public int countInBucket(NodeId self, int bucket) {
        int prefix = NodeId.BITS - 1 - bucket;
        NodeId sibling = self.flipBit(prefix);
        return lowerBoundAfter(prefixHigh(sibling, prefix + 1)) - lowerBound(prefixLow(sibling, prefix + 1));
    }

    private int lowerBound(NodeId key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int lowerBoundAfter(NodeId key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code id} with every bit after the first {@code len} cleared. */
    static NodeId prefixLow(NodeId id, int len) {
        return new NodeId(id.hi() & mask64(len), id.mid() & mask64(len - 64), id.lo() & (int) mask32(len - 128));
    }

    /** {@code id} with every bit after the first {@code len} set. */
    static NodeId prefixHigh(NodeId id, int len) {
        return new NodeId(id.hi() | ~mask64(len), id.mid() | ~mask64(len - 64), id.lo() | ~(int) mask32(len - 128));
    }

    private static long mask64(int bits) {
        if (bits <= 0) {
            return 0L;
        }
        return bits >= 64 ? -1L : ~(-1L >>> bits);
    }

    private static long mask32(int bits) {
        if (bits <= 0) {
            return 0L;
        }
        return bits >= 32 ? 0xFFFFFFFFL : (~(0xFFFFFFFFL >>> bits)) & 0xFFFFFFFFL;
    }
}
