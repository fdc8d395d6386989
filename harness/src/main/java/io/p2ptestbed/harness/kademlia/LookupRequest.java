package io.p2ptestbed.harness.kademlia;

import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupKind;

/** One lookup to run: from which node, for which key. */
public record LookupRequest(NodeHandle from, NodeId target, LookupKind kind) {

    public static LookupRequest findNode(NodeHandle from, NodeId target) {
        return new LookupRequest(from, target, LookupKind.FIND_NODE);
    }
}
