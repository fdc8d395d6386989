package io.p2ptestbed.adversary.kademlia.eclipse;

import io.p2ptestbed.adversary.kademlia.peer.Collusion;
import io.p2ptestbed.overlay.id.Contact;
import java.util.Collection;

/**
 * How many of a set of contacts (a routing table, a lookup's result, a find_node reply) are the
 * adversary's: a colluder's id, or any contact pointing at a colluder's address.
 */
public record AdversaryShare(int adversarial, int total) {

    public static AdversaryShare of(Collection<Contact> contacts, Collusion collusion) {
        int bad = 0;
        for (Contact c : contacts) {
            if (collusion.isAdversarial(c)) {
                bad++;
            }
        }
        return new AdversaryShare(bad, contacts.size());
    }

    /** Adversarial fraction in [0, 1]; 0 for an empty set. */
    public double fraction() {
        return total == 0 ? 0 : (double) adversarial / total;
    }

    public AdversaryShare plus(AdversaryShare o) {
        return new AdversaryShare(adversarial + o.adversarial, total + o.total);
    }

    @Override
    public String toString() {
        return adversarial + "/" + total + String.format(" (%.1f%%)", 100 * fraction());
    }
}
