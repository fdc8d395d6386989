package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Each datagram on a link touching {@code scope} (every link when empty) is lost with probability {@code p}. */
public record Loss(double p, Set<NodeAddress> scope) implements LinkFault {

    public Loss {
        Probability.check("loss", p);
        scope = Set.copyOf(scope);
    }

    public static Loss everywhere(double p) {
        return new Loss(p, Set.of());
    }

    @Override
    public LinkEffect apply(NodeAddress from, NodeAddress to, RandomGenerator rng) {
        return LinkFault.inScope(scope, from, to) && rng.nextDouble() < p ? LinkEffect.DROP : LinkEffect.NONE;
    }

    @Override
    public String label() {
        return "loss " + Probability.percent(p) + LinkFault.scopeLabel(scope);
    }
}
