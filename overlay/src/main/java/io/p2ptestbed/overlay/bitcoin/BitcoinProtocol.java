package io.p2ptestbed.overlay.bitcoin;

import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.StreamOverlayProtocol;
import java.util.Map;

/**
 * Bitcoin-style gossip behind the overlay SPI, registered as {@value BitcoinNode#PROTOCOL}: Bitcoin's P2P wire
 * format over the stream transport, Core's address manager and connection slots, relay by inv / getdata / tx.
 * It routes no keys (it offers {@code Broadcast}, {@code Ping} and {@link BitcoinView}); its key space is nominal.
 * A node's id is the SHA-1 of its address (as Gnutella's), so deliveries name their origin.
 */
public final class BitcoinProtocol extends StreamOverlayProtocol {

    @Override
    public String name() {
        return BitcoinNode.PROTOCOL;
    }

    @Override
    public String description() {
        return "Bitcoin gossip: the P2P wire format (24-byte header, double-SHA-256 checksum), version/verack, inv -> "
                + "getdata -> tx/block relay with trickling, 8 outbound / 117 inbound slots, Core's addrman (new and tried "
                + "tables by /16 group), addr gossip, feelers, test-before-evict, anchors";
    }

    @Override
    public Map<String, String> defaults() {
        return BitcoinConfig.defaults().toParams();
    }

    @Override
    public void validate(ProtocolParams params) {
        BitcoinConfig.of(params);
    }

    @Override
    public long bytesPerNode(ProtocolParams params, int nodes) {
        // tables are allocated per bucket on use; about 1,000 known addresses per node at 10,000 nodes
        return 262_144;
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new BitcoinNode(c.id(), BitcoinConfig.of(c.params()), c.requireStreams(), c.scheduler(), c.rng());
    }
}
