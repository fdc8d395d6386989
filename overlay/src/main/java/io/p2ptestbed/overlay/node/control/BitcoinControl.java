package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.bitcoin.AddrMan;
import io.p2ptestbed.overlay.bitcoin.BitcoinView;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.RunningNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control interface's Bitcoin endpoints: what Heilman et al.'s eclipse reads and does through {@link BitcoinView}
 * in the JVM, for a node in a container. Every call runs on the node's own loop.
 * <pre>
 *   GET  /v1/peers     {"outbound": [ip:port...], "inbound": [ip:port...]}: the handshaken full outbound peers'
 *                      listening addresses (oldest first) and the inbound peers' source addresses
 *   GET  /v1/addrman   ?table=tried (default) | new | all | none: {"newCount", "triedCount", "entries": [{address, tried,
 *                      attempts, lastSuccess}...]} (lastSuccess in Bitcoin's seconds)
 *   POST /v1/restart   {"downMillis": 0..600000, "skipSeconds": 0..2592000 (optional, 0)}: BitcoinView.restart: keeps
 *                      the tables and anchors, drops every connection, refuses connections for downMillis, then opens
 *                      outbound connections again; the node's Bitcoin clock reads skipSeconds later afterwards
 * </pre>
 * 501 for a node without {@link BitcoinView}; 400 for a bad table or a bound out of range.
 */
final class BitcoinControl {

    /** The longest restart down time (10 minutes) and clock skip (30 days: Core's horizon for a terrible entry). */
    static final long MAX_DOWN_MILLIS = 600_000;
    static final long MAX_SKIP_SECONDS = 30L * 86_400;

    private BitcoinControl() {}

    interface Capability {
        BitcoinView of(RunningNode r);
    }

    static Map<String, Object> peers(RunningNode r, Capability view) throws Exception {
        BitcoinView v = view.of(r);
        return r.onLoop(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outbound", addresses(v.outboundPeers()));
            m.put("inbound", addresses(v.inboundPeers()));
            return m;
        });
    }

    static Map<String, Object> addrMan(RunningNode r, Capability view, String table) throws Exception {
        String t = table == null ? "tried" : table;
        if (!List.of("tried", "new", "all", "none").contains(t)) {
            throw new Fields.BadRequest("'table' must be tried, new, all or none, got '" + t + "'");
        }
        BitcoinView v = view.of(r);
        return r.onLoop(() -> {
            AddrMan m = v.addrMan();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("newCount", (long) m.newSize());
            out.put("triedCount", (long) m.triedSize());
            List<Object> entries = new ArrayList<>();
            if (!t.equals("none")) {
                for (AddrMan.Info e : m.entries()) {
                    if (t.equals("all") || e.tried() == t.equals("tried")) {
                        Map<String, Object> j = new LinkedHashMap<>();
                        j.put("address", e.address().toString());
                        j.put("tried", e.tried());
                        j.put("attempts", (long) e.attempts());
                        j.put("lastSuccess", e.lastSuccess());
                        entries.add(j);
                    }
                }
            }
            out.put("entries", entries);
            return out;
        });
    }

    static Map<String, Object> restart(RunningNode r, Capability view, Object body) throws Exception {
        Fields f = Fields.of(body, "restart request");
        f.onlyKnown("downMillis", "skipSeconds");
        f.get("downMillis");
        long down = f.integer("downMillis", 0, MAX_DOWN_MILLIS, 0);
        long skip = f.integer("skipSeconds", 0, MAX_SKIP_SECONDS, 0);
        BitcoinView v = view.of(r);
        return r.onLoop(() -> {
            v.restart(down, skip);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("restarted", true);
            m.put("downMillis", down);
            m.put("skipSeconds", skip);
            return m;
        });
    }

    private static List<Object> addresses(List<NodeAddress> as) {
        List<Object> l = new ArrayList<>(as.size());
        as.forEach(a -> l.add(a.toString()));
        return l;
    }
}
