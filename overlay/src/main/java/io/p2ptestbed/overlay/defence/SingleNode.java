package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.kademlia.KademliaNode;

/** Remembers the one node a defence instance is bound to, and refuses a second one. */
final class SingleNode {

    private KademliaNode node;

    KademliaNode bind(KademliaNode n, String defence) {
        if (node != null && node != n) {
            throw new IllegalStateException(defence + " is already installed on node " + node.id().shortHex()
                    + "; create one defence instance per node (DefenceSet.install does)");
        }
        node = n;
        return n;
    }

    void release(KademliaNode n) {
        if (node == n) {
            node = null;
        }
    }

    KademliaNode get() {
        return node;
    }
}
