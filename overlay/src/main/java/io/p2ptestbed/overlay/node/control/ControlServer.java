package io.p2ptestbed.overlay.node.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.p2ptestbed.overlay.bitcoin.BitcoinView;
import io.p2ptestbed.overlay.ethereum.EthereumView;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.node.RunningNode;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.FileSearch;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.Malice;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RingView;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import io.p2ptestbed.overlay.spi.ValueStore;
import io.p2ptestbed.overlay.time.SystemClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * The control interface of a {@link NodeHost}: JSON over HTTP/1.1 on a TCP port of the container
 * network, version {@value ControlJson#VERSION}. Requests run on a small pool of server threads, off the
 * nodes' event loops: blocking waits (lookups) happen there, and node state is read and changed only
 * on each node's own loop. Endpoints (node selected with {@code ?node=i}, default 0; {@code all} where noted).
 * Every overlay protocol:
 * <pre>
 *   GET  /v1/info                 id, address, protocol, capabilities, running, joined, version
 *   GET  /v1/nodes                info of every node of the process
 *   GET  /v1/neighbours           the node's overlay neighbours (OverlayNode.neighbours)  -> {"contacts": [...]}
 *   GET  /v1/ring                 ring overlays: {"successors": [...], "predecessor": contact|null} (501 without RingView)
 *   GET  /v1/counters             the node's counters, incl. fault.* (and defence.*)      -> {"counters": {...}}
 *   GET  /v1/stats                the same counters                                       -> {"stats": {...}}
 *   POST /v1/route                {"key": hex40}                       -> route result (KeyRouting.route)
 *   POST /v1/routes               {"keys": [hex40, ...]}               -> {"results": [...]}
 *   POST /v1/put                  {"key": hex40, "value": hex}         -> put result   (501 without a ValueStore)
 *   POST /v1/get                  {"key": hex40}                       -> get result   (501 without a ValueStore)
 *   POST /v1/publish              {"payload": hex}                     -> {"messageId": hex16, "origin"} (501 without Broadcast)
 *   GET  /v1/deliveries           ?message=hex16 (optional): the node's first deliveries of broadcast messages,
 *                                 {"deliveries": [{messageId, origin, at, hops, atMillis, epochMillis}], "broadcastSent"};
 *                                 epochMillis: the node's scheduler time plus the host's epoch offset (node=all allowed)
 *   GET  /v1/answers              ?message=hex16 (optional): the answers that came back to the node for messages it
 *                                 published (Broadcast.Answer: Gnutella's query hits at the querier), in order of arrival,
 *                                 {"answers": [{messageId, responder, results, hops, atMillis, epochMillis}]} (node=all allowed)
 *   GET  /v1/files                FileSearch overlays (index, superpeer): {"files": [...], "searches": bool}
 *                                 (with node=all a stopped node's entry is {"running": false})
 *                                 (node=all allowed; 501 without FileSearch)
 *   POST /v1/searches             {"searches": [{"file": name, "afterMillis": n}, ...]}: each search starts afterMillis
 *                                 from now on the node's scheduler; -> {"results": [[ip:port, ...] | null, ...]}
 *                                 (null: no answer), in order
 *   POST /v1/malice               {"mode": name, "colluders": [contact...] (optional)}: the overlay's registered
 *                                 NodeMalice (the adversary's Pastry colluders: misroute, drop, fabricate, none), else
 *                                 Malice.turnMalicious (a super-peer's drop or poison, a Gnutella servent's
 *                                 answer-all, forge-ttl:TTL or flood:RATE:MILLIS:TTL)
 *   GET|POST|DELETE /v1/faults    {"delayMs","jitterMs","duplicate","reorder","reorderMs","loss","peers"} or
 *                                 {"rules": [...]}; DELETE or {} heals              (node=all allowed)
 *   POST /v1/stop                 stops the node (node=all: every node); {"exit": true} also ends the process
 *   POST /v1/start                starts a stopped node again (node=all allowed)
 *   GET|POST /v1/capacity         {"perSecond": n, "windowMillis": 100}: the modelled service capacity of a
 *                                 Kademlia node for flood experiments (ServiceCapacity; 409 when it has one)
 *   GET|POST|DELETE /v1/defences  {"spec": ...}: Kademlia's defence set; on other overlays the neutral defences
 *                                 (GuardSet: rate-limit, ip-diversity) through their Guards (400 without Guards;
 *                                 409 when replacing neutral defences on a running node)    (node=all allowed)
 * </pre>
 * Overlays with long-lived connections and a restart of their own (bitcoin, ethereum; 501 naming the protocol
 * otherwise; {@link PeerControl}):
 * <pre>
 *   GET  /v1/peers                {"protocol", "outbound": [ip:port...], "inbound": [ip:port...]}
 *   POST /v1/restart              {"downMillis", "skipSeconds" (Bitcoin only)}: the protocol's restart in the process
 * </pre>
 * One protocol's own endpoints live under its name, {@code /v1/<protocol>/<name>}; a node of another protocol answers
 * 400 naming both:
 * <pre>
 *   GET  /v1/bitcoin/addrman      ?table=tried|new|all|none: the address manager ({@link BitcoinControl})
 *   GET  /v1/ethereum/table       the discovery table and node db ({@link EthereumEndpoints})
 *   GET  /v1/pastry/state         the leaf set, neighbourhood set and routing-table rows ({@link PastryEndpoints})
 *   GET  /v1/pastry/degree        the degree bound's back-pointers and audit bans ({@link PastryEndpoints})
 *   GET|POST /v1/pastry/repair    {"table": bool}: routing-table repair, read or switched ({@link PastryEndpoints};
 *                                 node=all allowed: a stopped node answers {"running": false})
 *   GET  /v1/superpeer/state      a super-peer node's role, malice and a leaf's parents ({@link SuperPeerEndpoints})
 * </pre>
 * Kademlia only (other overlays answer 400 "the chord overlay does not support ..."):
 * <pre>
 *   GET  /v1/table                routing contacts
 *   POST /v1/lookup               {"target": hex40, "kind": "FIND_NODE"|"GET_PEERS"}  -> lookup result
 *   POST /v1/lookups              {"lookups": [{target, kind}, ...]}                  -> {"results": [...]}
 *   POST /v1/announce             {"infoHash": hex40, "port": 1..65535}               -> announce result
 *   POST /v1/ping                 {"address": "ip:port"}                              -> {"answered", "rttMillis"}
 * </pre>
 * Errors are JSON {@code {"error": "..."}}: 400 for a bad request, a Kademlia-only operation on another
 * overlay or another protocol's {@code /v1/<protocol>/...} endpoint, 404 for an unknown path or version, 405 for
 * a wrong method, 409 when the node is stopped, 501 when the overlay lacks the capability (put/get without a
 * ValueStore, route without KeyRouting, peers and restart without connections), 500/504 for failures and timeouts.
 */
public final class ControlServer implements AutoCloseable {

    /** Longest wait for lookups, announces and pings before answering 504. */
    static final long OPERATION_TIMEOUT_MILLIS = 120_000;
    /** Largest request body accepted. */
    static final int MAX_BODY = 1 << 20;

    private final NodeHost host;
    private final HttpServer server;
    private final ExecutorService pool;
    private final Runnable onExit;

    private record Reply(int status, Object body) {}

    private static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private ControlServer(NodeHost host, HttpServer server, ExecutorService pool, Runnable onExit) {
        this.host = host;
        this.server = server;
        this.pool = pool;
        this.onExit = onExit;
    }

    /**
     * Binds and starts serving. {@code onExit} runs (on a server thread, after the reply is sent) when a
     * client asks the process to exit.
     */
    public static ControlServer start(NodeHost host, InetSocketAddress bind, Runnable onExit) throws IOException {
        // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle plus the client's delayed
        // ACK add ~40 ms to every reply (read once, when the server classes initialise)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(bind, 64);
        ExecutorService pool = Executors.newFixedThreadPool(6, r -> {
            Thread t = new Thread(r, "control");
            t.setDaemon(true);
            return t;
        });
        ControlServer c = new ControlServer(host, server, pool, onExit);
        server.createContext("/", c::handle);
        server.setExecutor(pool);
        server.start();
        return c;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) throws IOException {
        Reply reply;
        boolean exit = false;
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            if (!path.startsWith(ControlJson.PREFIX)) {
                throw new HttpError(404, "no such endpoint " + method + " " + path + ": this node speaks control API v"
                        + ControlJson.VERSION + " under " + ControlJson.PREFIX);
            }
            String op = path.substring(ControlJson.PREFIX.length());
            Object body = method.equals("POST") ? readBody(ex.getRequestBody()) : Map.of();
            reply = route(method, op, query, body);
            exit = op.equals("stop") && Fields.of(body, "stop request").bool("exit", false);
        } catch (HttpError e) {
            reply = error(e.status, e.getMessage());
        } catch (Fields.BadRequest | Json.JsonException e) {
            reply = error(400, e.getMessage());
        } catch (NodeHost.Stopped | NodeHost.Conflict e) {
            reply = error(409, e.getMessage());
        } catch (UnsupportedCapabilityException e) {
            reply = error(400, e.getMessage());
        } catch (TimeoutException e) {
            reply = error(504, "timed out after " + OPERATION_TIMEOUT_MILLIS + " ms");
        } catch (Exception e) {
            reply = error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        byte[] bytes = Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
        if (exit) {
            onExit.run();
        }
    }

    private Reply route(String method, String op, Map<String, String> query, Object body) throws Exception {
        String node = query.getOrDefault("node", "0");
        return switch (op) {
            case "info" -> get(method, () -> info(index(node)));
            case "nodes" -> get(method, () -> Map.of("nodes", allInfo()));
            case "neighbours" -> get(method, () -> Map.of("contacts", ControlJson.contacts(running(node).contacts())));
            case "counters" -> get(method, () -> Map.of("counters", running(node).stats()));
            case "stats" -> get(method, () -> Map.of("stats", running(node).stats()));
            case "ring" -> get(method, () -> ring(running(node)));
            case "route" -> post(method, () -> route(running(node), body));
            case "routes" -> post(method, () -> routes(running(node), body));
            case "put" -> post(method, () -> put(running(node), body));
            case "get" -> post(method, () -> getValue(running(node), body));
            case "table" -> get(method, () -> {
                RunningNode r = running(node);
                kademliaOnly(r, "the routing-table endpoint", "GET " + ControlJson.PREFIX + "neighbours");
                return Map.of("contacts", ControlJson.contacts(r.contacts()));
            });
            case "lookup" -> post(method, () -> ControlJson.lookupResult(lookup(running(node), body)));
            case "lookups" -> post(method, () -> lookups(running(node), body));
            case "announce" -> post(method, () -> announce(running(node), body));
            case "ping" -> post(method, () -> ping(running(node), body));
            case "publish" -> post(method, () -> publish(running(node), body));
            case "deliveries" -> get(method, () -> deliveries(node, query.get("message")));
            case "answers" -> get(method, () -> answers(node, query.get("message")));
            // node=all: a stopped slot (a failed super-peer) answers {"running": false} in its place, the others still answer
            case "files" -> get(method, () -> forEach(node, i -> node.equals("all") && !host.isRunning(i) ? Map.of("running", false)
                    : files(host.running(i))));
            case "searches" -> post(method, () -> searches(running(node), body));
            case "malice" -> post(method, () -> malice(node, body));
            case "defences" -> defences(method, node, body);
            case "faults" -> faults(method, node, body);
            case "capacity" -> capacity(method, node, body);
            case "peers" -> get(method, () -> PeerControl.peers(running(node), connections(running(node), "peers by direction")));
            case "restart" -> post(method, () -> PeerControl.restart(running(node), connections(running(node), "a restart"), body));
            case "bitcoin/addrman" -> get(method, () -> BitcoinControl.addrMan(ownedBy(node, op),
                    capability(running(node), BitcoinView.class, "Bitcoin's address manager"), query.get("table")));
            case "ethereum/table" -> get(method, () -> EthereumEndpoints.table(ownedBy(node, op),
                    capability(running(node), EthereumView.class, "Ethereum's table and db")));
            case "pastry/state" -> get(method, () -> PastryEndpoints.state(ownedBy(node, op),
                    capability(running(node), io.p2ptestbed.overlay.pastry.PastryView.class, "Pastry's state")));
            case "pastry/degree" -> get(method, () -> PastryEndpoints.degree(ownedBy(node, op),
                    capability(running(node), io.p2ptestbed.overlay.pastry.PastryView.class, "Pastry's degree bound")));
            case "pastry/repair" -> pastryRepair(method, node, op, body);
            case "superpeer/state" -> get(method, () -> SuperPeerEndpoints.state(ownedBy(node, op),
                    capability(running(node), io.p2ptestbed.overlay.superpeer.SuperPeerSearch.class, "a super-peer's role and parents")));
            case "stop" -> post(method, () -> forEach(node, i -> {
                host.stop(i);
                return info(i);
            }));
            case "start" -> post(method, () -> forEach(node, i -> {
                host.start(i);
                return info(i);
            }));
            default -> throw new HttpError(404, "no such endpoint " + ControlJson.PREFIX + op + "; known: info, nodes, "
                    + "neighbours, ring, counters, stats, route, routes, put, get, publish, deliveries, answers, files, searches, malice, faults, stop, start, "
                    + "peers and restart (" + PeerControl.PROTOCOLS + "), and for Kademlia table, "
                    + "lookup, lookups, announce, ping, defences, capacity; one protocol's own under its name: "
                    + String.join(", ", PROTOCOL_ENDPOINTS));
        };
    }

    @FunctionalInterface
    private interface Body {
        Object get() throws Exception;
    }

    private static Reply get(String method, Body b) throws Exception {
        if (!method.equals("GET")) {
            throw new HttpError(405, "use GET, not " + method);
        }
        return new Reply(200, b.get());
    }

    private static Reply post(String method, Body b) throws Exception {
        if (!method.equals("POST")) {
            throw new HttpError(405, "use POST, not " + method);
        }
        return new Reply(200, b.get());
    }

    private Reply defences(String method, String node, Object body) throws Exception {
        return switch (method) {
            case "GET" -> new Reply(200, Map.of("spec", host.defences(index(node))));
            case "DELETE" -> new Reply(200, forEach(node, i -> Map.of("spec", host.setDefences(i, "none"))));
            case "POST" -> {
                Fields f = Fields.of(body, "defences request");
                f.onlyKnown("spec");
                String spec = f.string("spec");
                yield new Reply(200, forEach(node, i -> Map.of("spec", host.setDefences(i, spec))));
            }
            default -> throw new HttpError(405, "use GET, POST or DELETE, not " + method);
        };
    }

    /** Pastry's routing-table repair switch on one node or, with node=all, on every running node of the host. */
    private Reply pastryRepair(String method, String node, String op, Object body) throws Exception {
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new HttpError(405, "use GET or POST, not " + method);
        }
        Object request = method.equals("POST") ? body : null;
        return new Reply(200, forEach(node, i -> {
            if (node.equals("all") && !host.isRunning(i)) {
                return Map.of("running", false);
            }
            RunningNode r = ownedBy(Integer.toString(i), op);
            try {
                return PastryEndpoints.repair(r, capability(r, io.p2ptestbed.overlay.pastry.PastryView.class,
                        "Pastry's routing-table repair"), request);
            } catch (RuntimeException e) {
                throw e;
            } catch (TimeoutException e) {
                throw new HttpError(504, "node " + i + "'s event loop did not take the repair switch in time");
            } catch (Exception e) {
                throw new IllegalStateException("node " + i + ": " + e.getMessage(), e);
            }
        }));
    }

    private Reply capacity(String method, String node, Object body) throws Exception {
        return switch (method) {
            case "GET" -> new Reply(200, host.capacity(index(node)));
            case "POST" -> {
                Fields f = Fields.of(body, "capacity request");
                f.onlyKnown("perSecond", "windowMillis");
                int perSecond = (int) f.integer("perSecond");
                long window = f.has("windowMillis") ? f.integer("windowMillis") : 100;
                yield new Reply(200, forEach(node, i -> host.setCapacity(i, perSecond, window)));
            }
            default -> throw new HttpError(405, "use GET or POST, not " + method);
        };
    }

    private Reply faults(String method, String node, Object body) throws Exception {
        return switch (method) {
            case "GET" -> new Reply(200, ControlJson.faultRules(host.faults(index(node))));
            case "DELETE" -> new Reply(200, forEach(node, i -> ControlJson.faultRules(host.setFaults(i, List.of()))));
            case "POST" -> {
                List<FaultRule> rules = ControlJson.toFaultRules(body);
                yield new Reply(200, forEach(node, i -> ControlJson.faultRules(host.setFaults(i, rules))));
            }
            default -> throw new HttpError(405, "use GET, POST or DELETE, not " + method);
        };
    }

    /** One node's answer, or {@code {"nodes": [...]}} for {@code node=all}. */
    private Object forEach(String node, IntFunction<Object> action) {
        if (node.equals("all")) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < host.size(); i++) {
                out.add(action.apply(i));
            }
            return Map.of("nodes", out);
        }
        return action.apply(index(node));
    }

    private int index(String node) {
        try {
            int i = Integer.parseInt(node);
            if (i < 0 || i >= host.size()) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new Fields.BadRequest("query parameter 'node' must be in 0.." + (host.size() - 1)
                    + (host.size() > 1 ? " (or 'all' where allowed)" : "") + ", got '" + node + "'");
        }
    }

    private RunningNode running(String node) {
        return host.running(index(node));
    }

    private List<Object> allInfo() {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < host.size(); i++) {
            l.add(info(i));
        }
        return l;
    }

    private Map<String, Object> info(int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", ControlJson.VERSION);
        m.put("node", i);
        m.put("nodes", host.size());
        boolean running = host.isRunning(i);
        m.put("running", running);
        if (!running) {
            m.put("protocol", host.protocol(i));
        }
        if (running) {
            RunningNode r = host.running(i);
            m.put("id", r.id().toHex());
            m.put("address", r.address().toString());
            m.put("protocol", r.protocol());
            m.put("capabilities", capabilities(r.node()));
            m.put("joined", r.joined().isDone() && !r.joined().isCompletedExceptionally());
        }
        return m;
    }

    /** The neutral capabilities the node offers, by their SPI names (what the neutral endpoints can serve). */
    static List<String> capabilities(OverlayNode n) {
        List<String> c = new ArrayList<>();
        for (Class<?> type : List.of(KeyRouting.class, ValueStore.class, io.p2ptestbed.overlay.spi.Guards.class,
                RingView.class, Broadcast.class, FileSearch.class)) {
            if (n.capability(type).isPresent()) {
                c.add(type.getSimpleName());
            }
        }
        return c;
    }

    /** Kademlia's node, or a 400 naming the protocol, the operation and the neutral alternative. */
    private static KademliaNode kademliaOnly(RunningNode r, String what, String instead) {
        try {
            return r.kademlia(what);
        } catch (UnsupportedCapabilityException e) {
            throw new HttpError(400, e.getMessage() + (instead == null ? "" : "; use " + instead));
        }
    }

    /** A capability of the node, or 501 naming the protocol and what was asked. */
    private static <C> C capability(RunningNode r, Class<C> type, String what) {
        return r.node().capability(type).orElseThrow(() -> new HttpError(501,
                new UnsupportedCapabilityException(r.protocol(), type, what).getMessage()));
    }

    /** The endpoints that belong to one protocol, {@code <protocol>/<name>}. */
    static final List<String> PROTOCOL_ENDPOINTS = List.of("bitcoin/addrman", "ethereum/table", "pastry/state",
            "pastry/degree", "pastry/repair", "superpeer/state");

    /** The node, if it runs the protocol that owns {@code op} ({@code <protocol>/<name>}); else 400 naming both. */
    private RunningNode ownedBy(String node, String op) {
        RunningNode r = running(node);
        String owner = op.substring(0, op.indexOf('/'));
        if (!r.protocol().equals(owner)) {
            throw new HttpError(400, ControlJson.PREFIX + op + " is the " + owner + " overlay's own endpoint; node " + node
                    + " runs the " + r.protocol() + " overlay");
        }
        return r;
    }

    /** The node's connections and restart (Bitcoin's, Ethereum's), or 501 naming its protocol. */
    private static PeerControl.Connections connections(RunningNode r, String what) {
        return PeerControl.of(r.node()).orElseThrow(() -> new HttpError(501, "the " + r.protocol() + " overlay does not support "
                + what + " (" + PeerControl.PROTOCOLS + " do)"));
    }

    /** Starts {@code task} on the node's loop (where every SPI call belongs) and returns its future. */
    private static <T> CompletableFuture<T> startOnLoop(RunningNode r, java.util.concurrent.Callable<CompletableFuture<T>> task)
            throws Exception {
        try {
            return r.onLoop(task);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    private static Map<String, Object> ring(RunningNode r) throws Exception {
        RingView ring = capability(r, RingView.class, "ring neighbours");
        return r.onLoop(() -> ControlJson.ring(ring.successors(), ring.predecessor()));
    }

    private static Map<String, Object> route(RunningNode r, Object body) throws Exception {
        Fields f = Fields.of(body, "route request");
        f.onlyKnown("key");
        NodeId key = f.nodeId("key");
        KeyRouting routing = capability(r, KeyRouting.class, "key-based routing");
        return ControlJson.routeResult(NodeHost.await(startOnLoop(r, () -> routing.route(key)), OPERATION_TIMEOUT_MILLIS));
    }

    private static Map<String, Object> routes(RunningNode r, Object body) throws Exception {
        Fields f = Fields.of(body, "routes request");
        f.onlyKnown("keys");
        List<Object> raw = Fields.list(f.get("keys"), "keys");
        if (raw.size() > 10_000) {
            throw new Fields.BadRequest("at most 10000 routes per request, got " + raw.size());
        }
        List<NodeId> keys = new ArrayList<>();
        for (Object o : raw) {
            keys.add(Fields.of(Map.of("key", o), "routes request").nodeId("key"));
        }
        KeyRouting routing = capability(r, KeyRouting.class, "key-based routing");
        List<CompletableFuture<RouteResult>> fs = r.onLoop(() -> {
            List<CompletableFuture<RouteResult>> l = new ArrayList<>();
            keys.forEach(k -> l.add(routing.route(k)));
            return l;
        });
        NodeHost.await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), OPERATION_TIMEOUT_MILLIS);
        List<Object> results = new ArrayList<>();
        fs.forEach(x -> results.add(ControlJson.routeResult(x.join())));
        return Map.of("results", results);
    }

    /** Publishes a message at the node (Broadcast): {@code {"payload": hex}} -> its message id and delivery at hop 0. */
    private Map<String, Object> publish(RunningNode r, Object body) throws Exception {
        Fields f = Fields.of(body, "publish request");
        f.onlyKnown("payload");
        byte[] payload = f.hexBytes("payload");
        Broadcast b = capability(r, Broadcast.class, "broadcast (publish)");
        long id = r.onLoop(() -> b.publish(payload));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", ControlJson.messageId(id));
        m.put("origin", r.id().toHex());
        return m;
    }

    /** What a FileSearch node shares and whether it searches. */
    private static Object files(RunningNode r) {
        try {
            FileSearch s = capability(r, FileSearch.class, "file search");
            return r.onLoop(() -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("files", List.copyOf(s.files()));
                m.put("searches", s.searches());
                return m;
            });
        } catch (HttpError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** At most this many searches per request. */
    static final int MAX_SEARCHES = 10_000;

    /** Runs file searches at the node, each {@code afterMillis} from now on its scheduler; waits for every answer. */
    private static Map<String, Object> searches(RunningNode r, Object body) throws Exception {
        Fields f = Fields.of(body, "searches request");
        f.onlyKnown("searches");
        List<Object> raw = Fields.list(f.get("searches"), "searches");
        if (raw.size() > MAX_SEARCHES) {
            throw new Fields.BadRequest("at most " + MAX_SEARCHES + " searches per request, got " + raw.size());
        }
        List<String> files = new ArrayList<>();
        List<Long> after = new ArrayList<>();
        long longest = 0;
        for (Object o : raw) {
            Fields q = Fields.of(o, "search");
            q.onlyKnown("file", "afterMillis");
            files.add(q.string("file"));
            long a = q.has("afterMillis") ? q.integer("afterMillis") : 0;
            if (a < 0 || a > 600_000) {
                throw new Fields.BadRequest("'afterMillis' must be in [0, 600000], got " + a);
            }
            after.add(a);
            longest = Math.max(longest, a);
        }
        FileSearch s = capability(r, FileSearch.class, "file search");
        List<CompletableFuture<List<NodeAddress>>> answers = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            answers.add(new CompletableFuture<>());
        }
        r.onLoop(() -> {
            for (int i = 0; i < files.size(); i++) {
                String file = files.get(i);
                CompletableFuture<List<NodeAddress>> out = answers.get(i);
                r.scheduler().schedule(after.get(i), () -> {
                    try {
                        s.search(file).whenComplete((v, e) -> out.complete(e == null ? v : null));
                    } catch (RuntimeException bad) {
                        out.complete(null);
                    }
                });
            }
            return null;
        });
        NodeHost.await(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)), longest + OPERATION_TIMEOUT_MILLIS);
        List<Object> results = new ArrayList<>();
        for (CompletableFuture<List<NodeAddress>> a : answers) {
            List<NodeAddress> peers = a.join();
            results.add(peers == null ? null : peers.stream().map(NodeAddress::toString).toList());
        }
        return Map.of("results", results);
    }

    /**
     * Turns the node malicious: through the malice registered for its overlay ({@link NodeMalice}, e.g. the adversary's
     * Pastry colluders, which take {@code colluders}), else {@code Malice.turnMalicious} (or its {@code FileSearch}'s: a
     * super-peer's drop or poison, a Gnutella servent's answer-all, forged TTL or bounded flood); a mode the overlay lacks answers 400.
     */
    private Map<String, Object> malice(String node, Object body) throws Exception {
        Fields f = Fields.of(body, "malice request");
        f.onlyKnown("mode", "colluders");
        String mode = f.string("mode");
        List<io.p2ptestbed.overlay.id.Contact> colluders = f.has("colluders")
                ? ControlJson.toContacts(f.get("colluders"), "colluders") : List.of();
        int i = index(node);
        try {
            if (host.turnMalicious(i, mode, colluders)) {
                return Map.of("mode", mode, "colluders", colluders.size());
            }
        } catch (IllegalArgumentException e) {
            throw new Fields.BadRequest(e.getMessage());
        }
        if (!colluders.isEmpty()) {
            throw new Fields.BadRequest("the " + host.protocol(i) + " overlay's malice takes no colluders");
        }
        RunningNode r = host.running(i);
        Malice s = r.node().capability(Malice.class).isPresent() ? capability(r, Malice.class, "turning malicious")
                : capability(r, FileSearch.class, "turning malicious");
        try {
            r.onLoop(() -> {
                s.turnMalicious(mode);
                return null;
            });
        } catch (java.util.concurrent.ExecutionException e) {
            throw new Fields.BadRequest(String.valueOf(e.getCause().getMessage()));
        }
        return Map.of("mode", mode);
    }

    /** The broadcast deliveries of one node or of all ({@code node=all}), of one message ({@code message=HEX16}) or all. */
    private Object deliveries(String node, String message) {
        Long id = message == null ? null : ControlJson.toMessageId(message, "message");
        return forEach(node, i -> host.deliveries(i, id));
    }

    /** The answers to the broadcasts one node ({@code node=all}: every node) published, of one message or all. */
    private Object answers(String node, String message) {
        Long id = message == null ? null : ControlJson.toMessageId(message, "message");
        return forEach(node, i -> host.answers(i, id));
    }

    private static Map<String, Object> put(RunningNode r, Object body) throws Exception {
        Fields f = Fields.of(body, "put request");
        f.onlyKnown("key", "value");
        NodeId key = f.nodeId("key");
        byte[] value = f.hexBytes("value");
        ValueStore store = capability(r, ValueStore.class, "put");
        return ControlJson.putResult(NodeHost.await(startOnLoop(r, () -> store.put(key, value)), OPERATION_TIMEOUT_MILLIS));
    }

    private static Map<String, Object> getValue(RunningNode r, Object body) throws Exception {
        Fields f = Fields.of(body, "get request");
        f.onlyKnown("key");
        NodeId key = f.nodeId("key");
        ValueStore store = capability(r, ValueStore.class, "get");
        return ControlJson.getResult(NodeHost.await(startOnLoop(r, () -> store.get(key)), OPERATION_TIMEOUT_MILLIS));
    }

    private static LookupResult lookup(RunningNode r, Object body) throws Exception {
        KademliaNode n = kademliaOnly(r, "Kademlia lookups (find_node/get_peers)", "POST " + ControlJson.PREFIX + "route");
        Fields f = Fields.of(body, "lookup request");
        f.onlyKnown("target", "kind");
        return NodeHost.await(n.lookup(f.nodeId("target"), f.lookupKind("kind"), n.config().alpha()),
                OPERATION_TIMEOUT_MILLIS);
    }

    private static Map<String, Object> lookups(RunningNode r, Object body) throws Exception {
        KademliaNode n = kademliaOnly(r, "Kademlia lookups (find_node/get_peers)", "POST " + ControlJson.PREFIX + "routes");
        Fields f = Fields.of(body, "lookups request");
        f.onlyKnown("lookups");
        List<Object> reqs = Fields.list(f.get("lookups"), "lookups");
        if (reqs.size() > 10_000) {
            throw new Fields.BadRequest("at most 10000 lookups per request, got " + reqs.size());
        }
        List<CompletableFuture<LookupResult>> fs = new ArrayList<>();
        for (Object o : reqs) {
            Fields q = Fields.of(o, "lookup request");
            q.onlyKnown("target", "kind");
            NodeId target = q.nodeId("target");
            LookupKind kind = q.lookupKind("kind");
            fs.add(n.lookup(target, kind, n.config().alpha()));
        }
        NodeHost.await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), OPERATION_TIMEOUT_MILLIS);
        List<Object> results = new ArrayList<>();
        fs.forEach(x -> results.add(ControlJson.lookupResult(x.join())));
        return Map.of("results", results);
    }

    private static Map<String, Object> announce(RunningNode r, Object body) throws Exception {
        KademliaNode n = kademliaOnly(r, "announce (BEP 5 announce_peer)", null);
        Fields f = Fields.of(body, "announce request");
        f.onlyKnown("infoHash", "port");
        NodeId infoHash = f.nodeId("infoHash");
        long port = f.integer("port");
        if (port < 1 || port > 0xFFFF) {
            throw new Fields.BadRequest("'port' must be in [1, 65535], got " + port);
        }
        AnnounceResult a = NodeHost.await(n.announce(infoHash, (int) port), OPERATION_TIMEOUT_MILLIS);
        return ControlJson.announceResult(a);
    }

    private static Map<String, Object> ping(RunningNode r, Object body) throws Exception {
        io.p2ptestbed.overlay.spi.Ping n = capability(r, io.p2ptestbed.overlay.spi.Ping.class, "ping");
        Fields f = Fields.of(body, "ping request");
        f.onlyKnown("address");
        NodeAddress to = f.address("address");
        long t0 = SystemClock.INSTANCE.nowMillis();
        boolean answered = Boolean.TRUE.equals(NodeHost.await(n.ping(to), OPERATION_TIMEOUT_MILLIS));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answered", answered);
        m.put("rttMillis", SystemClock.INSTANCE.nowMillis() - t0);
        return m;
    }

    private static Object readBody(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) {
            throw new Fields.BadRequest("request body larger than " + MAX_BODY + " bytes");
        }
        return Json.parseObject(new String(b, StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? kv : kv.substring(0, eq);
            String v = eq < 0 ? "" : kv.substring(eq + 1);
            if (!k.equals("node") && !k.equals("message") && !k.equals("table")) {
                throw new Fields.BadRequest("unknown query parameter '" + k + "'; only 'node', 'message' and 'table' are known");
            }
            m.put(k, java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return m;
    }

    private static Reply error(int status, String message) {
        return new Reply(status, Map.of("error", message == null ? "unknown error" : message));
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
