package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.spi.ValueStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The control interface's wire format (version {@value #VERSION}), shared by the node side
 * ({@link ControlServer}) and the harness' client so the two cannot drift apart. Ids are 40 hex digits,
 * addresses {@code "ip:port"}, byte strings hex.
 */
public final class ControlJson {

    /** Version of the control API; the path prefix is {@code /v1/}. */
    public static final int VERSION = 1;
    public static final String PREFIX = "/v" + VERSION + "/";

    private ControlJson() {}

    public static Map<String, Object> contact(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().toHex());
        m.put("address", c.address().toString());
        return m;
    }

    public static List<Object> contacts(List<Contact> cs) {
        List<Object> l = new ArrayList<>(cs.size());
        cs.forEach(c -> l.add(contact(c)));
        return l;
    }

    public static Contact toContact(Object json) {
        Fields f = Fields.of(json, "contact");
        return new Contact(f.nodeId("id"), f.address("address"));
    }

    public static List<Contact> toContacts(Object json, String what) {
        List<Contact> out = new ArrayList<>();
        for (Object o : Fields.list(json, what)) {
            out.add(toContact(o));
        }
        return out;
    }

    public static Map<String, Object> lookupResult(LookupResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", r.target().toHex());
        m.put("kind", r.kind().name());
        m.put("closest", contacts(r.closest()));
        m.put("peers", r.peers().stream().map(NodeAddress::toString).toList());
        Map<String, Object> tokens = new TreeMap<>();
        r.tokens().forEach((id, t) -> tokens.put(id.toHex(), HexFormat.of().formatHex(t)));
        m.put("tokens", tokens);
        m.put("hops", r.hops());
        m.put("queries", r.queries());
        m.put("responses", r.responses());
        m.put("failures", r.failures());
        m.put("startMillis", r.startMillis());
        m.put("endMillis", r.endMillis());
        return m;
    }

    public static LookupResult toLookupResult(Object json) {
        Fields f = Fields.of(json, "lookup result");
        Set<NodeAddress> peers = new LinkedHashSet<>();
        for (Object p : Fields.list(f.get("peers"), "peers")) {
            peers.add(Fields.parseAddress(String.valueOf(p), "peers"));
        }
        Map<NodeId, byte[]> tokens = new LinkedHashMap<>();
        Fields.of(f.get("tokens"), "tokens").map().forEach((k, v) -> tokens.put(NodeId.fromHex(k),
                HexFormat.of().parseHex(String.valueOf(v))));
        return new LookupResult(f.nodeId("target"), f.lookupKind("kind"), toContacts(f.get("closest"), "closest"), peers,
                tokens, (int) f.integer("hops"), (int) f.integer("queries"), (int) f.integer("responses"),
                (int) f.integer("failures"), f.integer("startMillis"), f.integer("endMillis"));
    }

    public static Map<String, Object> announceResult(AnnounceResult a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lookup", lookupResult(a.lookup()));
        m.put("attempted", a.attempted());
        m.put("acknowledged", a.acknowledged());
        return m;
    }

    public static AnnounceResult toAnnounceResult(Object json) {
        Fields f = Fields.of(json, "announce result");
        return new AnnounceResult(toLookupResult(f.get("lookup")), (int) f.integer("attempted"),
                (int) f.integer("acknowledged"));
    }

    /** A lookup request: {@code {"target": hex, "kind": "FIND_NODE"|"GET_PEERS"}}. */
    public static Map<String, Object> lookupRequest(NodeId target, LookupKind kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target.toHex());
        m.put("kind", kind.name());
        return m;
    }

    /** A route result of any overlay: {@code {key, found, reached: [contacts], hops, messages, failures, ...}}. */
    public static Map<String, Object> routeResult(RouteResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key().toHex());
        m.put("found", r.found());
        m.put("reached", contacts(r.reached()));
        m.put("hops", r.hops());
        m.put("messages", r.messages());
        m.put("failures", r.failures());
        m.put("startMillis", r.startMillis());
        m.put("endMillis", r.endMillis());
        return m;
    }

    public static RouteResult toRouteResult(Object json) {
        Fields f = Fields.of(json, "route result");
        return new RouteResult(f.nodeId("key"), toContacts(f.get("reached"), "reached"), (int) f.integer("hops"),
                (int) f.integer("messages"), (int) f.integer("failures"), f.integer("startMillis"), f.integer("endMillis"));
    }

    /** A broadcast message id (64 bits) as 16 hex digits. */
    public static String messageId(long id) {
        return String.format("%016x", id);
    }

    /** A message id from 16 hex digits; a {@link Fields.BadRequest} naming {@code what} otherwise. */
    public static long toMessageId(String hex, String what) {
        if (hex == null || hex.length() != 16 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new Fields.BadRequest("'" + what + "' must be a message id of 16 hex digits, got '" + hex + "'");
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    /**
     * One first delivery of a broadcast message: {@code {messageId, origin, at, hops, atMillis, epochMillis}}, with
     * {@code atMillis} on the node's scheduler clock and {@code epochMillis} the same moment in Unix epoch
     * milliseconds ({@code atMillis + epochOffsetMillis}), the reference that node hosts share.
     */
    public static Map<String, Object> delivery(io.p2ptestbed.overlay.spi.Broadcast.Delivery d, long epochOffsetMillis) {
        return timed(d.messageId(), d.hops(), d.atMillis(), epochOffsetMillis, "origin", d.origin().toHex(), "at", d.at().toHex());
    }

    /** {@code {messageId, name1: value1, name2: value2, hops, atMillis, epochMillis}}: a delivery's or an answer's fields. */
    private static Map<String, Object> timed(long messageId, int hops, long atMillis, long epochOffsetMillis, String name1,
                                             Object value1, String name2, Object value2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", messageId(messageId));
        m.put(name1, value1);
        m.put(name2, value2);
        m.put("hops", hops);
        m.put("atMillis", atMillis);
        m.put("epochMillis", atMillis + epochOffsetMillis);
        return m;
    }

    /** A delivery read back, its time in epoch milliseconds (the common reference of all node hosts). */
    public static io.p2ptestbed.overlay.spi.Broadcast.Delivery toDelivery(Object json) {
        Fields f = Fields.of(json, "delivery");
        return new io.p2ptestbed.overlay.spi.Broadcast.Delivery(toMessageId(f.string("messageId"), "messageId"),
                f.nodeId("origin"), f.nodeId("at"), (int) f.integer("hops"), f.integer("epochMillis"));
    }

    /**
     * One answer to a message the node published (Gnutella's query hit at the querier):
     * {@code {messageId, responder, results, hops, atMillis, epochMillis}}, the times as in {@link #delivery}.
     */
    public static Map<String, Object> answer(io.p2ptestbed.overlay.spi.Broadcast.Answer a, long epochOffsetMillis) {
        return timed(a.messageId(), a.hops(), a.atMillis(), epochOffsetMillis, "responder", a.responder().toString(), "results",
                a.results());
    }

    /** An answer read back, its time in epoch milliseconds (the common reference of all node hosts). */
    public static io.p2ptestbed.overlay.spi.Broadcast.Answer toAnswer(Object json) {
        Fields f = Fields.of(json, "answer");
        return new io.p2ptestbed.overlay.spi.Broadcast.Answer(toMessageId(f.string("messageId"), "messageId"),
                f.address("responder"), (int) f.integer("results"), (int) f.integer("hops"), f.integer("epochMillis"));
    }

    /** A ring node's view: {@code {"successors": [contacts], "predecessor": contact|null}}. */
    public static Map<String, Object> ring(List<Contact> successors, Contact predecessor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("successors", contacts(successors));
        m.put("predecessor", predecessor == null ? null : contact(predecessor));
        return m;
    }

    /** A batch of route requests: {@code {"keys": [hex40, ...]}}. */
    public static Map<String, Object> routesRequest(List<NodeId> keys) {
        return Map.of("keys", keys.stream().map(NodeId::toHex).toList());
    }

    public static Map<String, Object> putResult(ValueStore.PutResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key().toHex());
        m.put("stored", r.stored());
        m.put("replicas", r.replicas());
        m.put("messages", r.messages());
        return m;
    }

    public static ValueStore.PutResult toPutResult(Object json) {
        Fields f = Fields.of(json, "put result");
        return new ValueStore.PutResult(f.nodeId("key"), (int) f.integer("replicas"), (int) f.integer("messages"));
    }

    /** {@code {key, found, value: hex|null, from: contact|null, hops, messages}}. */
    public static Map<String, Object> getResult(ValueStore.GetResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key().toHex());
        m.put("found", r.found());
        m.put("value", r.value() == null ? null : HexFormat.of().formatHex(r.value()));
        m.put("from", r.from() == null ? null : contact(r.from()));
        m.put("hops", r.hops());
        m.put("messages", r.messages());
        return m;
    }

    public static ValueStore.GetResult toGetResult(Object json) {
        Fields f = Fields.of(json, "get result");
        byte[] value = f.has("value") ? HexFormat.of().parseHex(f.string("value")) : null;
        Contact from = f.has("from") ? toContact(f.get("from")) : null;
        return new ValueStore.GetResult(f.nodeId("key"), value, from, (int) f.integer("hops"), (int) f.integer("messages"));
    }

    public static Map<String, Object> faultRule(FaultRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delayMs", r.delayMillis());
        m.put("jitterMs", r.jitterMillis());
        m.put("duplicate", r.duplicate());
        m.put("reorder", r.reorder());
        m.put("reorderMs", r.reorderMillis());
        m.put("loss", r.loss());
        m.put("peers", r.peers().stream().map(NodeAddress::toString).sorted().toList());
        return m;
    }

    /** One rule; absent fields are 0 (reorderMs defaults to 50 when reorder is set), absent peers means all. */
    public static FaultRule toFaultRule(Object json) {
        Fields f = Fields.of(json, "fault rule");
        f.onlyKnown("delayMs", "jitterMs", "duplicate", "reorder", "reorderMs", "loss", "peers");
        double reorder = f.probability("reorder");
        Set<NodeAddress> peers = new LinkedHashSet<>();
        if (f.has("peers")) {
            for (Object p : Fields.list(f.get("peers"), "peers")) {
                peers.add(Fields.parseAddress(String.valueOf(p), "peers"));
            }
        }
        try {
            return new FaultRule(f.optInteger("delayMs", 0), f.optInteger("jitterMs", 0), f.probability("duplicate"),
                    reorder, f.optInteger("reorderMs", reorder > 0 ? 50 : 0), f.probability("loss"), peers);
        } catch (IllegalArgumentException e) {
            throw new Fields.BadRequest(e.getMessage());
        }
    }

    /** {@code {"rules": [...]}} or a single rule object; {@code {}} means no rule. */
    public static List<FaultRule> toFaultRules(Object json) {
        Fields f = Fields.of(json, "faults");
        if (f.map().isEmpty()) {
            return List.of();
        }
        if (f.has("rules")) {
            f.onlyKnown("rules");
            List<FaultRule> rules = new ArrayList<>();
            for (Object o : Fields.list(f.get("rules"), "rules")) {
                rules.add(toFaultRule(o));
            }
            return rules;
        }
        return List.of(toFaultRule(json));
    }

    public static Map<String, Object> faultRules(List<FaultRule> rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rules", rules.stream().map(ControlJson::faultRule).toList());
        return m;
    }

    public static Map<String, Long> toStats(Object json) {
        Map<String, Long> out = new TreeMap<>();
        Fields.of(json, "stats").map().forEach((k, v) -> {
            if (!(v instanceof Number n)) {
                throw new Fields.BadRequest("stats value '" + k + "' is not a number");
            }
            out.put(k, n.longValue());
        });
        return out;
    }
}
