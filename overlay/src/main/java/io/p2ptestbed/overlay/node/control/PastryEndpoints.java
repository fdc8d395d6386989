package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.node.RunningNode;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryDegreeView;
import io.p2ptestbed.overlay.pastry.PastryView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control interface's Pastry-only endpoint, under the protocol's name ({@link PastryView}): a node's state as
 * Rowstron and Druschel define it, read in its own process, so that proximity and eclipse steps read containers as
 * they read nodes in the JVM. Runs on the node's loop.
 * <pre>
 *   GET  /v1/pastry/state   {"leafSet": [contact...], "neighbourhoodSet": [contact...], "rows": [[contact...]...]}:
 *                           the leaf set (counter-clockwise half, then clockwise), the neighbourhood set (nearest by
 *                           measured round trip first), and each routing-table row's filled entries
 *   GET  /v1/pastry/degree  Singh et al.'s degree bound ({@link PastryDegreeView}): {"degreeBound": n, "audit": bool,
 *                           "backPointers": [contact...], "banned": [hex40...]}: the nodes that hold this node in their
 *                           table and that it accepted, and the ids banned by its audits (sorted); a node without the
 *                           bound (degreeBound 0) answers 0, false and empty lists
 *   GET  /v1/pastry/repair  {"table": bool}: whether the node repairs its routing table now
 *   POST /v1/pastry/repair  {"table": bool}: switches routing-table repair on or off (Rowstron and Druschel's failure
 *                           experiment, "no repair" then "repaired"); answers the state read back on the node's loop
 * </pre>
 */
final class PastryEndpoints {

    private PastryEndpoints() {}

    static Map<String, Object> state(RunningNode r, PastryView view) throws Exception {
        return r.onLoop(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("leafSet", ControlJson.contacts(view.leafSet()));
            m.put("neighbourhoodSet", ControlJson.contacts(view.neighbourhoodSet()));
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < view.config().rows(); i++) {
                rows.add(ControlJson.contacts(view.row(i)));
            }
            m.put("rows", rows);
            return m;
        });
    }

    static Map<String, Object> degree(RunningNode r, PastryView view) throws Exception {
        return r.onLoop(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            PastryDegreeView d = r.node().capability(PastryDegreeView.class).orElse(null);
            m.put("degreeBound", d == null ? 0 : d.auditConfig().degreeBound());
            m.put("audit", d != null && d.auditConfig().audit());
            m.put("backPointers", ControlJson.contacts(d == null ? List.of() : d.backPointers()));
            m.put("banned", d == null ? List.of() : d.banned().stream().map(NodeId::toHex).sorted().toList());
            return m;
        });
    }

    /** The routing-table repair switch: {@code body} null reads it, else {@code {"table": bool}} sets it first. */
    static Map<String, Object> repair(RunningNode r, PastryView view, Object body) throws Exception {
        Boolean on = null;
        if (body != null) {
            Fields f = Fields.of(body, "Pastry repair request");
            f.onlyKnown("table");
            if (!f.has("table")) {
                throw new Fields.BadRequest("Pastry repair request needs member 'table' (true: repair the routing table, "
                        + "false: leave it unrepaired)");
            }
            on = f.bool("table", false);
        }
        Boolean set = on;
        return r.onLoop(() -> {
            if (set != null) {
                view.setTableRepair(set);
            }
            return Map.of("table", view.tableRepair());
        });
    }
}
