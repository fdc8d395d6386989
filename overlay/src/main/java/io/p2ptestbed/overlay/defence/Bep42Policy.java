package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.kademlia.ContactPolicy;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Keeps contacts whose id is not bound to their IP by {@link Bep42} out of the routing table (and, when
 * configured, out of lookups). Reason: {@code "bep42: id not bound to 127.1.0.1"}. Counters
 * ({@code defence.bep42.*}): {@code checked}, {@code rejected}, {@code exempt}, {@code lookup_filtered}.
 */
public final class Bep42Policy implements Defence, ContactPolicy {

    private final Bep42Config config;
    private final Counters counters = new Counters("bep42", "checked", "rejected", "exempt", "lookup_filtered");
    private final SingleNode node = new SingleNode();
    private final Predicate<Contact> lookupFilter = this::admitsToLookup;

    public Bep42Policy(Bep42Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return Bep42Config.NAME;
    }

    @Override
    public void install(KademliaNode n) {
        node.bind(n, name()).table().addPolicy(this);
        if (config.filterLookups()) {
            n.addLookupFilter(lookupFilter);
        }
    }

    @Override
    public void uninstall(KademliaNode n) {
        n.table().removePolicy(this);
        n.removeLookupFilter(lookupFilter);
        node.release(n);
    }

    /** Whether the contact passes, counting exemptions. */
    private boolean passes(Contact c) {
        if (config.exemptLocal() && Bep42.isLocalNetwork(c.address().ip())) {
            counters.inc("exempt");
            return true;
        }
        return Bep42.isCompliant(c.id(), c.address().ip());
    }

    @Override
    public Optional<String> check(Contact candidate, RoutingTable table, int bucket) {
        counters.inc("checked");
        if (passes(candidate)) {
            return Optional.empty();
        }
        counters.inc("rejected");
        return Optional.of(Bep42Config.NAME + ": id not bound to " + candidate.address().host());
    }

    private boolean admitsToLookup(Contact c) {
        if (passes(c)) {
            return true;
        }
        counters.inc("lookup_filtered");
        return false;
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }
}
