package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.kademlia.ContactPolicy;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A routing-table policy on how a contact's id was made (bound to its IP by BEP 42, carrying a puzzle proof): the
 * table refuses contacts that fail the check, and with {@code filterLookups} on, lookups skip them too (counted as
 * {@code lookup_filtered}). Installs on one node at a time.
 */
abstract class IdCheckPolicy implements Defence, ContactPolicy {

    /** The defence's counters; {@code lookup_filtered} among them. */
    protected final Counters counters;
    private final boolean filterLookups;
    private final SingleNode node = new SingleNode();
    private final Predicate<Contact> lookupFilter = this::admitsToLookup;

    IdCheckPolicy(Counters counters, boolean filterLookups) {
        this.counters = counters;
        this.filterLookups = filterLookups;
    }

    /** Whether the contact's id passes the check. */
    abstract boolean passes(Contact c);

    @Override
    public void install(KademliaNode n) {
        node.bind(n, name()).table().addPolicy(this);
        if (filterLookups) {
            n.addLookupFilter(lookupFilter);
        }
    }

    @Override
    public void uninstall(KademliaNode n) {
        n.table().removePolicy(this);
        n.removeLookupFilter(lookupFilter);
        node.release(n);
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
