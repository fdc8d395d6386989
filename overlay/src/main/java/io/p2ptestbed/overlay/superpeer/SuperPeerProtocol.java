package io.p2ptestbed.overlay.superpeer;

import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The super-peer hybrid behind the SPI, registered as {@value SuperPeerNode#PROTOCOL}: on the stream transport
 * (leaf links and super-peer links are long-lived connections), unstructured key space, ids the SHA-1 of the
 * address.
 */
public final class SuperPeerProtocol implements OverlayProtocol {

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
    public KeySpace keySpace() {
        return KeySpaces.UNSTRUCTURED;
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
    public NodeId idFor(NodeAddress address, RandomGenerator ids, ProtocolParams params) {
        NodeId.random(ids); // keep the id stream aligned with the other protocols
        return ChordIds.forAddress(address);
    }

    @Override
    public boolean usesStreams() {
        return true;
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new SuperPeerNode(c.id(), SuperPeerConfig.of(c.params()), c.requireStreams(), c.scheduler(), c.rng());
    }
}
