package io.p2ptestbed.overlay.node;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A validated node configuration. Everything random about the node derives from {@code seed}: the
 * first split generator draws the node id (unless {@code fixedId} is given), the second one is the
 * node's own generator (transaction ids, token secrets, refresh targets). Splitting both in every
 * case keeps the node's generator the same whether or not the id is fixed.
 *
 * @param bind            local UDP endpoint; port 0 picks a free port
 * @param bootstrap       seed nodes, already resolved to IPv4 endpoints
 * @param config          protocol parameters
 * @param seed            the one seed of this node
 * @param fixedId         the id given on the command line, or null to derive it from the seed
 * @param logEverySeconds period of the STATS line; 0 disables it
 */
public record NodeSettings(NodeAddress bind, List<NodeAddress> bootstrap, NodeConfig config, long seed,
                           NodeId fixedId, long logEverySeconds) {

    public NodeSettings {
        bootstrap = List.copyOf(bootstrap);
        if (logEverySeconds < 0) {
            throw new IllegalArgumentException("logEverySeconds must be >= 0, got " + logEverySeconds);
        }
    }

    /** The node id: the fixed one, else the first draw of the seed. */
    public NodeId nodeId() {
        SplittableRandom root = new SplittableRandom(seed);
        NodeId derived = NodeId.random(root.split());
        return fixedId != null ? fixedId : derived;
    }

    /** A fresh copy of the node's generator (the second split of the seed). */
    public RandomGenerator nodeRandom() {
        SplittableRandom root = new SplittableRandom(seed);
        root.split();
        return root.split();
    }

    /**
     * The seed used when none is given: a mix of the bind address and port, so that nodes on
     * distinct endpoints get distinct ids without reading any entropy source.
     */
    public static long defaultSeed(NodeAddress bind) {
        long z = (Integer.toUnsignedLong(bind.ip()) << 16 | bind.port()) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
