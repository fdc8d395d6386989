package io.p2ptestbed.overlay.index;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;

/** The central index's messages; every one carries a 32-bit transaction id that its answer echoes. */
public sealed interface IndexMessage {

    int txid();

    /** A peer lists its files under {@code peer} (ip 0: the datagram's source ip). */
    record Register(int txid, NodeAddress peer, List<String> files) implements IndexMessage {}

    /** The index took a registration: listed at once, or once the probe is answered. */
    record Registered(int txid, boolean pending) implements IndexMessage {}

    /** Which peers share {@code file}? At most {@code want}. */
    record Query(int txid, String file, int want) implements IndexMessage {}

    /** A random subset of the peers listed for the file. */
    record Results(int txid, List<NodeAddress> peers) implements IndexMessage {}

    /** The reachability check: do you stand behind registration {@code registration}? */
    record Probe(int txid, int registration, long nonce) implements IndexMessage {}

    /** Yes: the nonce, back. */
    record ProbeAck(int txid, long nonce) implements IndexMessage {}

    record Ping(int txid) implements IndexMessage {}

    record Pong(int txid) implements IndexMessage {}
}
