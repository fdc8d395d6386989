package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A raw-protocol peer for tests: speaks real KRPC bytes on the simulated network and answers
 * find_node / get_peers with whatever contacts its script picks (ping gets a pong).
 */
final class ScriptedPeer {

    private final KrpcCodec codec = new KrpcCodec();
    final NodeId id;
    final Transport transport;
    private final BiFunction<NodeId, NodeAddress, List<Contact>> nodesFor;
    int queriesIn;
    final Map<NodeAddress, Integer> queriesFrom = new HashMap<>();
    int repliesIn;
    int errorsIn;

    /** @param nodesFor (lookup target, asker) -> the contacts to answer with */
    ScriptedPeer(SimLab lab, NodeId id, NodeAddress address, BiFunction<NodeId, NodeAddress, List<Contact>> nodesFor) {
        this.id = id;
        this.transport = lab.network.open(address);
        this.nodesFor = nodesFor;
        transport.setHandler(this::onDatagram);
    }

    Contact contact() {
        return new Contact(id, transport.localAddress());
    }

    void send(NodeAddress to, KrpcMessage m) {
        transport.send(to, codec.encode(m));
    }

    void ping(NodeAddress to, int tid) {
        send(to, new KrpcQuery.Ping(new byte[] {(byte) (tid >>> 8), (byte) tid}, id));
    }

    private void onDatagram(NodeAddress from, byte[] data) {
        KrpcDecodeResult d = codec.decode(data);
        if (!(d instanceof KrpcDecodeResult.Decoded dec)) {
            return;
        }
        KrpcMessage m = dec.message();
        if (m instanceof KrpcQuery q) {
            queriesIn++;
            queriesFrom.merge(from, 1, Integer::sum);
            if (q instanceof KrpcQuery.FindNode f) {
                send(from, new KrpcResponse(q.tid(), id, nodesFor.apply(f.target(), from), null, null, from));
            } else if (q instanceof KrpcQuery.GetPeers g) {
                send(from, new KrpcResponse(q.tid(), id, nodesFor.apply(g.infoHash(), from), null, new byte[] {1}, from));
            } else {
                send(from, KrpcResponse.pong(q.tid(), id, from));
            }
        } else if (m instanceof KrpcResponse) {
            repliesIn++;
        } else {
            errorsIn++;
        }
    }
}
