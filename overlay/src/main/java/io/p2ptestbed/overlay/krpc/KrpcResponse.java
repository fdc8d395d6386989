package io.p2ptestbed.overlay.krpc;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;

/**
 * A KRPC response. BEP 5 responses do not name their query type, so this one record covers ping,
 * find_node, get_peers and announce_peer replies; absent fields are empty lists or {@code null}.
 *
 * @param nodes       compact node info ("nodes"), possibly empty
 * @param values      compact peer info ("values"), possibly empty
 * @param token       get_peers write token, or null
 * @param requesterIp the "ip" field (BEP 42): the requester's address as the responder saw it, or null
 */
public record KrpcResponse(byte[] tid, NodeId sender, List<Contact> nodes, List<NodeAddress> values, byte[] token,
                           NodeAddress requesterIp) implements KrpcMessage {

    public KrpcResponse {
        nodes = nodes == null ? List.of() : nodes;
        values = values == null ? List.of() : values;
    }

    public static KrpcResponse pong(byte[] tid, NodeId sender, NodeAddress requester) {
        return new KrpcResponse(tid, sender, List.of(), List.of(), null, requester);
    }
}
