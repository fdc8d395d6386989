package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.Set;

/**
 * Kills {@code fraction} of the live nodes (chosen by the nemesis' seeded generator among
 * {@code candidates}, or among all live nodes when empty) when invoked, and restarts them when healed.
 * Pure data: the harness carries it out through {@link ChurnControl}.
 */
public record ChurnBurst(double fraction, Set<NodeAddress> candidates) implements Fault {

    public ChurnBurst {
        Probability.check("churn fraction", fraction);
        candidates = Set.copyOf(candidates);
    }

    public static ChurnBurst of(double fraction) {
        return new ChurnBurst(fraction, Set.of());
    }

    @Override
    public String label() {
        return "churn " + Probability.percent(fraction) + " down";
    }
}
