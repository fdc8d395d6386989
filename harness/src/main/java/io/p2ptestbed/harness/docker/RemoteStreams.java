package io.p2ptestbed.harness.docker;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.SocketHostProtocol;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionFault;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamCounters;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness' end of one socket host's stream endpoints ({@link SocketHostProtocol}, version 2): each endpoint is a
 * {@link StreamTransport} whose TCP connections live in the attacker container (a {@code NettyTcpStreams} there, on
 * the attacker's own address) and whose frames, opens and closes cross the socket host's control connection. The
 * attack code sees the same stream SPI as on loopback; every callback runs on the endpoint's scheduler, in the order
 * the host reported it. Slots, frame limits, timeouts and the lab check are enforced in the container by the real
 * transport (the limits are sent when the endpoint is bound); a connect outside the lab network comes back as
 * {@link CloseReason#OUTSIDE_LAB} with the host's reason, kept in {@link #refusals()}.
 */
final class RemoteStreams {

    /** Writes one request to the socket host (under its output lock), false when the host is gone. */
    interface Writer {
        boolean write(Request r);
    }

    @FunctionalInterface
    interface Request {
        void writeTo(DataOutputStream o) throws IOException;
    }

    private final Writer writer;
    private final String where;
    private final Map<Long, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<Long, Remote> conns = new ConcurrentHashMap<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<String>> binding = new ConcurrentHashMap<>();
    private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();

    private record Pending(Endpoint endpoint, NodeAddress to, ConnectionHandler handler) {}

    RemoteStreams(Writer writer, String where) {
        this.writer = writer;
        this.where = where;
    }

    /** Binds a stream endpoint at {@code bind} in the container; its callbacks run on {@code scheduler}. */
    StreamTransport bind(NodeAddress bind, StreamLimits limits, Scheduler scheduler) {
        long key = key(bind);
        CompletableFuture<String> f = new CompletableFuture<>();
        binding.put(key, f);
        Endpoint e = new Endpoint(bind, limits, scheduler);
        endpoints.put(key, e);
        try {
            boolean sent = writer.write(o -> {
                o.writeByte(SocketHostProtocol.S_BIND);
                o.writeInt(bind.ip());
                o.writeShort(bind.port());
                o.writeInt(limits.maxInbound());
                o.writeInt(limits.maxOutbound());
                o.writeInt(limits.maxFrameBytes());
                o.writeLong(limits.maxQueuedBytes());
                o.writeLong(limits.connectTimeoutMillis());
                o.writeLong(limits.stallTimeoutMillis());
                o.writeLong(limits.idleTimeoutMillis());
            });
            if (!sent) {
                throw new IllegalStateException("the socket host " + where + " is gone");
            }
            String error = f.get(SocketHostClient.BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!error.isEmpty()) {
                throw new IllegalStateException("cannot listen on " + bind + " in the attacker container " + where + ": " + error);
            }
            return e;
        } catch (IllegalStateException ex) {
            endpoints.remove(key);
            throw ex;
        } catch (Exception ex) {
            endpoints.remove(key);
            throw new IllegalStateException("cannot bind a stream endpoint at " + bind + " on the socket host " + where + ": " + ex, ex);
        } finally {
            binding.remove(key);
        }
    }

    /** Reads one stream frame from the host whose type byte {@code op} was read; false when it is not one. */
    boolean read(int op, DataInputStream in) throws IOException {
        switch (op) {
            case SocketHostProtocol.S_BIND -> {
                NodeAddress at = new NodeAddress(in.readInt(), in.readUnsignedShort());
                boolean ok = in.readUnsignedByte() == 1;
                String msg = utf8(in);
                CompletableFuture<String> f = binding.get(key(at));
                if (f != null) {
                    f.complete(ok ? "" : msg);
                }
            }
            case SocketHostProtocol.S_OPENED -> {
                NodeAddress at = new NodeAddress(in.readInt(), in.readUnsignedShort());
                long id = in.readLong();
                long request = in.readLong();
                NodeAddress remote = new NodeAddress(in.readInt(), in.readUnsignedShort());
                opened(at, id, request, remote);
            }
            case SocketHostProtocol.S_FAILED -> {
                in.readInt();
                in.readUnsignedShort();
                long request = in.readLong();
                CloseReason reason = reason(in.readUnsignedByte());
                String why = utf8(in);
                Pending p = pending.remove(request);
                if (p != null) {
                    p.endpoint.counters.connectFailures.incrementAndGet();
                    if (reason == CloseReason.OUTSIDE_LAB) {
                        p.endpoint.counters.refusedOutsideLab.incrementAndGet();
                        refusals.add(why);
                        System.err.println("[docker] socket host " + where + ": " + why);
                    }
                    p.endpoint.scheduler.execute(() -> p.handler.failed(p.to, reason));
                }
            }
            case SocketHostProtocol.S_FRAME -> {
                long id = in.readLong();
                int n = in.readInt();
                if (n < 0 || n > (1 << 24)) {
                    throw new IOException("stream frame of " + n + " bytes from the socket host " + where);
                }
                byte[] frame = new byte[n];
                in.readFully(frame);
                Remote c = conns.get(id);
                if (c != null) {
                    c.endpoint.counters.framesReceived.incrementAndGet();
                    c.endpoint.counters.bytesReceived.addAndGet(n);
                    c.endpoint.scheduler.execute(() -> c.handler.frame(c, frame));
                }
            }
            case SocketHostProtocol.S_CLOSED -> {
                long id = in.readLong();
                CloseReason reason = reason(in.readUnsignedByte());
                Remote c = conns.remove(id);
                if (c != null) {
                    c.gone(reason);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void opened(NodeAddress at, long id, long request, NodeAddress remote) {
        Endpoint e = endpoints.get(key(at));
        Pending p = request == SocketHostProtocol.INBOUND ? null : pending.remove(request);
        ConnectionHandler h = p != null ? p.handler : e == null ? null : e.acceptor;
        if (e == null || h == null) {
            writer.write(o -> {
                o.writeByte(SocketHostProtocol.S_CLOSE);
                o.writeLong(id);
                o.writeByte(1);
            });
            return;
        }
        boolean inbound = p == null;
        Remote c = new Remote(e, id, p != null ? p.to : remote, inbound, h);
        conns.put(id, c);
        (inbound ? e.counters.accepted : e.counters.opened).incrementAndGet();
        e.scheduler.execute(() -> {
            e.open.put(id, c);
            h.opened(c);
        });
    }

    /** The host connection ended: every connection is reset and every pending connect fails. */
    void lost() {
        for (Remote c : new ArrayList<>(conns.values())) {
            conns.remove(c.id);
            c.gone(CloseReason.RESET);
        }
        for (Long r : new ArrayList<>(pending.keySet())) {
            Pending p = pending.remove(r);
            if (p != null) {
                p.endpoint.scheduler.execute(() -> p.handler.failed(p.to, CloseReason.RESET));
            }
        }
        binding.values().forEach(f -> f.complete("the socket host connection ended"));
    }

    /** The host's reasons for every connect it refused as outside the lab network. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    private static String utf8(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readUnsignedShort()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static CloseReason reason(int ordinal) {
        CloseReason[] all = CloseReason.values();
        return ordinal < all.length ? all[ordinal] : CloseReason.RESET;
    }

    private static long key(NodeAddress a) {
        return (Integer.toUnsignedLong(a.ip()) << 16) | a.port();
    }

    /** One stream endpoint in the container, as a stream transport here. */
    private final class Endpoint implements StreamTransport {
        final NodeAddress local;
        final StreamLimits limits;
        final Scheduler scheduler;
        final StreamCounters counters = new StreamCounters();
        /** The connections open now, touched on the scheduler only. */
        final Map<Long, Remote> open = new java.util.LinkedHashMap<>();
        volatile ConnectionHandler acceptor;
        volatile boolean closed;

        Endpoint(NodeAddress local, StreamLimits limits, Scheduler scheduler) {
            this.local = local;
            this.limits = limits;
            this.scheduler = scheduler;
        }

        @Override
        public NodeAddress localAddress() {
            return local;
        }

        @Override
        public void listen(ConnectionHandler acceptor) {
            this.acceptor = acceptor;
        }

        @Override
        public void connect(NodeAddress to, ConnectionHandler handler) {
            if (closed) {
                throw new IllegalStateException("stream endpoint " + local + " in " + where + " is closed");
            }
            long request = requests.incrementAndGet();
            pending.put(request, new Pending(this, to, handler));
            boolean sent = writer.write(o -> {
                o.writeByte(SocketHostProtocol.S_CONNECT);
                o.writeInt(local.ip());
                o.writeShort(local.port());
                o.writeLong(request);
                o.writeInt(to.ip());
                o.writeShort(to.port());
            });
            if (!sent && pending.remove(request) != null) {
                counters.connectFailures.incrementAndGet();
                scheduler.execute(() -> handler.failed(to, CloseReason.RESET));
            }
        }

        @Override
        public List<Connection> connections() {
            return List.copyOf(open.values());
        }

        @Override
        public StreamLimits limits() {
            return limits;
        }

        @Override
        public StreamCounters counters() {
            return counters;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            endpoints.remove(key(local));
            writer.write(o -> {
                o.writeByte(SocketHostProtocol.S_UNBIND);
                o.writeInt(local.ip());
                o.writeShort(local.port());
            });
        }
    }

    /** One TCP connection in the container. */
    private final class Remote implements Connection {
        final Endpoint endpoint;
        final long id;
        final NodeAddress remote;
        final boolean inbound;
        final ConnectionHandler handler;
        volatile boolean open = true;
        private Object attachment;

        Remote(Endpoint endpoint, long id, NodeAddress remote, boolean inbound, ConnectionHandler handler) {
            this.endpoint = endpoint;
            this.id = id;
            this.remote = remote;
            this.inbound = inbound;
            this.handler = handler;
        }

        void gone(CloseReason reason) {
            open = false;
            endpoint.counters.closedBy(reason);
            endpoint.scheduler.execute(() -> {
                endpoint.open.remove(id);
                handler.closed(this, reason);
            });
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public NodeAddress remote() {
            return remote;
        }

        @Override
        public boolean inbound() {
            return inbound;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public boolean send(byte[] frame) {
            endpoint.limits.checkFrame(frame);
            if (!open) {
                return false;
            }
            boolean sent = writer.write(o -> {
                o.writeByte(SocketHostProtocol.S_SEND);
                o.writeLong(id);
                o.writeInt(frame.length);
                o.write(frame);
            });
            if (sent) {
                endpoint.counters.framesSent.incrementAndGet();
                endpoint.counters.bytesSent.addAndGet(frame.length);
            }
            return sent;
        }

        @Override
        public void close() {
            end(0);
        }

        @Override
        public void reset() {
            end(1);
        }

        private void end(int mode) {
            if (!open) {
                return;
            }
            open = false;
            writer.write(o -> {
                o.writeByte(SocketHostProtocol.S_CLOSE);
                o.writeLong(id);
                o.writeByte(mode);
            });
        }

        @Override
        public void inject(ConnectionFault fault) {
            byte[] spec = fault.spec().getBytes(StandardCharsets.UTF_8);
            writer.write(o -> {
                o.writeByte(SocketHostProtocol.S_FAULT);
                o.writeLong(id);
                o.writeShort(spec.length);
                o.write(spec);
            });
        }

        @Override
        public Object attachment() {
            return attachment;
        }

        @Override
        public void attach(Object attachment) {
            this.attachment = attachment;
        }

        @Override
        public String toString() {
            return (inbound ? "in " : "out ") + endpoint.local + (inbound ? " <- " : " -> ") + remote + " #" + id + " (in " + where + ")";
        }
    }
}
