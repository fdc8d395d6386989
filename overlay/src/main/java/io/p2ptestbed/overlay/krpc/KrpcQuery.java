package io.p2ptestbed.overlay.krpc;

import io.p2ptestbed.overlay.id.NodeId;

/** The four BEP 5 queries. */
public sealed interface KrpcQuery extends KrpcMessage
        permits KrpcQuery.Ping, KrpcQuery.FindNode, KrpcQuery.GetPeers, KrpcQuery.AnnouncePeer {

    NodeId sender();

    String method();

    record Ping(byte[] tid, NodeId sender) implements KrpcQuery {
        public String method() {
            return "ping";
        }
    }

    record FindNode(byte[] tid, NodeId sender, NodeId target) implements KrpcQuery {
        public String method() {
            return "find_node";
        }
    }

    record GetPeers(byte[] tid, NodeId sender, NodeId infoHash) implements KrpcQuery {
        public String method() {
            return "get_peers";
        }
    }

    /** @param impliedPort when true the receiver uses the datagram's source port instead of {@code port} */
    record AnnouncePeer(byte[] tid, NodeId sender, NodeId infoHash, int port, byte[] token, boolean impliedPort)
            implements KrpcQuery {
        public String method() {
            return "announce_peer";
        }
    }
}
