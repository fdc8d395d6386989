package io.p2ptestbed.overlay.transport.stream;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream transport in front of another that hands the node its own view of every connection (a {@link Link}),
 * so that what the node sends can be judged on the way out: the fault rules of a node host's control interface
 * ({@code FaultyStreams}), or the loopback fault plane ({@code FaultyStreamTransport}). Everything else goes to the
 * inner transport. Every call runs on the node's scheduler thread, as the stream contract says.
 *
 * @param <L> this transport's connection view
 */
public abstract class ForwardingStreams<L extends ForwardingStreams.Link> extends DelegatingStreams {

    private final Map<Connection, L> links = new IdentityHashMap<>();

    protected ForwardingStreams(StreamTransport inner) {
        super(inner);
    }

    /** The view of a connection, made once per connection. */
    protected abstract L newLink(Connection c);

    protected final L link(Connection c) {
        return links.computeIfAbsent(c, this::newLink);
    }

    /** The views of the connections open now (a copy). */
    protected final List<L> links() {
        return new ArrayList<>(links.values());
    }

    /** The node's handler, seeing the views instead of the inner connections. */
    protected final ConnectionHandler wrap(ConnectionHandler h) {
        return new ConnectionHandler() {
            @Override
            public void opened(Connection c) {
                h.opened(link(c));
            }

            @Override
            public void frame(Connection c, byte[] frame) {
                h.frame(link(c), frame);
            }

            @Override
            public void closed(Connection c, CloseReason reason) {
                L l = links.remove(c);
                h.closed(l != null ? l : newLink(c), reason);
            }

            @Override
            public void failed(NodeAddress to, CloseReason reason) {
                h.failed(to, reason);
            }
        };
    }

    @Override
    public void listen(ConnectionHandler acceptor) {
        inner.listen(wrap(acceptor));
    }

    @Override
    public void connect(NodeAddress to, ConnectionHandler handler) {
        inner.connect(to, wrap(handler));
    }

    @Override
    public List<Connection> connections() {
        return inner.connections().stream().map(c -> (Connection) link(c)).toList();
    }

    /** A connection as the node sees it: sending, closing and resetting are the subclass's; the rest is the real one's. */
    public abstract static class Link implements Connection {
        protected final Connection c;

        protected Link(Connection c) {
            this.c = c;
        }

        @Override
        public long id() {
            return c.id();
        }

        @Override
        public NodeAddress remote() {
            return c.remote();
        }

        @Override
        public boolean inbound() {
            return c.inbound();
        }

        @Override
        public boolean isOpen() {
            return c.isOpen();
        }

        @Override
        public void inject(ConnectionFault fault) {
            c.inject(fault);
        }

        @Override
        public Object attachment() {
            return c.attachment(); // the protocol's state lives on the connection itself
        }

        @Override
        public void attach(Object state) {
            c.attach(state);
        }

        @Override
        public String toString() {
            return c.toString();
        }
    }
}
