package io.p2ptestbed.overlay.index;

import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.UnstructuredOverlayProtocol;
import java.util.Map;

/**
 * A central index (Napster's server, a BitTorrent tracker) behind the overlay SPI, registered as
 * {@value IndexNode#PROTOCOL}: over UDP datagrams, as BitTorrent's UDP tracker protocol (BEP 15), because every
 * exchange is one request and one answer with no connection state to keep, and per-datagram defences (the
 * neutral rate limit) and floods then work on it as on the DHTs. Unstructured key space; ids are the SHA-1 of
 * the address (as Gnutella's), so every node can name the index and the peers it lists.
 */
public final class IndexProtocol extends UnstructuredOverlayProtocol {

    @Override
    public String name() {
        return IndexNode.PROTOCOL;
    }

    @Override
    public String description() {
        return "Central index (Napster / tracker): peers register their files with one server over UDP, a search returns a "
                + "random subset of the peers sharing the file; reachability-checked registrations, modelled capacity";
    }

    @Override
    public Map<String, String> defaults() {
        return IndexConfig.defaults().toParams();
    }

    @Override
    public void validate(ProtocolParams params) {
        IndexConfig.of(params);
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new IndexNode(c.id(), IndexConfig.of(c.params()), c.transport(), c.scheduler(), c.rng());
    }
}
