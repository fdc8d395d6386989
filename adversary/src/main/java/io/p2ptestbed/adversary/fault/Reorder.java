package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Reordering: with probability {@code p} a datagram in scope is held back a uniform [0, {@code maxExtraMillis}]
 * ms, so later datagrams overtake it.
 */
public record Reorder(double p, long maxExtraMillis, Set<NodeAddress> scope) implements LinkFault {

    public Reorder {
        Probability.check("reorder", p);
        Probability.checkMillis("reorder window", maxExtraMillis);
        scope = Set.copyOf(scope);
    }

    public static Reorder everywhere(double p, long maxExtraMillis) {
        return new Reorder(p, maxExtraMillis, Set.of());
    }

    @Override
    public LinkEffect apply(NodeAddress from, NodeAddress to, RandomGenerator rng) {
        if (!LinkFault.inScope(scope, from, to) || rng.nextDouble() >= p) {
            return LinkEffect.NONE;
        }
        return LinkEffect.delay(rng.nextLong(maxExtraMillis + 1));
    }

    @Override
    public String label() {
        return "reorder " + Probability.percent(p) + " within " + maxExtraMillis + "ms" + LinkFault.scopeLabel(scope);
    }
}
