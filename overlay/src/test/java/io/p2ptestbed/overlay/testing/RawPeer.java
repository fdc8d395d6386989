package io.p2ptestbed.overlay.testing;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted peer that speaks raw bytes on the simulated network: it sends whatever it is given,
 * valid or not, and records every datagram it receives.
 */
public final class RawPeer {

    /** A datagram as received, with its decoding. */
    public record Received(NodeAddress from, byte[] data, KrpcDecodeResult decoded) {

        public KrpcMessage message() {
            return decoded instanceof KrpcDecodeResult.Decoded d ? d.message() : null;
        }
    }

    private final Transport transport;
    private final KrpcCodec codec = new KrpcCodec();
    private final List<Received> inbox = new ArrayList<>();

    RawPeer(Transport transport) {
        this.transport = transport;
        transport.setHandler((from, data) -> inbox.add(new Received(from, data, codec.decode(data))));
    }

    public NodeAddress address() {
        return transport.localAddress();
    }

    public void send(NodeAddress to, byte[] datagram) {
        transport.send(to, datagram);
    }

    public void send(NodeAddress to, KrpcMessage message) {
        transport.send(to, codec.encode(message));
    }

    public List<Received> inbox() {
        return inbox;
    }

    /** Received messages that decoded, in arrival order. */
    public List<KrpcMessage> messages() {
        return inbox.stream().map(Received::message).filter(m -> m != null).toList();
    }

    /** The last decoded message of the given type; fails when there is none. */
    public <T extends KrpcMessage> T last(Class<T> type) {
        List<KrpcMessage> ms = messages();
        for (int i = ms.size() - 1; i >= 0; i--) {
            if (type.isInstance(ms.get(i))) {
                return type.cast(ms.get(i));
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " received; inbox: " + ms);
    }

    public void clear() {
        inbox.clear();
    }

    public void close() {
        transport.close();
    }
}
