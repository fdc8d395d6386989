package io.p2ptestbed.harness.truth;

import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a ring overlay's live nodes point at their true ring neighbours: each node's first successor is
 * the next live id clockwise, and its predecessor the previous one.
 *
 * @param nodes          live nodes checked
 * @param wrongSuccessor nodes whose first successor is not the next live node clockwise
 * @param wrongPredecessor nodes whose predecessor is not the previous live node
 * @param noRing         nodes that expose no ring neighbours at all
 * @param examples       up to five descriptions of wrong nodes
 */
public record RingCheck(int nodes, int wrongSuccessor, int wrongPredecessor, int noRing, List<String> examples) {

    public boolean successorsCorrect() {
        return wrongSuccessor == 0 && noRing == 0;
    }

    public boolean whole() {
        return successorsCorrect() && wrongPredecessor == 0;
    }

    public static RingCheck of(List<? extends NodeHandle> live) {
        NodeId[] sorted = live.stream().map(NodeHandle::id).sorted().toArray(NodeId[]::new);
        int wrongS = 0;
        int wrongP = 0;
        int none = 0;
        List<String> examples = new ArrayList<>();
        for (NodeHandle n : live) {
            var ring = n.ring();
            if (ring.isEmpty()) {
                none++;
                continue;
            }
            int i = Arrays.binarySearch(sorted, n.id());
            NodeId next = sorted[(i + 1) % sorted.length];
            NodeId prev = sorted[(i - 1 + sorted.length) % sorted.length];
            List<Contact> succ = ring.get().successors();
            if (succ.isEmpty() || !succ.get(0).id().equals(next)) {
                wrongS++;
                if (examples.size() < 5) {
                    examples.add(n + ": successor " + (succ.isEmpty() ? "none" : succ.get(0).id().shortHex())
                            + ", true " + next.shortHex());
                }
            }
            Contact p = ring.get().predecessor();
            if (p == null || !p.id().equals(prev)) {
                wrongP++;
            }
        }
        return new RingCheck(live.size(), wrongS, wrongP, none, examples);
    }
}
