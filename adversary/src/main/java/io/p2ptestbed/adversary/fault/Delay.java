package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Adds {@code extraMillis} plus a uniform jitter in [0, {@code jitterMillis}] to each datagram in scope. */
public record Delay(long extraMillis, long jitterMillis, Set<NodeAddress> scope) implements LinkFault {

    public Delay {
        Probability.checkMillis("extra delay", extraMillis);
        Probability.checkMillis("jitter", jitterMillis);
        scope = Set.copyOf(scope);
    }

    public static Delay everywhere(long extraMillis, long jitterMillis) {
        return new Delay(extraMillis, jitterMillis, Set.of());
    }

    @Override
    public LinkEffect apply(NodeAddress from, NodeAddress to, RandomGenerator rng) {
        if (!LinkFault.inScope(scope, from, to)) {
            return LinkEffect.NONE;
        }
        return LinkEffect.delay(extraMillis + (jitterMillis == 0 ? 0 : rng.nextLong(jitterMillis + 1)));
    }

    @Override
    public String label() {
        return "delay +" + extraMillis + "ms" + (jitterMillis > 0 ? " ±" + jitterMillis + "ms" : "") + LinkFault.scopeLabel(scope);
    }
}
