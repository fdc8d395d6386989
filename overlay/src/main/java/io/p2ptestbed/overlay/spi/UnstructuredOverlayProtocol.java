package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.random.RandomGenerator;

/**
 * The common part of the unstructured overlays (a central index, super-peers, flooding, gossip): they route no keys,
 * so their key space is {@link KeySpaces#UNSTRUCTURED} (reports draw them force-directed), and a node's id is bound
 * to its address ({@link NodeId#ofAddress}), so every node can name a message's origin, the index or a listed peer
 * from the address it carries.
 */
public abstract class UnstructuredOverlayProtocol implements OverlayProtocol {

    @Override
    public KeySpace keySpace() {
        return KeySpaces.UNSTRUCTURED;
    }

    @Override
    public NodeId idFor(NodeAddress address, RandomGenerator ids, ProtocolParams params) {
        NodeId.random(ids); // keep the id stream aligned with the other protocols
        return NodeId.ofAddress(address);
    }
}
