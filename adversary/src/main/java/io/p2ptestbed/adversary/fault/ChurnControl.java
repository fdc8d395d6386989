package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;

/**
 * The harness' side of a {@link ChurnBurst}: which nodes are up, and how to kill and restart one.
 * May be called on the attack scheduler's thread (for scheduled faults), so it must not block waiting
 * for that same scheduler (start a rejoin, do not await it).
 */
public interface ChurnControl {

    List<NodeAddress> liveNodes();

    void kill(NodeAddress node);

    void restart(NodeAddress node);
}
