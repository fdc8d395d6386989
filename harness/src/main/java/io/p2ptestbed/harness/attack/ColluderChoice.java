package io.p2ptestbed.harness.attack;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which of a scenario's own nodes collude: never a bootstrap node; a seeded order, so a smaller share's
 * colluders stay colluders at a larger share. Known before the network starts (addresses follow the node
 * index), so colluders can be wrapped as they boot.
 */
public final class ColluderChoice {

    private ColluderChoice() {}

    /** The addresses of {@code fraction} of the scenario's nodes (rounded), bootstrap nodes excluded. */
    public static Set<NodeAddress> addresses(Scenario s, double fraction) {
        Set<NodeAddress> out = new HashSet<>();
        for (int i : indexes(s, fraction)) {
            out.add(Addresses.honest(i, Addresses.portFor(s.runtime())));
        }
        return out;
    }

    /**
     * The node indexes of {@code fraction} of the scenario's nodes (rounded), bootstrap nodes excluded, in the seeded
     * order: the same nodes as {@link #addresses} on every runtime (containers give their nodes other addresses).
     */
    public static List<Integer> indexes(Scenario s, double fraction) {
        List<Integer> order = new ArrayList<>();
        for (int i = s.bootstrapNodes(); i < s.nodes(); i++) {
            order.add(i);
        }
        RandomGenerator rng = new Seeds(s.seed()).stream("colluders", 0);
        for (int i = order.size() - 1; i > 0; i--) {
            Collections.swap(order, i, rng.nextInt(i + 1));
        }
        int n = (int) Math.round(fraction * s.nodes());
        if (n > order.size()) {
            throw new IllegalArgumentException("cannot make " + n + " of " + s.nodes() + " nodes colluders: only " + order.size()
                    + " are not bootstrap nodes");
        }
        return List.copyOf(order.subList(0, n));
    }
}
