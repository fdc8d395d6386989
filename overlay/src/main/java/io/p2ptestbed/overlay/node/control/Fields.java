package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed, validating access to the members of a parsed JSON object; every problem is a {@link BadRequest}. */
public final class Fields {

    /** A request the control interface rejects with 400 and this message. */
    public static final class BadRequest extends IllegalArgumentException {
        public BadRequest(String message) {
            super(message);
        }
    }

    private final Map<String, Object> map;
    private final String what;

    private Fields(Map<String, Object> map, String what) {
        this.map = map;
        this.what = what;
    }

    @SuppressWarnings("unchecked")
    public static Fields of(Object json, String what) {
        if (!(json instanceof Map)) {
            throw new BadRequest(what + " must be a JSON object, got " + Json.typeName(json));
        }
        return new Fields((Map<String, Object>) json, what);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object json, String what) {
        if (!(json instanceof List)) {
            throw new BadRequest("'" + what + "' must be a JSON array, got " + Json.typeName(json));
        }
        return (List<Object>) json;
    }

    public Map<String, Object> map() {
        return map;
    }

    public boolean has(String name) {
        return map.containsKey(name) && map.get(name) != null;
    }

    public Object get(String name) {
        if (!has(name)) {
            throw new BadRequest(what + " needs member '" + name + "'");
        }
        return map.get(name);
    }

    /** Rejects members other than {@code known}: a typo must not silently mean "default". */
    public void onlyKnown(String... known) {
        Set<String> ok = Set.of(known);
        for (String k : map.keySet()) {
            if (!ok.contains(k)) {
                throw new BadRequest("unknown member '" + k + "' in " + what + "; known: " + String.join(", ", known));
            }
        }
    }

    public String string(String name) {
        Object v = get(name);
        if (!(v instanceof String s)) {
            throw new BadRequest("'" + name + "' must be a string, got " + Json.typeName(v));
        }
        return s;
    }

    public long integer(String name) {
        Object v = get(name);
        if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
            throw new BadRequest("'" + name + "' must be an integer, got " + Json.typeName(v) + " " + v);
        }
        return ((Number) v).longValue();
    }

    public long optInteger(String name, long dflt) {
        return has(name) ? integer(name) : dflt;
    }

    public long integer(String name, long min, long max, long dflt) {
        long v = optInteger(name, dflt);
        if (v < min || v > max) {
            throw new BadRequest("'" + name + "' must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    public double probability(String name) {
        if (!has(name)) {
            return 0;
        }
        Object v = get(name);
        if (!(v instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            throw new BadRequest("'" + name + "' must be a probability in [0, 1], got " + v);
        }
        return n.doubleValue();
    }

    public boolean bool(String name, boolean dflt) {
        if (!has(name)) {
            return dflt;
        }
        Object v = get(name);
        if (!(v instanceof Boolean b)) {
            throw new BadRequest("'" + name + "' must be true or false, got " + Json.typeName(v));
        }
        return b;
    }

    public NodeId nodeId(String name) {
        String s = string(name);
        if (!s.matches("[0-9a-fA-F]{40}")) {
            throw new BadRequest("'" + name + "' must be a node id of 40 hex digits, got '" + s + "'");
        }
        return NodeId.fromHex(s);
    }

    /** A byte string given as hex digits (an even number of them). */
    public byte[] hexBytes(String name) {
        String s = string(name);
        if (s.length() % 2 != 0 || !s.matches("[0-9a-fA-F]*")) {
            throw new BadRequest("'" + name + "' must be bytes as an even number of hex digits, got '"
                    + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'");
        }
        return java.util.HexFormat.of().parseHex(s);
    }

    public NodeAddress address(String name) {
        return parseAddress(string(name), name);
    }

    public LookupKind lookupKind(String name) {
        String s = has(name) ? string(name) : LookupKind.FIND_NODE.name();
        try {
            return LookupKind.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'" + name + "' must be FIND_NODE or GET_PEERS, got '" + s + "'");
        }
    }

    static NodeAddress parseAddress(String s, String name) {
        try {
            NodeAddress a = NodeAddress.parse(s);
            if (a.port() < 1 || a.port() > 0xFFFF) {
                throw new IllegalArgumentException("port out of range");
            }
            return a;
        } catch (RuntimeException e) {
            throw new BadRequest("'" + name + "' must be an IPv4 address with a port (a.b.c.d:port), got '" + s + "'");
        }
    }
}
