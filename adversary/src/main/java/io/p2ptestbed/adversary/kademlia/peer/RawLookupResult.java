package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an attacker's iterative lookup found.
 *
 * @param closest up to k contacts that answered, closest first
 * @param tokens  get_peers write tokens by responder id (only for contacts in {@code closest})
 * @param peers   "values" seen
 * @param queries queries sent
 */
public record RawLookupResult(NodeId target, List<Contact> closest, Map<NodeId, byte[]> tokens, Set<NodeAddress> peers,
                              int queries) {}
