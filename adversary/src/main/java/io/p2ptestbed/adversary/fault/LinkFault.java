package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import io.p2ptestbed.overlay.transport.sim.LinkFilter;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A fault on links: decides, for one datagram from {@code from} to {@code to}, whether it is dropped,
 * delayed or copied. Being a {@link LinkFilter}, it installs directly on a {@code SimNetwork}; the
 * {@link FaultyTransport} applies the same decision to real sockets.
 */
public sealed interface LinkFault extends Fault, LinkFilter permits Partition, Loss, Delay, Duplicate, Reorder {

    @Override
    LinkEffect apply(NodeAddress from, NodeAddress to, RandomGenerator rng);

    /** Whether a scoped fault touches the link: an empty scope means every link. */
    static boolean inScope(Set<NodeAddress> scope, NodeAddress from, NodeAddress to) {
        return scope.isEmpty() || scope.contains(from) || scope.contains(to);
    }

    static String scopeLabel(Set<NodeAddress> scope) {
        return scope.isEmpty() ? "" : " at " + scope.size() + " node" + (scope.size() == 1 ? "" : "s");
    }
}
