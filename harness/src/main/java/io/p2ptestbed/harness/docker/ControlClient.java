package io.p2ptestbed.harness.docker;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.node.control.ControlJson;
import io.p2ptestbed.overlay.node.control.FaultRule;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.node.control.Json;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.spi.ValueStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The harness side of a node host's control interface (JSON over HTTP, API v1; see the overlay's
 * {@code ControlServer}): one instance per container, addressed by the container's IP on the lab network.
 * The same {@link ControlJson} wire format is used on both sides.
 */
public final class ControlClient {

    /** Port of the control interface inside every node container. */
    public static final int PORT = 7000;
    /** Lookups and announces may wait on query timeouts; plain reads and switches answer at once. */
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;
    private final String base;

    /** A control call that failed: HTTP status (0 when the node was unreachable) and the node's error message. */
    public static final class ControlException extends RuntimeException {
        private final int status;

        public ControlException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public ControlClient(HttpClient http, String ip, int port) {
        this(http, "http://" + ip + ":" + port, true);
    }

    private ControlClient(HttpClient http, String root, boolean unused) {
        this.http = http;
        this.base = root + ControlJson.PREFIX;
    }

    /**
     * The control interface at {@code ip:port} reached through a control relay ({@code RelayMain}) listening at
     * {@code relay} (host:port): requests go to {@code http://relay/relay/ip:port/v1/...}.
     */
    public static ControlClient viaRelay(HttpClient http, String relay, String ip, int port) {
        return new ControlClient(http, "http://" + relay + io.p2ptestbed.overlay.node.control.RelayMain.PREFIX + ip + ":" + port, true);
    }

    /** An HTTP/1.1 client suited to many node hosts; share one per runtime. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    }

    public List<Fields> nodes() {
        List<Fields> out = new ArrayList<>();
        for (Object o : Fields.list(call("GET", "nodes", null, null).get("nodes"), "nodes")) {
            out.add(Fields.of(o, "node info"));
        }
        return out;
    }

    /** The node's overlay neighbours (any protocol; Kademlia: its routing table). */
    public List<Contact> neighbours(int node) {
        return ControlJson.toContacts(call("GET", "neighbours", node, null).get("contacts"), "contacts");
    }

    /** The node's counters (any protocol), fault.* and defence.* included. */
    public Map<String, Long> counters(int node) {
        return ControlJson.toStats(call("GET", "counters", node, null).get("counters"));
    }

    /** The registered protocol name of the node's overlay. */
    public String protocol(int node) {
        return call("GET", "info", node, null).string("protocol");
    }

    /** The neutral capabilities node {@code node} offers: {@code KeyRouting}, {@code ValueStore}, {@code Guards}, {@code RingView}. */
    public java.util.Set<String> capabilities(int node) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Object o : Fields.list(call("GET", "info", node, null).get("capabilities"), "capabilities")) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** Ring overlays: successors (nearest first) and predecessor; empty when the overlay has no ring view (501). */
    public Optional<io.p2ptestbed.harness.runtime.NodeHandle.RingSnapshot> ring(int node) {
        Fields f;
        try {
            f = call("GET", "ring", node, null);
        } catch (ControlException e) {
            if (e.status() == 501) {
                return Optional.empty();
            }
            throw e;
        }
        Contact pred = f.has("predecessor") ? ControlJson.toContact(f.get("predecessor")) : null;
        return Optional.of(new io.p2ptestbed.harness.runtime.NodeHandle.RingSnapshot(
                ControlJson.toContacts(f.get("successors"), "successors"), pred));
    }

    /** Routes to every key concurrently on node {@code node} (the overlay's key-based routing); result i answers key i. */
    public CompletableFuture<List<RouteResult>> routes(int node, List<NodeId> keys) {
        return callAsync("POST", "routes", node, ControlJson.routesRequest(keys)).thenApply(f -> {
            List<RouteResult> out = new ArrayList<>();
            for (Object o : Fields.list(f.get("results"), "results")) {
                out.add(ControlJson.toRouteResult(o));
            }
            return out;
        });
    }

    public RouteResult route(int node, NodeId key) {
        return ControlJson.toRouteResult(call("POST", "route", node, Map.of("key", key.toHex())).map());
    }

    /** Stores {@code value} under {@code key} (overlays with a value store; 501 otherwise). */
    public ValueStore.PutResult put(int node, NodeId key, byte[] value) {
        return join(putAsync(node, key, value));
    }

    public ValueStore.GetResult get(int node, NodeId key) {
        return join(getAsync(node, key));
    }

    public CompletableFuture<RouteResult> routeAsync(int node, NodeId key) {
        return callAsync("POST", "route", node, Map.of("key", key.toHex())).thenApply(f -> ControlJson.toRouteResult(f.map()));
    }

    public CompletableFuture<ValueStore.PutResult> putAsync(int node, NodeId key, byte[] value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key.toHex());
        body.put("value", java.util.HexFormat.of().formatHex(value));
        return callAsync("POST", "put", node, body).thenApply(f -> ControlJson.toPutResult(f.map()));
    }

    public CompletableFuture<ValueStore.GetResult> getAsync(int node, NodeId key) {
        return callAsync("POST", "get", node, Map.of("key", key.toHex())).thenApply(f -> ControlJson.toGetResult(f.map()));
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    public Map<String, Long> stats(int node) {
        return ControlJson.toStats(call("GET", "stats", node, null).get("stats"));
    }

    /** Whether {@code to} answered a ping from node {@code node}. */
    public boolean ping(int node, NodeAddress to) {
        return call("POST", "ping", node, Map.of("address", to.toString())).bool("answered", false);
    }

    /** Round-trip time of a ping in ms, or -1 when it was not answered. */
    public long pingMillis(int node, NodeAddress to) {
        Fields f = call("POST", "ping", node, Map.of("address", to.toString()));
        return f.bool("answered", false) ? f.integer("rttMillis") : -1;
    }

    /** Publishes {@code payload} at node {@code node} (overlays with Broadcast; 501 otherwise); returns the message id. */
    public long publish(int node, byte[] payload) {
        Fields f = call("POST", "publish", node, Map.of("payload", java.util.HexFormat.of().formatHex(payload)));
        return ControlJson.toMessageId(f.string("messageId"), "messageId");
    }

    /**
     * The answers that came back to node {@code node} for broadcast {@code messageId} it published, in order of
     * arrival, their times in Unix epoch milliseconds.
     */
    public List<io.p2ptestbed.overlay.spi.Broadcast.Answer> answers(int node, long messageId) {
        Fields f = call("GET", "answers?message=" + ControlJson.messageId(messageId), node, null);
        List<io.p2ptestbed.overlay.spi.Broadcast.Answer> out = new ArrayList<>();
        for (Object o : Fields.list(f.get("answers"), "answers")) {
            out.add(ControlJson.toAnswer(o));
        }
        return out;
    }

    /**
     * Every node's deliveries of broadcast {@code messageId} and its {@code broadcastSent} counter (absent while a node
     * is stopped or counts none): one entry per node of the host, in slot order.
     */
    public CompletableFuture<List<Fields>> deliveries(long messageId) {
        return deliveries("deliveries?message=" + ControlJson.messageId(messageId));
    }

    /** Every node's deliveries of every broadcast its host recorded (at most 50,000 messages), as {@link #deliveries(long)}. */
    public CompletableFuture<List<Fields>> allDeliveries() {
        return deliveries("deliveries");
    }

    private CompletableFuture<List<Fields>> deliveries(String path) {
        return callAsync("GET", path, "all", null).thenApply(f -> {
            List<Fields> out = new ArrayList<>();
            for (Object o : Fields.list(f.get("nodes"), "nodes")) {
                out.add(Fields.of(o, "deliveries of a node"));
            }
            return out;
        });
    }

    /** Installs {@code spec} on node {@code node}, or on every node of the host when {@code node} is null. */
    public void setDefences(Integer node, String spec) {
        call("POST", "defences", node == null ? "all" : node.toString(), Map.of("spec", spec));
    }

    /** Replaces the transport fault rules of a node (null: every node of the host); an empty list heals. */
    public void setFaults(Integer node, List<FaultRule> rules) {
        call("POST", "faults", node == null ? "all" : node.toString(),
                Map.of("rules", rules.stream().map(ControlJson::faultRule).toList()));
    }

    public void stop(int node) {
        call("POST", "stop", node, Map.of());
    }

    public void start(int node) {
        call("POST", "start", node, Map.of());
    }

    /**
     * A call to any endpoint of the control interface ({@code node}: a slot, "all", or null). The operations of
     * one overlay live with that overlay's harness code (Kademlia's in {@code harness.kademlia.DockerKademlia}).
     */
    public Fields call(String method, String op, Object node, Object body) {
        try {
            return callAsync(method, op, node, body).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** {@link #call} without waiting. */
    public CompletableFuture<Fields> callAsync(String method, String op, Object node, Object body) {
        String url = base + op + (node == null ? "" : (op.contains("?") ? "&" : "?") + "node=" + node);
        boolean slow = op.equals("lookups") || op.equals("lookup") || op.equals("announce") || op.equals("ping")
                || op.equals("start") || op.equals("stop") || op.equals("route") || op.equals("routes")
                || op.equals("put") || op.equals("get") || op.equals("searches") || op.equals("pastry/repair");
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(slow ? OPERATION_TIMEOUT : READ_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            if (e != null) {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                throw new ControlException(0, method + " " + url + ": node unreachable (" + c + ")",
                        c instanceof IOException ? c : e);
            }
            Object parsed;
            try {
                parsed = Json.parse(r.body());
            } catch (RuntimeException bad) {
                throw new ControlException(r.statusCode(), method + " " + url + ": not JSON: " + r.body(), bad);
            }
            if (r.statusCode() != 200) {
                Object err = parsed instanceof Map<?, ?> m ? m.get("error") : parsed;
                throw new ControlException(r.statusCode(), method + " " + url + " -> " + r.statusCode() + ": " + err, null);
            }
            return Fields.of(parsed, "reply of " + op);
        });
    }

    @Override
    public String toString() {
        return "ControlClient[" + base + "]";
    }
}
