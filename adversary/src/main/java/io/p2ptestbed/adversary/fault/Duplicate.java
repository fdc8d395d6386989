package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Each datagram in scope is delivered twice with probability {@code p}. */
public record Duplicate(double p, Set<NodeAddress> scope) implements LinkFault {

    private static final LinkEffect ONE_COPY = new LinkEffect(false, 0, 1);

    public Duplicate {
        Probability.check("duplication", p);
        scope = Set.copyOf(scope);
    }

    public static Duplicate everywhere(double p) {
        return new Duplicate(p, Set.of());
    }

    @Override
    public LinkEffect apply(NodeAddress from, NodeAddress to, RandomGenerator rng) {
        return LinkFault.inScope(scope, from, to) && rng.nextDouble() < p ? ONE_COPY : LinkEffect.NONE;
    }

    @Override
    public String label() {
        return "duplicate " + Probability.percent(p) + LinkFault.scopeLabel(scope);
    }
}
