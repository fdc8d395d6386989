package io.p2ptestbed.adversary.kademlia.poison;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.Set;

/**
 * What an index-poisoning run achieved.
 *
 * @param poisonedNodes  honest nodes that acknowledged at least one bogus announce
 * @param bogusPeers     the peer addresses announced (each Sybil's IP with the bogus port)
 * @param announcesSent  announce_peer queries sent with a token obtained from get_peers
 * @param announcesAcked of those, acknowledged (token accepted, peer stored)
 */
public record PoisoningResult(NodeId infoHash, Set<NodeAddress> poisonedNodes, Set<NodeAddress> bogusPeers,
                              int lookupQueries, int announcesSent, int announcesAcked) {}
