package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Joining: the joiner looks up its own id starting at a seed (a contact whose id it does not know yet); the
 * answer is its successor followed by that node's successors. It takes them as its successor list and
 * stabilizes at once ({@link ChordMaintenance#joined()}). Seeds are tried in turn, each up to
 * {@value ChordNode#JOIN_ATTEMPTS} times; then the join fails with an exception naming the seeds.
 */
final class ChordJoin {

    private ChordJoin() {}

    static void attempt(ChordNode node, List<NodeAddress> seeds, int attempt, CompletableFuture<Void> f) {
        if (!node.isRunning()) {
            f.completeExceptionally(new IllegalStateException("chord node " + node.contact() + " stopped while joining"));
            return;
        }
        NodeAddress seed = seeds.get(attempt % seeds.size());
        ChordLookup.run(node, node.id(), List.of(new Contact(null, seed)), r -> {
            List<Contact> found = new ArrayList<>();
            for (Contact c : r.reached()) {
                if (node.admit(c)) {
                    found.add(c);
                }
            }
            if (!found.isEmpty()) {
                node.table().setSuccessors(null, found);
                node.maintenance().joined();
                f.complete(null);
            } else if (attempt + 1 < ChordNode.JOIN_ATTEMPTS * seeds.size()) {
                attempt(node, seeds, attempt + 1, f);
            } else {
                f.completeExceptionally(new IllegalStateException("chord node " + node.contact() + " found no successor through "
                        + seeds + " after " + (attempt + 1) + " attempts"));
            }
        });
    }
}
