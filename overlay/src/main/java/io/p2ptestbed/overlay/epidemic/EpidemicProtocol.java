package io.p2ptestbed.overlay.epidemic;

import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * The epidemic overlay (Demers et al. 1987 rumour mongering; Kermarrec, Massoulié and Ganesh 2003 gossip)
 * behind the SPI, registered as {@value #NAME}; parameters are {@link EpidemicConfig}'s. It offers
 * {@link io.p2ptestbed.overlay.spi.Broadcast} and no key routing: its key space is unstructured (ids only name
 * nodes; nothing is stored under keys), so reports draw it with a force-directed layout.
 */
public final class EpidemicProtocol implements OverlayProtocol {

    public static final String NAME = "epidemic";

    /** No key space to speak of ({@link KeySpaces#UNSTRUCTURED}). */
    public static final KeySpace UNSTRUCTURED = KeySpaces.UNSTRUCTURED;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Epidemic: push rumour mongering (Demers et al.) or fanout ln N + c gossip (Kermarrec et al.), "
                + "full or partial membership, own UDP wire format, Broadcast";
    }

    @Override
    public KeySpace keySpace() {
        return UNSTRUCTURED;
    }

    @Override
    public Map<String, String> defaults() {
        return EpidemicConfig.defaults().toParams();
    }

    @Override
    public void validate(ProtocolParams params) {
        EpidemicConfig.of(params);
    }

    @Override
    public OverlayNode create(NodeContext c) {
        return new EpidemicNode(c.id(), EpidemicConfig.of(c.params()), c.transport(), c.scheduler(), c.rng());
    }
}
