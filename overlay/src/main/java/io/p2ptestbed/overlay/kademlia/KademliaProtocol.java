package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.LinkedHashMap;
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
        Map<String, String> m = new LinkedHashMap<>();
        m.put("k", String.valueOf(c.k()));
        m.put("alpha", String.valueOf(c.alpha()));
        m.put("queryTimeoutMillis", String.valueOf(c.queryTimeoutMillis()));
        m.put("maxFailures", String.valueOf(c.maxFailures()));
        m.put("refreshIntervalMillis", String.valueOf(c.refreshIntervalMillis()));
        m.put("tokenRotationMillis", String.valueOf(c.tokenRotationMillis()));
        m.put("peerTtlMillis", String.valueOf(c.peerTtlMillis()));
        m.put("maxPeersPerReply", String.valueOf(c.maxPeersPerReply()));
        m.put("pingBeforeEvict", String.valueOf(c.pingBeforeEvict()));
        m.put("preferOldContacts", String.valueOf(c.preferOldContacts()));
        m.put("replacementCacheSize", String.valueOf(c.replacementCacheSize()));
        m.put("joinRefresh", String.valueOf(c.joinRefresh()));
        return m;
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
