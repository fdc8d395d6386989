package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.ethereum.EthTable;
import io.p2ptestbed.overlay.ethereum.EthereumView;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.RunningNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ethereum's own control endpoints ({@link EthereumView}), what Marcus et al.'s eclipse reads and does at a victim that
 * runs in its own process: {@code GET /v1/ethereum/peers} (its devp2p peers by direction, its discovery table, its
 * node db) and {@code POST /v1/ethereum/restart {downMillis}} (geth's restart: connections and table dropped, the db
 * kept and read for seeds). Both run on the node's loop.
 */
final class EthereumEndpoints {

    /** Longest restart the endpoint accepts (ms). */
    static final long MAX_DOWN_MILLIS = 600_000;

    private EthereumEndpoints() {}

    /** {@code {outbound:[ip:port], inbound:[ip:port], table:[ip:port], dbNodes, dbSeeds}}: listening (TCP) addresses. */
    static Map<String, Object> peers(RunningNode r, EthereumView view) throws Exception {
        return r.onLoop(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outbound", addresses(view.outboundPeers()));
            m.put("inbound", addresses(view.inboundPeers()));
            List<NodeAddress> table = new ArrayList<>();
            for (EthTable.Node n : view.table().nodes()) {
                table.add(n.tcpAddress());
            }
            m.put("table", addresses(table));
            m.put("dbNodes", (long) view.db().size());
            m.put("dbSeeds", (long) view.db().seedNodes().size());
            return m;
        });
    }

    /** Restarts the node for {@code downMillis} (0 to 600,000; default 5,000), keeping its db. */
    static Map<String, Object> restart(RunningNode r, EthereumView view, Object body) throws Exception {
        Fields f = Fields.of(body, "ethereum restart request");
        f.onlyKnown("downMillis");
        long down = f.integer("downMillis", 0, MAX_DOWN_MILLIS, 5_000);
        r.onLoop(() -> {
            view.restart(down);
            return null;
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("restarted", true);
        m.put("downMillis", down);
        return m;
    }

    private static List<Object> addresses(List<NodeAddress> as) {
        List<Object> out = new ArrayList<>();
        for (NodeAddress a : as) {
            out.add(a.toString());
        }
        return out;
    }
}
