package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A socket host for attacker containers: opens UDP sockets and TCP stream endpoints ({@link SocketHostStreams}) on
 * request of one harness connection and relays datagrams and stream frames both ways ({@link SocketHostProtocol}).
 * It holds no attack logic: Sybils, floods and their randomness stay in the harness (seeded, on the harness'
 * scheduler), only their sockets live here.
 *
 * <p>Lab guard: it sends and connects only to destinations inside {@code --allow} (the lab network's CIDR), whatever
 * the harness asks. Usage: {@code SocketHostMain --control-port 7001 --allow 172.18.0.0/16}. Prints
 * {@code READY socket-host <port>} once listening.
 */
public final class SocketHostMain {

    private final int allowNet;
    private final int allowMask;
    private final Map<Long, DatagramChannel> sockets = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<DatagramChannel> toRegister = new ConcurrentLinkedQueue<>();
    private volatile DataOutputStream out;
    private final SocketHostStreams streams;
    private long refused;

    SocketHostMain(int allowNet, int prefix) {
        this.allowMask = prefix == 0 ? 0 : -1 << (32 - prefix);
        this.allowNet = allowNet & allowMask;
        this.streams = new SocketHostStreams(a -> (a.ip() & allowMask) == this.allowNet,
                new NodeAddress(this.allowNet, 0).host() + "/" + prefix);
    }

    public static void main(String[] args) throws Exception {
        int port = 7001;
        String allow = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--control-port" -> port = Integer.parseInt(args[i + 1]);
                case "--allow" -> allow = args[i + 1];
                default -> {
                    System.err.println("socket-host: unknown option " + args[i]
                            + "; usage: --control-port PORT --allow A.B.C.D/LEN");
                    System.exit(2);
                }
            }
        }
        if (allow == null || !allow.contains("/")) {
            System.err.println("socket-host: --allow A.B.C.D/LEN is required (the lab network)");
            System.exit(2);
            return;
        }
        int slash = allow.indexOf('/');
        NodeAddress net = NodeAddress.parse(allow.substring(0, slash) + ":0");
        new SocketHostMain(net.ip(), Integer.parseInt(allow.substring(slash + 1))).serve(port);
    }

    void serve(int port) throws IOException {
        Selector selector = Selector.open();
        Thread rx = new Thread(() -> receiveLoop(selector), "socket-host-rx");
        rx.setDaemon(true);
        rx.start();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            System.out.println("READY socket-host " + port);
            System.out.flush();
            while (true) {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    serveClient(s, selector);
                } catch (IOException e) {
                    System.err.println("socket-host: connection ended: " + e);
                } finally {
                    closeAll();
                }
            }
        }
    }

    private void serveClient(Socket s, Selector selector) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
        DataOutputStream o = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
        synchronized (o) {
            o.writeByte(SocketHostProtocol.HELLO);
            o.writeShort(SocketHostProtocol.VERSION);
            o.flush();
        }
        out = o;
        streams.attach(o);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        while (true) {
            int op;
            try {
                op = in.readUnsignedByte();
            } catch (EOFException eof) {
                return;
            }
            switch (op) {
                case SocketHostProtocol.OPEN -> open(in.readInt(), in.readUnsignedShort(), selector);
                case SocketHostProtocol.SEND -> {
                    int srcIp = in.readInt();
                    int srcPort = in.readUnsignedShort();
                    int dstIp = in.readInt();
                    int dstPort = in.readUnsignedShort();
                    int n = in.readUnsignedShort();
                    buf.clear();
                    in.readFully(buf.array(), 0, n);
                    buf.limit(n);
                    DatagramChannel ch = sockets.get(key(srcIp, srcPort));
                    if (ch == null || (dstIp & allowMask) != allowNet) {
                        refused++;
                        continue;
                    }
                    try {
                        ch.send(buf, new InetSocketAddress(InetAddress.getByAddress(new NodeAddress(dstIp, dstPort).ipBytes()),
                                dstPort));
                    } catch (IOException e) {
                        refused++;
                    }
                }
                case SocketHostProtocol.CLOSE -> {
                    DatagramChannel ch = sockets.remove(key(in.readInt(), in.readUnsignedShort()));
                    if (ch != null) {
                        ch.close();
                    }
                }
                default -> {
                    if (!streams.handle(op, in)) {
                        throw new IOException("unknown frame type " + op);
                    }
                }
            }
        }
    }

    private void open(int ip, int port, Selector selector) throws IOException {
        String error = "";
        try {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 18);
            ch.configureBlocking(false);
            InetAddress addr = InetAddress.getByAddress(new NodeAddress(ip, port).ipBytes());
            ch.bind(new InetSocketAddress(addr, port));
            DatagramChannel old = sockets.put(key(ip, port), ch);
            if (old != null) {
                old.close();
            }
            toRegister.add(ch);
            selector.wakeup();
        } catch (IOException | RuntimeException e) {
            error = e.toString();
        }
        byte[] msg = error.getBytes(StandardCharsets.UTF_8);
        DataOutputStream o = out;
        synchronized (o) {
            o.writeByte(SocketHostProtocol.OPEN);
            o.writeInt(ip);
            o.writeShort(port);
            o.writeByte(error.isEmpty() ? 1 : 0);
            o.writeShort(msg.length);
            o.write(msg);
            o.flush();
        }
    }

    private void receiveLoop(Selector selector) {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        try {
            while (true) {
                selector.select(250);
                for (DatagramChannel ch; (ch = toRegister.poll()) != null; ) {
                    if (ch.isOpen()) {
                        ch.register(selector, SelectionKey.OP_READ);
                    }
                }
                boolean wrote = false;
                DataOutputStream o = out;
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    DatagramChannel ch = (DatagramChannel) k.channel();
                    if (!ch.isOpen()) {
                        continue;
                    }
                    InetSocketAddress local = localOf(ch);
                    if (local == null) {
                        continue;
                    }
                    InetSocketAddress from;
                    while ((from = receive(ch, buf)) != null) {
                        if (o == null || from.getAddress().getAddress().length != 4) {
                            continue;
                        }
                        NodeAddress src = NodeAddress.from(from);
                        try {
                            synchronized (o) {
                                o.writeByte(SocketHostProtocol.RECV);
                                o.writeInt(NodeAddress.from(local).ip());
                                o.writeShort(local.getPort());
                                o.writeInt(src.ip());
                                o.writeShort(src.port());
                                o.writeShort(buf.position());
                                o.write(buf.array(), 0, buf.position());
                            }
                            wrote = true;
                        } catch (IOException clientGone) {
                            o = null;
                        }
                    }
                }
                if (wrote && o != null) {
                    try {
                        synchronized (o) {
                            o.flush();
                        }
                    } catch (IOException clientGone) {
                        // the connection thread notices and closes every socket
                    }
                }
            }
        } catch (ClosedSelectorException | IOException e) {
            System.err.println("socket-host: receive loop ended: " + e);
        }
    }

    private static InetSocketAddress localOf(DatagramChannel ch) {
        try {
            return (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static InetSocketAddress receive(DatagramChannel ch, ByteBuffer buf) {
        buf.clear();
        try {
            return (InetSocketAddress) ch.receive(buf);
        } catch (IOException e) {
            return null;
        }
    }

    private void closeAll() {
        out = null;
        streams.closeAll();
        for (DatagramChannel ch : sockets.values()) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
        if (refused > 0) {
            System.err.println("socket-host: refused " + refused + " datagrams (outside the lab network or no socket)");
        }
    }

    private static long key(int ip, int port) {
        return (Integer.toUnsignedLong(ip) << 16) | port;
    }
}
