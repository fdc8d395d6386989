package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * Chord (Stoica et al., SIGCOMM 2001 / ToN 2003) behind the overlay SPI, registered as {@value #NAME}.
 * Parameters are {@link ChordConfig}'s components; the defences {@code bindIds}, {@code verifySuccessors}
 * and {@code crossCheck} are off (false, false, 1) by default. For honest address-bound ids use
 * {@link ChordIds#forAddress}.
 */
public final class ChordProtocol implements OverlayProtocol {

    public static final String NAME = "chord";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Chord: 160-bit ring, successor lists, stabilize/notify, fingers, iterative lookups, own UDP wire format";
    }

    @Override
    public KeySpace keySpace() {
        return KeySpaces.CLOCKWISE;
    }

    @Override
    public Map<String, String> defaults() {
        return ChordConfig.defaults().toParams();
    }

    @Override
    public void validate(ProtocolParams params) {
        ChordConfig.of(params);
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new ChordNode(c.id(), ChordConfig.of(c.params()), c.transport(), c.scheduler(), c.rng());
    }

    /** With {@code bindIds} an honest node's id is SHA-1 of its address, as the Chord paper suggests. */
    @Override
    public io.p2ptestbed.overlay.id.NodeId idFor(io.p2ptestbed.overlay.id.NodeAddress address,
                                                 java.util.random.RandomGenerator ids, ProtocolParams params) {
        io.p2ptestbed.overlay.id.NodeId drawn = io.p2ptestbed.overlay.id.NodeId.random(ids);
        return params.bool("bindIds") ? ChordIds.forAddress(address) : drawn;
    }

    /** The parameters of a config. */
    public ProtocolParams params(ChordConfig c) {
        return params(c.toParams());
    }
}
