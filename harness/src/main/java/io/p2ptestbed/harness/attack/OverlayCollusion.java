package io.p2ptestbed.harness.attack;

import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.collusion.CollusionSupport;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * One overlay's part in the colluding-adversary model: colluders are the network's own nodes, whose
 * transports it wraps before the network starts, so that they run the honest protocol and lie in their
 * routing replies by a {@link ColluderStrategy}, from the start or once turned ({@link ColluderPresence}).
 * Overlays register an implementation under {@code META-INF/services}; Kademlia and Chord do.
 */
public interface OverlayCollusion {

    /** The overlay's registered name, e.g. "kademlia". */
    String protocol();

    CollusionSupport support();

    /**
     * Makes the nodes at {@code colluders} collude; call before {@code rt.start()}. Refuses a strategy or
     * presence the overlay does not support ({@link CollusionSupport#require}).
     */
    Installed install(LocalRuntime rt, Set<NodeAddress> colluders, ColluderStrategy strategy, ColluderPresence presence);

    /** Installed colluders. */
    interface Installed {
        boolean isColluder(NodeAddress address);

        /** Makes more nodes collude (nodes whose transport was wrapped at start only). */
        void collude(Set<NodeAddress> more);

        /** Colluders lie from runtime time {@code millis} on. */
        void turnAt(long millis);

        /** Replies rewritten or dropped so far. */
        long lies();
    }

    /** The implementation registered for {@code protocol}, or a message naming the overlays that have one. */
    static OverlayCollusion of(String protocol) {
        List<String> known = new ArrayList<>();
        for (OverlayCollusion c : ServiceLoader.load(OverlayCollusion.class)) {
            if (c.protocol().equals(protocol)) {
                return c;
            }
            known.add(c.protocol());
        }
        throw new UnsupportedOperationException("the " + protocol + " overlay has no colluding-adversary model yet; overlays "
                + "with one: " + known + " (implement io.p2ptestbed.harness.attack.OverlayCollusion and list it under "
                + "META-INF/services)");
    }
}
