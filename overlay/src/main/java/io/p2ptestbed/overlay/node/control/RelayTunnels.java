package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.node.Ipv4Cidr;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The relay's byte tunnels: a long-lived TCP stream into the overlay network, for control protocols that are
 * not request and answer (the attacker socket hosts' {@link SocketHostProtocol}). The client sends one line,
 * {@code TUNNEL <ip>:<port>\n}; the relay checks the target against the allowed subnets, connects, answers
 * {@code OK\n} and copies bytes both ways until either side closes, or answers {@code ERR <reason>\n} and
 * closes. One pair of threads per tunnel (there are a few: one per attacker host).
 */
final class RelayTunnels {

    /** Longest request line accepted. */
    static final int MAX_LINE = 128;

    private RelayTunnels() {}

    /** Null when {@code target} ({@code ip:port}) may be reached; else why not ("bad ..." for a malformed target). */
    static String refusal(String target, List<Ipv4Cidr> subnets, List<String> allow) {
        String[] hp = target.split(":");
        int ip;
        try {
            if (hp.length != 2 || !Ipv4Cidr.isDotted(hp[0])) {
                throw new IllegalArgumentException();
            }
            int dport = Integer.parseInt(hp[1]);
            ip = Ipv4Cidr.ipv4(hp[0]);
            if (dport < 1 || dport > 0xFFFF) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            return "bad relay target '" + target + "': expected IPv4:PORT";
        }
        if (subnets.stream().noneMatch(s -> s.contains(ip))) {
            return "relay target " + target + " is outside the allowed subnets " + allow;
        }
        return null;
    }

    /** Accepts tunnels on {@code port} on a daemon thread. */
    static void listen(int port, List<Ipv4Cidr> subnets, List<String> allow) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("0.0.0.0", port), 64);
        daemon("relay-tunnels", () -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    daemon("relay-tunnel", () -> open(client, subnets, allow));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void open(Socket client, List<Ipv4Cidr> subnets, List<String> allow) {
        try {
            client.setTcpNoDelay(true);
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String line = readLine(in);
            String target = line == null || !line.startsWith("TUNNEL ") ? null : line.substring("TUNNEL ".length()).trim();
            String refused = target == null ? "expected 'TUNNEL IP:PORT', got '" + line + "'" : refusal(target, subnets, allow);
            if (refused != null) {
                out.write(("ERR " + refused + "\n").getBytes(StandardCharsets.UTF_8));
                client.close();
                return;
            }
            String[] hp = target.split(":");
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 3_000);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                out.write(("ERR relay: " + target + " unreachable: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                client.close();
                upstream.close();
                return;
            }
            client.setSoTimeout(0);
            out.write("OK\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            daemon("relay-tunnel-up", () -> copy(in, upstream, client));
            copy(upstream.getInputStream(), client, upstream);
        } catch (IOException e) {
            close(client);
        }
    }

    /** Copies {@code from} into {@code to} until either ends, then closes both sockets. */
    private static void copy(InputStream from, Socket to, Socket fromSocket) {
        byte[] buf = new byte[1 << 16];
        try {
            OutputStream o = to.getOutputStream();
            for (int n; (n = from.read(buf)) >= 0; ) {
                o.write(buf, 0, n);
                o.flush();
            }
        } catch (IOException ignored) {
            // either end went away
        } finally {
            close(to);
            close(fromSocket);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
