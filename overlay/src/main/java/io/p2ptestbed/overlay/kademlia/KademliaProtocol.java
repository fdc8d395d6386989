package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/** Kademlia as BitTorrent's Mainline DHT (BEP 5) behind the overlay SPI; its parameters are {@link NodeConfig}'s. */
public final class KademliaProtocol implements OverlayProtocol {

    public static final String NAME = "kademlia";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Kademlia speaking BitTorrent's Mainline DHT (BEP 5): XOR metric, k-buckets, iterative alpha-lookups";
    }

    @Override
    public KeySpace keySpace() {
        return KeySpaces.XOR;
    }

    @Override
    public Map<String, String> defaults() {
        return toParams(NodeConfig.defaults());
    }

    @Override
    public void validate(ProtocolParams params) {
        config(params);
    }

    @Override
    public int resultSize(ProtocolParams params) {
        return config(params).k();
    }

    /**
     * The heap of one node of a converged network of {@code nodes}: bucket entries ({@link KBucket}: 40
     * bytes each), replacement caches (32 bytes a contact), bucket objects and arrays, the sibling list
     * (2k contacts of 32 bytes) and what every node holds whatever the size ({@link #FIXED_BYTES_PER_NODE}:
     * node, stats, codec, ring, token secrets, and the simulator's endpoint, handle and generators). A bucket
     * at common prefix length i expects (n - 1) / 2^(i+1) nodes and keeps at most k of them, with up to
     * replacementCacheSize more in its cache. The structural count is scaled by {@link #FILL}, calibrated on
     * measured live heaps after the build (docs/benchmarks.md, "A million simulated nodes"): tables of a
     * freshly built network are not all full.
     */
    @Override
    public long bytesPerNode(io.p2ptestbed.overlay.spi.ProtocolParams params, int nodes) {
        NodeConfig c = config(params);
        return estimateBytesPerNode(nodes, c.k(), c.replacementCacheSize());
    }

    static final long FIXED_BYTES_PER_NODE = 1_400;
    static final double FILL = 0.80;

    static long estimateBytesPerNode(int nodes, int k, int replacements) {
        double entries = 0;
        double cached = 0;
        double buckets = 0;
        for (int i = 0; i < 160; i++) {
            double expected = (nodes - 1) / StrictMath.pow(2, i + 1);
            if (expected < 0.5 && i > 0) {
                break;
            }
            buckets++;
            entries += Math.min(k, expected);
            cached += Math.min(replacements, Math.max(0, expected - k));
        }
        double tables = entries * 40 + cached * 32 + buckets * (40 + 16 + 16) + 2 * k * 32 + 16;
        return FIXED_BYTES_PER_NODE + Math.round(tables * FILL);
    }

    /** The last parameters parsed and their config: a network's nodes share one parameter set. */
    private volatile Parsed last;

    private record Parsed(ProtocolParams params, NodeConfig config) {}

    /** Kademlia's own defence syntax ({@link io.p2ptestbed.overlay.defence.DefenceSet#parse}), which includes the neutral ones. */
    @Override
    public java.util.Optional<io.p2ptestbed.overlay.spi.NodeDefences> ownDefences(String spec) {
        io.p2ptestbed.overlay.defence.DefenceSet set = io.p2ptestbed.overlay.defence.DefenceSet.parse(spec);
        return java.util.Optional.of(new io.p2ptestbed.overlay.spi.NodeDefences() {
            @Override
            public String spec() {
                return set.toString();
            }

            @Override
            public void install(OverlayNode node) {
                set.install(node.require(KademliaNode.class, "Kademlia's defences"));
            }

            @Override
            public boolean makesIds() {
                return set.has(io.p2ptestbed.overlay.defence.Bep42Config.NAME)
                        || set.has(io.p2ptestbed.overlay.defence.PuzzleConfig.NAME);
            }

            @Override
            public io.p2ptestbed.overlay.id.NodeId idFor(io.p2ptestbed.overlay.id.NodeAddress address,
                    java.util.random.RandomGenerator rng) {
                return makesIds() ? set.newIdentity(address, rng)
                        : io.p2ptestbed.overlay.spi.NodeDefences.super.idFor(address, rng);
            }
        });
    }

    @Override
    public OverlayNode create(NodeContext c) {
        Parsed p = last;
        if (p == null || p.params() != c.params()) {
            p = new Parsed(c.params(), config(c.params()));
            last = p;
        }
        return new KademliaOverlayNode(new KademliaNode(c.id(), p.config(), c.transport(), c.scheduler(), c.rng()));
    }

    /** The parameters of a config, by the record's component names. */
    public static Map<String, String> toParams(NodeConfig c) {
        return ProtocolParams.valuesOf(c);
    }

    /** The config of validated parameters; range errors name the parameter. */
    public static NodeConfig config(ProtocolParams p) {
        return new NodeConfig(p.intValue("k", 1, 64), p.intValue("alpha", 1, 32),
                p.longValue("queryTimeoutMillis", 1, 600_000), p.intValue("maxFailures", 1, 100),
                p.longValue("refreshIntervalMillis", 1_000, 86_400_000), p.longValue("tokenRotationMillis", 1_000, 86_400_000),
                p.longValue("peerTtlMillis", 1_000, 86_400_000), p.intValue("maxPeersPerReply", 1, 200),
                p.bool("pingBeforeEvict"), p.bool("preferOldContacts"), p.intValue("replacementCacheSize", 0, 64),
                p.bool("joinRefresh"));
    }

    /** The parameters of a config (for code that still builds a {@link NodeConfig}). */
    public ProtocolParams params(NodeConfig c) {
        return ProtocolParams.of(NAME, defaults(), toParams(c));
    }
}
