package io.p2ptestbed.harness.attack.chord;

import io.p2ptestbed.adversary.chord.ChordColluders;
import io.p2ptestbed.adversary.chord.ChordLie;
import io.p2ptestbed.adversary.chord.LyingTransport;
import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.collusion.CollusionSupport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.harness.attack.OverlayCollusion;
import io.p2ptestbed.harness.attack.WrappedColluders;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * Chord's colluders: the chosen nodes run the honest Chord protocol over a {@link LyingTransport}. A Chord
 * lookup asks each hop for its next hop (FIND_SUCCESSOR); the strategies that apply to such replies:
 * {@link ColluderStrategy#CLOSEST_COLLUDERS} answers "done: the successor is" the colluders closest
 * clockwise after the key ({@link ChordLie#CLAIM_KEYS}); {@link ColluderStrategy#DROP} never answers
 * ({@link ChordLie#DROP_LOOKUPS}). Fresh and same-few colluders are about iterative lookups that collect
 * contacts (Kademlia); fabricated contacts in next-hop replies are not implemented.
 */
public final class ChordCollusion implements OverlayCollusion {

    public static final CollusionSupport SUPPORT = new CollusionSupport("Chord",
            EnumSet.of(ColluderStrategy.CLOSEST_COLLUDERS, ColluderStrategy.DROP), true,
            "next-hop (FIND_SUCCESSOR) replies: closest colluders claim the key, drop never answers");

    @Override
    public String protocol() {
        return "chord";
    }

    @Override
    public CollusionSupport support() {
        return SUPPORT;
    }

    @Override
    public Installed install(LocalRuntime rt, Set<NodeAddress> colluders, ColluderStrategy strategy, ColluderPresence presence) {
        SUPPORT.require(strategy, presence);
        ChordLie lie = strategy == ColluderStrategy.DROP ? ChordLie.DROP_LOOKUPS : ChordLie.CLAIM_KEYS;
        ChordColluders members = new ChordColluders();
        WrappedColluders<LyingTransport> installed = new WrappedColluders<>("Chord", colluders, presence.turnAtMillis(),
                LyingTransport::lies);
        LabGuard guard = LabGuard.loopbackOnly();
        rt.setTransportDecorator((address, transport, scheduler) -> {
            if (!installed.isColluder(address)) {
                return transport;
            }
            LyingTransport t = new LyingTransport(transport, guard, lie, members,
                    () -> installed.lyingAt(scheduler.nowMillis()), true);
            installed.add(t);
            return t;
        });
        return installed;
    }
}
