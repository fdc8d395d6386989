package io.p2ptestbed.overlay.guard;

import io.p2ptestbed.overlay.id.Contact;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Refuses a new neighbour when the node already has {@code perTable} neighbours from its network prefix. */
final class PrefixLimit implements Predicate<Contact> {

    private final GuardSpec.IpDiversity spec;
    private final Supplier<List<Contact>> neighbours;
    private long refused;

    PrefixLimit(GuardSpec.IpDiversity spec, Supplier<List<Contact>> neighbours) {
        this.spec = spec;
        this.neighbours = neighbours;
    }

    @Override
    public boolean test(Contact candidate) {
        int same = 0;
        for (Contact c : neighbours.get()) {
            if (c.equals(candidate)) {
                return true;
            }
            if (GuardSet.samePrefix(c, candidate, spec.prefixBits())) {
                same++;
            }
        }
        if (same >= spec.perTable()) {
            refused++;
            return false;
        }
        return true;
    }

    Map<String, Long> counters() {
        return Map.of("ip_diversity.refused", refused);
    }
}
