package io.p2ptestbed.overlay.node.control;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.netty.NettyTcpStreams;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionFault;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The stream half of a {@link SocketHostMain} ({@link SocketHostProtocol}, version 2): real TCP endpoints in the
 * attacker container, each a {@link NettyTcpStreams} on one of the container's addresses (the transport honest
 * nodes use on loopback and in node containers: strict length-prefixed frames, slots, timeouts, connection faults),
 * bridged to the harness frame by frame. All endpoints share one event loop; every answer to the harness is written
 * from it, in order. The lab predicate ({@code --allow}) is the transport's own: a connect outside it is refused
 * before any packet leaves, and the harness is told why.
 */
final class SocketHostStreams {

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final EventLoop loop = group.next();
    private final Predicate<NodeAddress> lab;
    private final String labName;
    private final Map<Long, NettyTcpStreams> endpoints = new ConcurrentHashMap<>();
    private final Map<Long, Connection> conns = new ConcurrentHashMap<>();
    private volatile DataOutputStream out;
    private long refused;

    SocketHostStreams(Predicate<NodeAddress> lab, String labName) {
        this.lab = lab;
        this.labName = labName;
    }

    /** The harness connection answers go to (null when none). */
    void attach(DataOutputStream o) {
        out = o;
    }

    /** Handles one stream request whose type byte {@code op} was read; false when {@code op} is not a stream frame. */
    boolean handle(int op, DataInputStream in) throws IOException {
        switch (op) {
            case SocketHostProtocol.S_BIND -> {
                NodeAddress at = new NodeAddress(in.readInt(), in.readUnsignedShort());
                StreamLimits limits = new StreamLimits(in.readInt(), in.readInt(), in.readInt(), in.readLong(), in.readLong(),
                        in.readLong(), in.readLong());
                bind(at, limits);
            }
            case SocketHostProtocol.S_CONNECT -> {
                NodeAddress at = new NodeAddress(in.readInt(), in.readUnsignedShort());
                long request = in.readLong();
                NodeAddress to = new NodeAddress(in.readInt(), in.readUnsignedShort());
                loop.execute(() -> connect(at, request, to));
            }
            case SocketHostProtocol.S_SEND -> {
                long id = in.readLong();
                int n = in.readInt();
                if (n < 1 || n > (1 << 24)) {
                    throw new IOException("stream frame of " + n + " bytes from the harness: outside [1, 16 MiB]");
                }
                byte[] frame = new byte[n];
                in.readFully(frame);
                loop.execute(() -> {
                    Connection c = conns.get(id);
                    if (c != null) {
                        try {
                            c.send(frame);
                        } catch (IllegalArgumentException tooLarge) {
                            c.reset();
                        }
                    }
                });
            }
            case SocketHostProtocol.S_CLOSE -> {
                long id = in.readLong();
                boolean reset = in.readUnsignedByte() == 1;
                loop.execute(() -> {
                    Connection c = conns.get(id);
                    if (c != null) {
                        if (reset) {
                            c.reset();
                        } else {
                            c.close();
                        }
                    }
                });
            }
            case SocketHostProtocol.S_FAULT -> {
                long id = in.readLong();
                byte[] spec = new byte[in.readUnsignedShort()];
                in.readFully(spec);
                ConnectionFault f = ConnectionFault.parse(new String(spec, StandardCharsets.UTF_8));
                loop.execute(() -> {
                    Connection c = conns.get(id);
                    if (c != null) {
                        c.inject(f);
                    }
                });
            }
            case SocketHostProtocol.S_UNBIND -> {
                NettyTcpStreams t = endpoints.remove(key(new NodeAddress(in.readInt(), in.readUnsignedShort())));
                if (t != null) {
                    t.close();
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void bind(NodeAddress at, StreamLimits limits) throws IOException {
        String error = "";
        try {
            NettyTcpStreams t = NettyTcpStreams.bind(loop, at, limits, lab);
            t.listen(new Bridge(at, SocketHostProtocol.INBOUND));
            NettyTcpStreams old = endpoints.put(key(at), t);
            if (old != null) {
                old.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while binding " + at;
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        byte[] msg = error.getBytes(StandardCharsets.UTF_8);
        int ok = error.isEmpty() ? 1 : 0;
        write(o -> {
            o.writeByte(SocketHostProtocol.S_BIND);
            o.writeInt(at.ip());
            o.writeShort(at.port());
            o.writeByte(ok);
            o.writeShort(msg.length);
            o.write(msg);
        });
    }

    private void connect(NodeAddress at, long request, NodeAddress to) {
        NettyTcpStreams t = endpoints.get(key(at));
        if (t == null) {
            failed(at, request, CloseReason.REFUSED, "no stream endpoint bound at " + at + " in this socket host");
            return;
        }
        if (!lab.test(to)) {
            refused++;
            System.err.println("socket-host: refused a stream from " + at + " to " + to + ": outside the lab network " + labName);
        }
        t.connect(to, new Bridge(at, request));
    }

    private void failed(NodeAddress at, long request, CloseReason reason, String why) {
        byte[] msg = why.getBytes(StandardCharsets.UTF_8);
        write(o -> {
            o.writeByte(SocketHostProtocol.S_FAILED);
            o.writeInt(at.ip());
            o.writeShort(at.port());
            o.writeLong(request);
            o.writeByte(reason.ordinal());
            o.writeShort(msg.length);
            o.write(msg);
        });
    }

    /** One endpoint's connections (inbound: {@code request} = INBOUND) as frames to the harness. */
    private final class Bridge implements ConnectionHandler {
        private final NodeAddress at;
        private final long request;

        Bridge(NodeAddress at, long request) {
            this.at = at;
            this.request = request;
        }

        @Override
        public void opened(Connection c) {
            conns.put(c.id(), c);
            write(o -> {
                o.writeByte(SocketHostProtocol.S_OPENED);
                o.writeInt(at.ip());
                o.writeShort(at.port());
                o.writeLong(c.id());
                o.writeLong(request);
                o.writeInt(c.remote().ip());
                o.writeShort(c.remote().port());
            });
        }

        @Override
        public void frame(Connection c, byte[] frame) {
            write(o -> {
                o.writeByte(SocketHostProtocol.S_FRAME);
                o.writeLong(c.id());
                o.writeInt(frame.length);
                o.write(frame);
            });
        }

        @Override
        public void closed(Connection c, CloseReason reason) {
            conns.remove(c.id());
            write(o -> {
                o.writeByte(SocketHostProtocol.S_CLOSED);
                o.writeLong(c.id());
                o.writeByte(reason.ordinal());
            });
        }

        @Override
        public void failed(NodeAddress to, CloseReason reason) {
            String why = reason == CloseReason.OUTSIDE_LAB
                    ? "refusing to connect " + at + " to " + to + ": outside the lab network " + labName
                    : "connect " + at + " -> " + to + " failed: " + reason;
            SocketHostStreams.this.failed(at, request, reason, why);
        }
    }

    @FunctionalInterface
    private interface Frame {
        void writeTo(DataOutputStream o) throws IOException;
    }

    private void write(Frame f) {
        DataOutputStream o = out;
        if (o == null) {
            return;
        }
        try {
            synchronized (o) {
                f.writeTo(o);
                o.flush();
            }
        } catch (IOException clientGone) {
            out = null; // the connection thread notices and closes everything
        }
    }

    /** Closes every endpoint and its connections (the harness connection ended). */
    void closeAll() {
        out = null;
        endpoints.values().forEach(NettyTcpStreams::close);
        endpoints.clear();
        conns.clear();
        if (refused > 0) {
            System.err.println("socket-host: refused " + refused + " stream connects (outside the lab network)");
            refused = 0;
        }
    }

    void shutdown() {
        closeAll();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static long key(NodeAddress a) {
        return (Integer.toUnsignedLong(a.ip()) << 16) | a.port();
    }
}
