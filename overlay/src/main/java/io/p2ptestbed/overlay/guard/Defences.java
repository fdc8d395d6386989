package io.p2ptestbed.overlay.guard;

import io.p2ptestbed.overlay.spi.NodeDefences;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.Protocols;

/**
 * The one place a defence spec is read for an overlay, for every runtime and the node process: the
 * overlay's own syntax when it has one ({@link OverlayProtocol#ownDefences}), otherwise the neutral
 * defences of {@link GuardSet}, installed through the node's {@code Guards}.
 */
public final class Defences {

    private Defences() {}

    /** Parses {@code spec} for the named overlay; an {@link IllegalArgumentException} names what is wrong. */
    public static NodeDefences parse(String protocolName, String spec) {
        java.util.Optional<NodeDefences> own = own(protocolName, spec);
        if (own.isPresent()) {
            return own.get();
        }
        GuardSet set;
        try {
            set = GuardSet.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad defence spec '" + spec + "' for the " + protocolName
                    + " overlay, which takes the neutral defences (" + GuardSet.NAMES + "): " + e.getMessage(), e);
        }
        return new NodeDefences() {
            @Override
            public String spec() {
                return set.toSpec();
            }

            @Override
            public void install(OverlayNode node) {
                set.install(node);
            }
        };
    }

    /**
     * The overlay's own reading of {@code spec} ({@link OverlayProtocol#ownDefences}), empty when the overlay
     * takes the neutral defences; an {@link IllegalArgumentException} names what is wrong in the spec.
     */
    public static java.util.Optional<NodeDefences> own(String protocolName, String spec) {
        OverlayProtocol protocol = Protocols.get(protocolName);
        try {
            return protocol.ownDefences(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad defence spec '" + spec + "': " + e.getMessage(), e);
        }
    }
}
