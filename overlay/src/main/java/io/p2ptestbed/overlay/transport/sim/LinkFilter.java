package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.random.RandomGenerator;

/** A network fault installed on the simulated network (partition, loss, delay, duplication...). */
@FunctionalInterface
public interface LinkFilter {
    LinkEffect apply(NodeAddress from, NodeAddress to, RandomGenerator rng);
}
