package io.p2ptestbed.overlay.node;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaProtocol;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.spi.ProtocolParams;
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
 * @param params          the overlay protocol's name and validated parameters
 * @param seed            the one seed of this node
 * @param fixedId         the id given on the command line, or null to derive it from the seed
 * @param logEverySeconds period of the STATS line; 0 disables it
 * @param defences        defence set installed at start ({@code DefenceSet} spec syntax), {@code "none"} for none
 * @param lab             the network (IPv4 CIDR) the node's streams may connect to, besides 127.0.0.0/8: a container
 *                        runtime's lab network; {@link #LOOPBACK_LAB} on loopback
 */
public record NodeSettings(NodeAddress bind, List<NodeAddress> bootstrap, ProtocolParams params, long seed,
                           NodeId fixedId, long logEverySeconds, String defences, String lab) {

    /** The default lab: loopback only. */
    public static final String LOOPBACK_LAB = "127.0.0.0/8";

    public NodeSettings {
        if (lab == null || lab.isBlank()) {
            lab = LOOPBACK_LAB;
        }
        bootstrap = List.copyOf(bootstrap);
        if (defences == null || defences.isBlank()) {
            defences = "none";
        }
        if (logEverySeconds < 0) {
            throw new IllegalArgumentException("logEverySeconds must be >= 0, got " + logEverySeconds);
        }
    }

    /** Settings whose streams stay on loopback. */
    public NodeSettings(NodeAddress bind, List<NodeAddress> bootstrap, ProtocolParams params, long seed,
                        NodeId fixedId, long logEverySeconds, String defences) {
        this(bind, bootstrap, params, seed, fixedId, logEverySeconds, defences, LOOPBACK_LAB);
    }

    /** Settings without start-up defences. */
    public NodeSettings(NodeAddress bind, List<NodeAddress> bootstrap, ProtocolParams params, long seed,
                        NodeId fixedId, long logEverySeconds) {
        this(bind, bootstrap, params, seed, fixedId, logEverySeconds, "none");
    }

    /** The registered name of the overlay protocol, e.g. {@code kademlia} or {@code chord}. */
    public String protocol() {
        return params.protocol();
    }

    public boolean isKademlia() {
        return KademliaProtocol.NAME.equals(params.protocol());
    }

    /** The Kademlia configuration; only for the Kademlia overlay. */
    public NodeConfig config() {
        if (!isKademlia()) {
            throw new IllegalStateException("the " + protocol() + " overlay has no Kademlia configuration");
        }
        return KademliaProtocol.config(params);
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
