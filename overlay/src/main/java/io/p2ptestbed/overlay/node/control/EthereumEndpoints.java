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
 * The control interface's Ethereum-only endpoint, under the protocol's name ({@link EthereumView}): what Marcus et
 * al.'s eclipse reads of a victim's discovery state in its own process. (Its devp2p peers and geth's restart are the
 * neutral {@code GET /v1/peers} and {@code POST /v1/restart}: {@link PeerControl}.) Runs on the node's loop.
 * <pre>
 *   GET  /v1/ethereum/table   {"table": [ip:port...], "dbNodes", "dbSeeds"}: the discovery table's entries as listening
 *                             (TCP) addresses, the node db's size and how many of its nodes are seeds
 * </pre>
 */
final class EthereumEndpoints {

    private EthereumEndpoints() {}

    static Map<String, Object> table(RunningNode r, EthereumView view) throws Exception {
        return r.onLoop(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            List<NodeAddress> table = new ArrayList<>();
            for (EthTable.Node n : view.table().nodes()) {
                table.add(n.tcpAddress());
            }
            m.put("table", PeerControl.addresses(table));
            m.put("dbNodes", (long) view.db().size());
            m.put("dbSeeds", (long) view.db().seedNodes().size());
            return m;
        });
    }
}
