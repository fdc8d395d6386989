package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.bitcoin.AddrMan;
import io.p2ptestbed.overlay.bitcoin.BitcoinView;
import io.p2ptestbed.overlay.node.RunningNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control interface's Bitcoin-only endpoint, under the protocol's name: what Heilman et al.'s eclipse reads of a
 * victim's address manager in a container. (Its peers and restart are the neutral {@code GET /v1/peers} and
 * {@code POST /v1/restart}: {@link PeerControl}.) Runs on the node's own loop.
 * <pre>
 *   GET  /v1/bitcoin/addrman   ?table=tried (default) | new | all | none: {"newCount", "triedCount", "entries": [{address,
 *                              tried, attempts, lastSuccess}...]} (lastSuccess in Bitcoin's seconds)
 * </pre>
 * 400 for a bad table.
 */
final class BitcoinControl {

    private BitcoinControl() {}

    static Map<String, Object> addrMan(RunningNode r, BitcoinView v, String table) throws Exception {
        String t = table == null ? "tried" : table;
        if (!List.of("tried", "new", "all", "none").contains(t)) {
            throw new Fields.BadRequest("'table' must be tried, new, all or none, got '" + t + "'");
        }
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
}
