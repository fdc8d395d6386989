package io.p2ptestbed.adversary;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.List;

/** A transport for tests of the adversary's transports: it records what is sent and hands datagrams in through its handler. */
public final class RecordingTransport implements Transport {

    public final List<byte[]> sent = new ArrayList<>();
    public DatagramHandler handler;
    private final NodeAddress self;

    public RecordingTransport(NodeAddress self) {
        this.self = self;
    }

    public NodeAddress localAddress() {
        return self;
    }

    public void send(NodeAddress to, byte[] datagram) {
        sent.add(datagram);
    }

    public void setHandler(DatagramHandler h) {
        handler = h;
    }

    public void close() {}
}
