package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import java.util.Optional;

/**
 * Keeps contacts whose id is not bound to their IP by {@link Bep42} out of the routing table (and, when
 * configured, out of lookups). Reason: {@code "bep42: id not bound to 127.1.0.1"}. Counters
 * ({@code defence.bep42.*}): {@code checked}, {@code rejected}, {@code exempt}, {@code lookup_filtered}.
 */
public final class Bep42Policy extends IdCheckPolicy {

    private final Bep42Config config;

    public Bep42Policy(Bep42Config config) {
        super(new Counters("bep42", "checked", "rejected", "exempt", "lookup_filtered"), config.filterLookups());
        this.config = config;
    }

    @Override
    public String name() {
        return Bep42Config.NAME;
    }

    /** Whether the contact passes, counting exemptions. */
    @Override
    boolean passes(Contact c) {
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
}
