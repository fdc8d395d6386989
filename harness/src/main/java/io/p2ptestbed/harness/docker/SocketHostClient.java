package io.p2ptestbed.harness.docker;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.SocketHostProtocol;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness' end of one attacker container's socket host ({@link SocketHostProtocol}): UDP sockets
 * that live in the container, used here as {@link Transport}s. Received datagrams are handed to the
 * transport's handler on this client's reader thread (attack code hops onto its scheduler itself, as
 * the adversary's transport contract says). TCP stream endpoints in the container are {@link StreamTransport}s
 * here ({@link #openStreams}, {@link RemoteStreams}); their callbacks run on the scheduler given.
 */
public final class SocketHostClient implements AutoCloseable {

    /**
     * How long a bind (a UDP socket, a TCP stream endpoint) may take in the container. The first TCP bind of a freshly
     * started socket host sets up its Netty server on a cold JVM: on this shared 2-core machine at load average 90 it
     * took more than 10 s (Marcus et al.'s eclipse in containers, 2026-12-07).
     */
    static final long BIND_TIMEOUT_SECONDS = 30;

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Map<Long, Remote> transports = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<String>> opening = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final String where;
    private final RemoteStreams streams;
    private volatile boolean closed;

    private SocketHostClient(Socket socket, String where) throws IOException {
        this.socket = socket;
        this.where = where;
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.streams = new RemoteStreams(this::write, where);
    }

    /** Connects, retrying while the container's JVM starts, and checks the protocol version. */
    static SocketHostClient connect(String ip, int port, long timeoutMillis) {
        return connect(ip, port, null, timeoutMillis);
    }

    /**
     * As {@link #connect(String, int, long)}, through a byte tunnel of the control relay at {@code relay} (host:port of
     * its tunnel listener, {@code RelayMain --tunnel-port}) when it is not null: the swarm runtime's way to an attacker
     * task on the overlay network.
     */
    public static SocketHostClient connect(String ip, int port, String relay, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            Socket s = new Socket();
            try {
                if (relay == null) {
                    s.connect(new InetSocketAddress(ip, port), 2_000);
                } else {
                    int colon = relay.lastIndexOf(':');
                    s.connect(new InetSocketAddress(relay.substring(0, colon), Integer.parseInt(relay.substring(colon + 1))), 2_000);
                }
                s.setTcpNoDelay(true);
                s.setSoTimeout(5_000);
                SocketHostClient c = new SocketHostClient(s, ip + ":" + port + (relay == null ? "" : " via " + relay));
                if (relay != null) {
                    c.out.write(("TUNNEL " + ip + ":" + port + "\n").getBytes(StandardCharsets.UTF_8));
                    c.out.flush();
                    String answer = c.line();
                    if (!answer.equals("OK")) {
                        throw new IOException("the relay " + relay + " answered: " + answer);
                    }
                }
                int hello = c.in.readUnsignedByte();
                int version = c.in.readUnsignedShort();
                if (hello != SocketHostProtocol.HELLO || version != SocketHostProtocol.VERSION) {
                    s.close();
                    throw new IllegalStateException("socket host at " + ip + ":" + port + " speaks frame " + hello
                            + " version " + version + ", expected version " + SocketHostProtocol.VERSION);
                }
                s.setSoTimeout(0);
                Thread reader = new Thread(c::readLoop, "socket-host-client-" + ip);
                reader.setDaemon(true);
                reader.start();
                return c;
            } catch (IOException e) {
                last = e;
                try {
                    s.close();
                    Thread.sleep(100);
                } catch (IOException | InterruptedException ignored) {
                    if (ignored instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        throw new IllegalStateException("socket host at " + ip + ":" + port + (relay == null ? "" : " (through the relay "
                + relay + ")") + " did not answer within " + timeoutMillis + " ms: " + last);
    }

    /** One line of the relay's tunnel answer (ASCII, up to a newline). */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int ch; (ch = in.read()) >= 0 && ch != '\n'; ) {
            if (sb.length() > 512) {
                break;
            }
            sb.append((char) ch);
        }
        return sb.toString();
    }

    /** Opens a UDP socket bound to {@code bind} inside the container. */
    public Transport open(NodeAddress bind) {
        long key = key(bind);
        CompletableFuture<String> f = new CompletableFuture<>();
        opening.put(key, f);
        Remote r = new Remote(bind);
        transports.put(key, r);
        try {
            synchronized (out) {
                out.writeByte(SocketHostProtocol.OPEN);
                out.writeInt(bind.ip());
                out.writeShort(bind.port());
                out.flush();
            }
            String error = f.get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!error.isEmpty()) {
                throw new IllegalStateException("cannot bind " + bind + " in the attacker container " + where + ": " + error);
            }
            return r;
        } catch (IllegalStateException e) {
            transports.remove(key);
            throw e;
        } catch (Exception e) {
            transports.remove(key);
            throw new IllegalStateException("cannot open " + bind + " on the socket host " + where + ": " + e, e);
        } finally {
            opening.remove(key);
        }
    }

    /**
     * Binds a TCP stream endpoint (listening, and connecting from its ip) at {@code bind} inside the container, under
     * {@code limits}; its callbacks run on {@code scheduler}. The container's transport refuses connects outside the
     * lab network ({@link #streamRefusals()} keeps its reasons).
     */
    public StreamTransport openStreams(NodeAddress bind, StreamLimits limits, Scheduler scheduler) {
        return streams.bind(bind, limits, scheduler);
    }

    /** The socket host's reasons for the stream connects it refused as outside the lab network. */
    public List<String> streamRefusals() {
        return streams.refusals();
    }

    /** Writes one request to the host and flushes it; false when the host is gone. */
    private boolean write(RemoteStreams.Request r) {
        if (closed) {
            return false;
        }
        try {
            synchronized (out) {
                r.writeTo(out);
                out.flush();
            }
            return true;
        } catch (IOException e) {
            closed = true;
            return false;
        }
    }

    private void send(NodeAddress from, NodeAddress to, byte[] data) {
        if (closed) {
            return;
        }
        try {
            synchronized (out) {
                out.writeByte(SocketHostProtocol.SEND);
                out.writeInt(from.ip());
                out.writeShort(from.port());
                out.writeInt(to.ip());
                out.writeShort(to.port());
                out.writeShort(data.length);
                out.write(data);
                out.flush();
            }
            sent.incrementAndGet();
        } catch (IOException e) {
            closed = true;
        }
    }

    private void closeSocket(NodeAddress bind) {
        transports.remove(key(bind));
        if (closed) {
            return;
        }
        try {
            synchronized (out) {
                out.writeByte(SocketHostProtocol.CLOSE);
                out.writeInt(bind.ip());
                out.writeShort(bind.port());
                out.flush();
            }
        } catch (IOException e) {
            closed = true;
        }
    }

    private void readLoop() {
        try {
            while (!closed) {
                int op = in.readUnsignedByte();
                if (op == SocketHostProtocol.OPEN) {
                    int ip = in.readInt();
                    int port = in.readUnsignedShort();
                    boolean ok = in.readUnsignedByte() == 1;
                    byte[] msg = new byte[in.readUnsignedShort()];
                    in.readFully(msg);
                    CompletableFuture<String> f = opening.get(key(new NodeAddress(ip, port)));
                    if (f != null) {
                        f.complete(ok ? "" : new String(msg, StandardCharsets.UTF_8));
                    }
                } else if (op == SocketHostProtocol.RECV) {
                    NodeAddress local = new NodeAddress(in.readInt(), in.readUnsignedShort());
                    NodeAddress from = new NodeAddress(in.readInt(), in.readUnsignedShort());
                    byte[] data = new byte[in.readUnsignedShort()];
                    in.readFully(data);
                    received.incrementAndGet();
                    Remote r = transports.get(key(local));
                    DatagramHandler h = r == null ? null : r.handler;
                    if (h != null) {
                        try {
                            h.onDatagram(from, data);
                        } catch (RuntimeException e) {
                            // a bad datagram never ends the relay
                        }
                    }
                } else if (!streams.read(op, in)) {
                    throw new IOException("unknown frame type " + op + " from " + where);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                System.err.println("[docker] socket host " + where + " connection ended: " + e);
            }
        } finally {
            closed = true;
            streams.lost();
        }
    }

    public long sent() {
        return sent.get();
    }

    public long received() {
        return received.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static long key(NodeAddress a) {
        return (Integer.toUnsignedLong(a.ip()) << 16) | a.port();
    }

    /** A UDP socket in the container. */
    private final class Remote implements Transport {
        private final NodeAddress bind;
        private volatile DatagramHandler handler;

        Remote(NodeAddress bind) {
            this.bind = bind;
        }

        @Override
        public NodeAddress localAddress() {
            return bind;
        }

        @Override
        public void send(NodeAddress to, byte[] datagram) {
            SocketHostClient.this.send(bind, to, datagram);
        }

        @Override
        public void setHandler(DatagramHandler h) {
            handler = h;
        }

        @Override
        public void close() {
            closeSocket(bind);
        }
    }
}
