package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;

/**
 * Ethereum's own capability: the node's devp2p peers by direction, its discovery table and node database, and a
 * restart that keeps the database (geth's nodes directory) and empties the table. All methods run on the node's
 * scheduler thread.
 */
public interface EthereumView {

    /** Listening addresses of the handshaken peers this node dialled, oldest first. */
    List<NodeAddress> outboundPeers();

    /** Listening addresses (source ip, Hello's listen port) of the handshaken inbound peers. */
    List<NodeAddress> inboundPeers();

    /** The 64-byte node id (the public key). */
    byte[] enodeId();

    EthTable table();

    NodeDb db();

    EthConfig config();

    /** Restarts: drops every connection and the table, is down for {@code downMillis}, then seeds from the db again. */
    void restart(long downMillis);
}
