package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an iterative lookup found.
 *
 * @param closest   up to k contacts that answered, closest to the target first
 * @param peers     peers collected from get_peers "values"
 * @param tokens    write tokens from the nodes in {@code closest} that answered get_peers
 * @param hops      the longest chain of queries: a contact learnt from a depth-d reply has depth d+1
 * @param queries   queries sent
 * @param responses replies received
 * @param failures  queries that timed out or got an error
 */
public record LookupResult(NodeId target, LookupKind kind, List<Contact> closest, Set<NodeAddress> peers,
                           Map<NodeId, byte[]> tokens, int hops, int queries, int responses, int failures,
                           long startMillis, long endMillis) {

    public long durationMillis() {
        return endMillis - startMillis;
    }
}
