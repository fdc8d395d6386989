package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import java.util.Optional;

/**
 * An admission rule for the routing table (IP-diversity limits, BEP 42, crypto-puzzle ids,
 * reputation bans...). Returns a rejection reason, or empty to admit.
 */
@FunctionalInterface
public interface ContactPolicy {
    Optional<String> check(Contact candidate, RoutingTable table, int bucket);
}
