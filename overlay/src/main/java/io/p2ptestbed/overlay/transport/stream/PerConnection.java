package io.p2ptestbed.overlay.transport.stream;

import java.util.function.Supplier;

/**
 * An acceptor for {@link StreamTransport#listen} that gives every inbound connection a handler of its own (made by
 * {@code make} when the connection opens, kept as the connection's attachment) and hands it that connection's events.
 */
public final class PerConnection implements ConnectionHandler {

    private final Supplier<ConnectionHandler> make;

    public PerConnection(Supplier<ConnectionHandler> make) {
        this.make = make;
    }

    @Override
    public void opened(Connection c) {
        ConnectionHandler h = make.get();
        c.attach(h);
        h.opened(c);
    }

    @Override
    public void frame(Connection c, byte[] frame) {
        if (c.attachment() instanceof ConnectionHandler h) {
            h.frame(c, frame);
        }
    }

    @Override
    public void closed(Connection c, CloseReason reason) {
        if (c.attachment() instanceof ConnectionHandler h) {
            h.closed(c, reason);
        }
    }
}
