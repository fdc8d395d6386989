package io.p2ptestbed.overlay.superpeer;

import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.StreamOverlayProtocol;
import java.util.Map;

/**
 * The super-peer hybrid behind the SPI, registered as {@value SuperPeerNode#PROTOCOL}: on the stream transport
 * (leaf links and super-peer links are long-lived connections), unstructured key space, ids the SHA-1 of the
 * address.
 */
public final class SuperPeerProtocol extends StreamOverlayProtocol {

    @Override
    public String name() {
        return SuperPeerNode.PROTOCOL;
    }

    @Override
    public String description() {
        return "Super-peer hybrid (Kazaa, Skype): super-peers chosen by capacity index their leaves' files and flood "
                + "queries among themselves; leaves pick their parent from the super-peers' load and capacity";
    }

    @Override
    public Map<String, String> defaults() {
        return SuperPeerConfig.defaults().toParams();
    }

    @Override
    public void validate(ProtocolParams params) {
        SuperPeerConfig.of(params);
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new SuperPeerNode(c.id(), SuperPeerConfig.of(c.params()), c.requireStreams(), c.scheduler(), c.rng());
    }
}
