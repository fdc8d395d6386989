package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.node.Ipv4Cidr;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The control relay of the swarm runtime: a container attached to a run's overlay network (and published on
 * one host port) that forwards the harness' control requests to the node hosts' control interfaces over that
 * network, as a multi-host swarm needs (the tasks' addresses are reachable only from inside the overlay).
 * {@code /relay/<ip>:<port>/v1/...} is forwarded as {@code http://<ip>:<port>/v1/...}, method, query, body and
 * content type unchanged; the answer comes back with its status. Only destinations inside the {@code --allow}
 * subnets are forwarded (anything else answers 403, naming the subnets); an unreachable destination answers 502.
 * Every answer's body is JSON, errors as {@code {"error": "..."}}.
 */
@Command(name = "control-relay", mixinStandardHelpOptions = true, description = "Forwards /relay/IP:PORT/... to "
        + "http://IP:PORT/... inside the allowed subnets (the swarm runtime's way into an overlay network).")
public final class RelayMain {

    /** Path prefix of relayed requests. */
    public static final String PREFIX = "/relay/";

    @Option(names = "--port", defaultValue = "7100", description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--allow", required = true, split = ",", paramLabel = "CIDR",
            description = "Subnets requests may be forwarded into (the run's overlay network).")
    List<String> allow = new ArrayList<>();

    @Option(names = "--tunnel-port", defaultValue = "0",
            description = "Also listen here for byte tunnels (0: none): a client sends one line 'TUNNEL IP:PORT', the relay "
                    + "answers 'OK' and then copies bytes both ways, or 'ERR <reason>' and closes (the attacker socket hosts' "
                    + "control streams; same allowed subnets).")
    int tunnelPort;

    @Option(names = "--threads", defaultValue = "256", description = "Requests forwarded at once (default: ${DEFAULT-VALUE}).")
    int threads;

    private final List<Ipv4Cidr> subnets = new ArrayList<>();

    public static void main(String[] args) {
        RelayMain m = new RelayMain();
        CommandLine cmd = new CommandLine(m);
        try {
            cmd.parseArgs(args);
            if (cmd.isUsageHelpRequested()) {
                cmd.usage(System.out);
                return;
            }
            m.parseSubnets(cmd);
        } catch (ParameterException e) {
            System.err.println("control-relay: " + e.getMessage());
            System.exit(CommandLine.ExitCode.USAGE);
            return;
        }
        try {
            m.start();
        } catch (IOException e) {
            System.err.println("control-relay: cannot listen on port " + m.port + ": " + e.getMessage());
            System.exit(1);
        }
    }

    void parseSubnets(CommandLine cmd) {
        for (String c : allow) {
            try {
                Ipv4Cidr s = Ipv4Cidr.parse(c);
                if (s.bits() < 8) {
                    throw new IllegalArgumentException("a subnet of /8 or narrower, got '" + c + "'");
                }
                subnets.add(s);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd, "--allow: " + e.getMessage());
            }
        }
        if (threads < 1 || threads > 4096) {
            throw new ParameterException(cmd, "--threads must be in [1, 4096], got " + threads);
        }
    }

    HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 256);
        ExecutorService pool = new ThreadPoolExecutor(4, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "relay");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        if (tunnelPort > 0) {
            RelayTunnels.listen(tunnelPort, subnets, allow);
        }
        System.out.println("RELAY 0.0.0.0:" + server.getAddress().getPort() + " allow=" + String.join(",", allow)
                + (tunnelPort > 0 ? " tunnels=" + tunnelPort : ""));
        System.out.flush();
        return server;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            if (!path.startsWith(PREFIX)) {
                reply(ex, 404, "not a relayed path: " + path + " (expected " + PREFIX + "IP:PORT/...)");
                return;
            }
            int slash = path.indexOf('/', PREFIX.length());
            String target = path.substring(PREFIX.length(), slash < 0 ? path.length() : slash);
            String rest = slash < 0 ? "/" : path.substring(slash);
            String refused = RelayTunnels.refusal(target, subnets, allow);
            if (refused != null) {
                reply(ex, refused.startsWith("bad") ? 400 : 403, refused);
                return;
            }
            String query = ex.getRequestURI().getRawQuery();
            forward(ex, new URL("http://" + target + rest + (query == null ? "" : "?" + query)));
        }
    }

    private void forward(HttpExchange ex, URL url) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpURLConnection c;
        int status;
        byte[] answer;
        try {
            c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout(3_000);
            c.setReadTimeout(170_000);
            c.setRequestMethod(ex.getRequestMethod());
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                c.setRequestProperty("Content-Type", type);
            }
            if (body.length > 0) {
                c.setDoOutput(true);
                try (OutputStream o = c.getOutputStream()) {
                    o.write(body);
                }
            }
            status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            answer = in == null ? new byte[0] : in.readAllBytes();
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            reply(ex, 502, "relay: " + url + " unreachable: " + e);
            return;
        }
        String type = c.getContentType();
        ex.getResponseHeaders().set("Content-Type", type == null ? "application/json" : type);
        ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            ex.getResponseBody().write(answer);
        }
    }

    private static void reply(HttpExchange ex, int status, String error) throws IOException {
        byte[] b = Json.write(Map.of("error", error)).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }
}
