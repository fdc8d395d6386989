package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.Arrays;
import java.util.Collection;

/**
 * Ground truth of a ring: the sorted ids of the live nodes, with the true successor and predecessor of any
 * key by binary search. For tests, benchmarks and the harness; protocol code never sees it.
 */
public final class ChordRing {

    private final NodeId[] sorted;

    private ChordRing(NodeId[] sorted) {
        this.sorted = sorted;
    }

    public static ChordRing of(Collection<NodeId> ids) {
        NodeId[] a = ids.toArray(NodeId[]::new);
        Arrays.sort(a);
        return new ChordRing(a);
    }

    public int size() {
        return sorted.length;
    }

    /** The first node at or after the key, clockwise: the key's owner. */
    public NodeId successorOf(NodeId key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i >= 0) {
            return sorted[i];
        }
        int ins = -i - 1;
        return sorted[ins == sorted.length ? 0 : ins];
    }

    /** The node's true successor on the ring (the next id after it), itself when alone. */
    public NodeId successorOfNode(NodeId node) {
        int i = Arrays.binarySearch(sorted, node);
        int at = i >= 0 ? i + 1 : -i - 1;
        return sorted[at % sorted.length];
    }

    /** The last node strictly before the id, clockwise. */
    public NodeId predecessorOf(NodeId id) {
        int i = Arrays.binarySearch(sorted, id);
        int at = (i >= 0 ? i : -i - 1) - 1;
        return sorted[at < 0 ? sorted.length - 1 : at];
    }

    /** The k nodes following the node, clockwise (its ideal successor list). */
    public NodeId[] successorsOfNode(NodeId node, int k) {
        int n = Math.min(k, sorted.length - 1);
        NodeId[] out = new NodeId[n];
        int i = Arrays.binarySearch(sorted, node);
        int at = i >= 0 ? i + 1 : -i - 1;
        for (int j = 0; j < n; j++) {
            out[j] = sorted[(at + j) % sorted.length];
        }
        return out;
    }
}
