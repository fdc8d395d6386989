package io.p2ptestbed.overlay.gnutella;

import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.StreamOverlayProtocol;
import java.util.Map;

/**
 * Gnutella 0.4 flooding behind the overlay SPI, registered as {@value GnutellaNode#PROTOCOL}: an unstructured
 * overlay on the stream transport, with ping/pong, query/query hit, TTL and hops, duplicate suppression and a
 * random topology of mean degree {@code degree}. It routes no keys (it offers {@code Broadcast} and
 * {@link GnutellaSearch}); its key space is unstructured (reports draw it force-directed). A node's id is the SHA-1 of its address (as Chord's
 * bound ids), so every node can name a flood's origin from the descriptor id.
 */
public final class GnutellaProtocol extends StreamOverlayProtocol {

    @Override
    public String name() {
        return GnutellaNode.PROTOCOL;
    }

    @Override
    public String description() {
        return "Gnutella 0.4: flooding of pings and queries over TCP-like connections, TTL and hops, duplicate suppression, "
                + "random topology of mean degree d, query hits back along the reverse path";
    }

    @Override
    public Map<String, String> defaults() {
        return GnutellaConfig.defaults().toParams();
    }

    @Override
    public void validate(ProtocolParams params) {
        GnutellaConfig.of(params);
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new GnutellaNode(c.id(), GnutellaConfig.of(c.params()), c.requireStreams(), c.scheduler(), c.rng());
    }
}
