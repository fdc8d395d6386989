package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.util.List;

/** Builders for well-formed replies. */
final class Replies {

    private Replies() {}

    /** The target of a find_node or get_peers, else null. */
    static NodeId lookupTarget(KrpcQuery q) {
        if (q instanceof KrpcQuery.FindNode f) {
            return f.target();
        }
        if (q instanceof KrpcQuery.GetPeers g) {
            return g.infoHash();
        }
        return null;
    }

    /** A find_node reply, or a get_peers reply without values (with a token), listing {@code nodes}. */
    static KrpcResponse nodes(KrpcQuery q, List<Contact> nodes, PeerContext ctx, NodeAddress from) {
        byte[] token = q instanceof KrpcQuery.GetPeers ? ctx.tokenFor(from) : null;
        return new KrpcResponse(q.tid(), ctx.self(), nodes, List.of(), token, from);
    }
}
