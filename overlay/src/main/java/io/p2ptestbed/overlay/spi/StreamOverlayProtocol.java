package io.p2ptestbed.overlay.spi;

/**
 * The common part of the unstructured overlays on streams (Gnutella's flooding, Bitcoin's gossip, Ethereum's devp2p,
 * super-peers): an {@link UnstructuredOverlayProtocol} whose nodes need the stream transport.
 */
public abstract class StreamOverlayProtocol extends UnstructuredOverlayProtocol {

    @Override
    public boolean usesStreams() {
        return true;
    }
}
