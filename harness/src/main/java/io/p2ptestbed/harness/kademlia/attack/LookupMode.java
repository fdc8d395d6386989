package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.util.concurrent.CompletableFuture;

/** How a lookup is run, independently of what the node's defences configured. */
public sealed interface LookupMode {

    CompletableFuture<LookupResult> start(KademliaNode node, NodeId target, LookupKind kind);

    /** A short name for reports and CSV rows. */
    String label();

    /** The node's own lookup: plain with the scenario's α, or disjoint when a defence switched that on. */
    record NodeDefault(int alpha) implements LookupMode {
        public CompletableFuture<LookupResult> start(KademliaNode node, NodeId target, LookupKind kind) {
            return node.lookup(target, kind, alpha);
        }

        public String label() {
            return "node-default";
        }
    }

    /** Plain Kademlia: one iterative lookup with {@code alpha} queries in flight (ignores disjoint settings). */
    record Plain(int alpha) implements LookupMode {
        public CompletableFuture<LookupResult> start(KademliaNode node, NodeId target, LookupKind kind) {
            return node.disjointLookupPaths(target, kind, 1, alpha).thenApply(r -> r.merged());
        }

        public String label() {
            return "plain(alpha=" + alpha + ")";
        }
    }

    /** S/Kademlia: {@code d} node-disjoint paths with {@code alphaPerPath} queries in flight each. */
    record Disjoint(int d, int alphaPerPath) implements LookupMode {
        public CompletableFuture<LookupResult> start(KademliaNode node, NodeId target, LookupKind kind) {
            return node.disjointLookupPaths(target, kind, d, alphaPerPath).thenApply(r -> r.merged());
        }

        public String label() {
            return "disjoint(d=" + d + ",alpha=" + alphaPerPath + ")";
        }
    }
}
