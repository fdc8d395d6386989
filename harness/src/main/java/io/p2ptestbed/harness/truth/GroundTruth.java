package io.p2ptestbed.harness.truth;

import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Global knowledge of the live node ids: the true k closest to any key, and how many live nodes fall
 * in each of a node's buckets. Uses the sorted id array: the nodes sharing a prefix with the target
 * form a contiguous range, and the k closest lie in the longest-prefix range holding at least k.
 */
public final class GroundTruth {

    private final NodeId[] sorted;

    public GroundTruth(Collection<NodeId> ids) {
        this.sorted = ids.toArray(NodeId[]::new);
        Arrays.sort(sorted);
    }

    public static GroundTruth of(Collection<? extends NodeHandle> nodes) {
        return new GroundTruth(nodes.stream().map(NodeHandle::id).toList());
    }

    public int size() {
        return sorted.length;
    }

    public boolean contains(NodeId id) {
        return Arrays.binarySearch(sorted, id) >= 0;
    }

    /** The true {@code k} closest live ids to {@code target}, closest first. */
    public List<NodeId> closest(NodeId target, int k) {
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
