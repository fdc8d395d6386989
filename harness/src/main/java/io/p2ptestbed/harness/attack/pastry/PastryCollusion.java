package io.p2ptestbed.harness.attack.pastry;

import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.collusion.CollusionSupport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.pastry.PastryColluders;
import io.p2ptestbed.adversary.pastry.PastryLiar;
import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.harness.attack.OverlayCollusion;
import io.p2ptestbed.harness.attack.WrappedColluders;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import java.util.EnumSet;
import java.util.Set;

/**
 * Pastry's colluders in the one colluding-adversary model: the chosen nodes run the honest Pastry protocol over a
 * {@link PastryLiar}. Pastry routes recursively, so a colluder's lie is what it does with a route it is handed:
 * {@link ColluderStrategy#CLOSEST_COLLUDERS} ends it and answers the origin that the colluders numerically closest
 * to the key are its root and replica set ({@link PastryLie#MISROUTE}); {@link ColluderStrategy#FABRICATED_CONTACTS}
 * answers with made-up contacts around the key where nobody listens ({@link PastryLie#FABRICATE});
 * {@link ColluderStrategy#DROP} acknowledges the route and drops it ({@link PastryLie#DROP_ROUTES}). Joins are
 * served honestly. Fresh and same-few colluders are about iterative lookups that collect contacts (Kademlia).
 */
public final class PastryCollusion implements OverlayCollusion {

    public static final CollusionSupport SUPPORT = new CollusionSupport("Pastry",
            EnumSet.of(ColluderStrategy.CLOSEST_COLLUDERS, ColluderStrategy.FABRICATED_CONTACTS, ColluderStrategy.DROP), true,
            "recursive routes: a colluder handed a route ends it, naming the closest colluders or made-up contacts as the "
                    + "key's root, or drops it");

    @Override
    public String protocol() {
        return "pastry";
    }

    @Override
    public CollusionSupport support() {
        return SUPPORT;
    }

    static PastryLie lie(ColluderStrategy s) {
        return switch (s) {
            case CLOSEST_COLLUDERS -> PastryLie.MISROUTE;
            case FABRICATED_CONTACTS -> PastryLie.FABRICATE;
            case DROP -> PastryLie.DROP_ROUTES;
            default -> throw new UnsupportedOperationException(SUPPORT.overlay() + " colluders cannot '" + s.phrase() + "'");
        };
    }

    @Override
    public Installed install(LocalRuntime rt, Set<NodeAddress> colluders, ColluderStrategy strategy, ColluderPresence presence) {
        SUPPORT.require(strategy, presence);
        PastryLie lie = lie(strategy);
        PastryColluders members = new PastryColluders();
        WrappedColluders<PastryLiar> installed = new WrappedColluders<>("Pastry", colluders, presence.turnAtMillis(),
                PastryLiar::lies);
        LabGuard guard = LabGuard.loopbackOnly();
        int leafSet = PastryConfig.of(rt.scenario().protocol()).leafSet();
        rt.setTransportDecorator((address, transport, scheduler) -> {
            if (!installed.isColluder(address)) {
                return transport;
            }
            NodeId id = rt.nodes().stream().filter(n -> n.address().equals(address)).map(NodeHandle::id).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no node at colluder address " + address));
            members.add(new Contact(id, address));
            PastryLiar t = new PastryLiar(transport, guard, id, lie, members, leafSet,
                    () -> installed.lyingAt(scheduler.nowMillis()));
            installed.add(t);
            return t;
        });
        return installed;
    }
}
