package io.p2ptestbed.overlay.bitcoin;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;

/**
 * Bitcoin's own capability: the node's connections by direction, its address manager, a restart that keeps
 * the address manager and anchors (Core's peers.dat and anchors.dat), and block publication. All methods run
 * on the node's scheduler thread.
 */
public interface BitcoinView {

    /** Listening addresses of the handshaken full outbound peers, oldest connection first. */
    List<NodeAddress> outboundPeers();

    /** Addresses of the inbound peers holding a slot (their source address). */
    List<NodeAddress> inboundPeers();

    /** The address manager (read it; do not change it from outside). */
    AddrMan addrMan();

    BitcoinConfig config();

    /**
     * Restarts the node: saves up to 2 outbound peers as anchors (when anchors are on), drops every connection,
     * refuses connections for {@code downMillis}, then opens outbound connections again from the kept tables.
     */
    void restart(long downMillis);

    /**
     * As {@link #restart(long)}, after which the node's Bitcoin clock (the seconds of addr times, last tries and
     * successes) reads {@code skipSeconds} later than its scheduler: as if the node had been down that much longer.
     * For real-time runs, where a restart hours after an attack cannot wait on the wall clock: the kept tables' entries
     * then age as they would have. Timers still run on the scheduler. {@code restart(d)} is {@code restart(d, 0)}.
     */
    void restart(long downMillis, long skipSeconds);

    /** Mines (without proof of work) and publishes a small block of {@code txs} transactions; returns its id. */
    long publishBlock(int txs);
}
