package io.p2ptestbed.overlay.superpeer;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;

/** The super-peer network's frames. */
public sealed interface SuperPeerMessage {

    /** The first frame on a connection: who the opener is (role, listening port, capacity and load). */
    record Hello(boolean superPeer, int port, int capacity, int load) implements SuperPeerMessage {}

    /** A joiner asks for the super-peers this node knows. */
    record SupersRequest() implements SuperPeerMessage {}

    /** Super-peers with their capacity and load (leaves attached) as last heard. */
    record Supers(List<SuperInfo> supers) implements SuperPeerMessage {}

    /** A leaf's files, for its super-peer's index. */
    record Attach(List<String> files) implements SuperPeerMessage {}

    record Query(long qid, int ttl, int hops, String file) implements SuperPeerMessage {}

    /**
     * Leaves sharing the file, back along the query's path, with the super-peer whose index answered ({@code origin}, as
     * a Gnutella query hit names its responder): what a leaf's reputation of super-peers is built on.
     */
    record Hits(long qid, NodeAddress origin, List<NodeAddress> peers) implements SuperPeerMessage {}

    record SuperInfo(NodeAddress address, int capacity, int load) {}
}
