package io.p2ptestbed.overlay.transport.stream;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;

/**
 * A stream transport in front of another that passes every call through; subclasses override what they judge (the
 * connection views of {@link ForwardingStreams}, a lab guard on connects).
 */
public abstract class DelegatingStreams implements StreamTransport {

    protected final StreamTransport inner;

    protected DelegatingStreams(StreamTransport inner) {
        this.inner = inner;
    }

    @Override
    public NodeAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void listen(ConnectionHandler acceptor) {
        inner.listen(acceptor);
    }

    @Override
    public void connect(NodeAddress to, ConnectionHandler handler) {
        inner.connect(to, handler);
    }

    @Override
    public List<Connection> connections() {
        return inner.connections();
    }

    @Override
    public StreamLimits limits() {
        return inner.limits();
    }

    @Override
    public StreamCounters counters() {
        return inner.counters();
    }

    @Override
    public void close() {
        inner.close();
    }
}
