package io.p2ptestbed.overlay.pastry;

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
 * Pastry (Rowstron and Druschel, Middleware 2001) behind the overlay SPI, registered as {@value #NAME}.
 * Parameters are {@link PastryConfig}'s components. Keys belong to the live node numerically closest to
 * them in the first 128 bits ({@link KeySpaces#NUMERIC}).
 */
public final class PastryProtocol implements OverlayProtocol {

    public static final String NAME = "pastry";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Pastry: 128-bit ids, prefix routing with leaf set and neighbourhood set, proximity by measured RTT, "
                + "recursive routes, own UDP wire format";
    }

    @Override
    public KeySpace keySpace() {
        return KeySpaces.NUMERIC;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new java.util.LinkedHashMap<>(PastryConfig.defaults().toParams());
        m.putAll(PastryAuditConfig.OFF.toParams());
        return m;
    }

    @Override
    public void validate(ProtocolParams params) {
        PastryConfig.of(params);
        PastryAuditConfig.of(params);
    }

    /**
     * A 128-bit id drawn from the seed's id stream (the SPI id's last 32 bits zero); with {@code bindIds} the
     * certified id of the address instead (the draw is still made, so the stream stays aligned).
     */
    @Override
    public NodeId idFor(NodeAddress address, RandomGenerator ids, ProtocolParams params) {
        NodeId drawn = PastryIds.of(NodeId.random(ids));
        return params.bool("bindIds") ? PastryIds.forAddress(address) : drawn;
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new PastryNode(c.id(), PastryConfig.of(c.params()), PastryAuditConfig.of(c.params()), c.transport(),
                c.scheduler(), c.rng());
    }
}
