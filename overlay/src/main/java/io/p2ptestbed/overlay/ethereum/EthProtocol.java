package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.StreamOverlayProtocol;
import java.util.Map;

/**
 * Ethereum's peer-to-peer layer behind the overlay SPI, registered as {@value EthNode#PROTOCOL}: discovery v4 over UDP
 * (Kademlia-like table of secp256k1 node ids) and devp2p connections on the stream transport with go-ethereum's
 * slot limits. It routes no keys for the harness (discovery lookups are internal); it offers {@code Broadcast},
 * {@code Ping} (a discv4 ping) and {@link EthereumView}. The harness id of a node is the SHA-1 of its address, as for
 * the other stream overlays; its Ethereum id is its public key, drawn from the node's share of the seed.
 */
public final class EthProtocol extends StreamOverlayProtocol {

    @Override
    public String name() {
        return EthNode.PROTOCOL;
    }

    @Override
    public String description() {
        return "Ethereum (go-ethereum 1.8): discovery v4 over UDP (RLP, secp256k1-signed ping/pong/findnode/neighbors, "
                + "bonding, 17 buckets of 16, IP limits, seed db) and devp2p Hello/Transactions on streams with maxpeers 25, "
                + "a third of them dialled";
    }

    @Override
    public Map<String, String> defaults() {
        return EthConfig.defaults().toParams();
    }

    @Override
    public void validate(ProtocolParams params) {
        EthConfig c = EthConfig.of(params);
        if (c.buckets() != 17 && c.buckets() != 257) {
            throw new IllegalArgumentException("parameter 'buckets' of protocol ethereum must be 17 (geth 1.8) or 257 (geth 1.7), got "
                    + c.buckets());
        }
        if (c.dialRatio() == 1) {
            throw new IllegalArgumentException("parameter 'dialRatio' of protocol ethereum must be 0 (geth 1.7) or at least 2, got 1");
        }
    }

    @Override
    public long bytesPerNode(ProtocolParams params, int nodes) {
        return 131_072;
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new EthNode(c.id(), NodeKey.generate(c.rng()).withRecoveries(Recoveries.forClock(c.scheduler())), EthConfig.of(c.params()), c.transport(), c.requireStreams(),
                c.scheduler(), c.rng());
    }
}
