package io.p2ptestbed.harness.attack.chord;

import io.p2ptestbed.adversary.chord.ChordColluders;
import io.p2ptestbed.adversary.chord.ChordLie;
import io.p2ptestbed.adversary.chord.LyingTransport;
import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.collusion.CollusionSupport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.harness.attack.OverlayCollusion;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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
        Set<NodeAddress> colluding = new HashSet<>(colluders);
        AtomicLong turnAt = new AtomicLong(presence.turnAtMillis());
        List<LyingTransport> transports = new ArrayList<>();
        LabGuard guard = LabGuard.loopbackOnly();
        rt.setTransportDecorator((address, transport, scheduler) -> {
            if (!colluding.contains(address)) {
                return transport;
            }
            LyingTransport t = new LyingTransport(transport, guard, lie, members,
                    () -> scheduler.nowMillis() >= turnAt.get(), true);
            synchronized (transports) {
                transports.add(t);
            }
            return t;
        });
        return new Installed() {
            public boolean isColluder(NodeAddress address) {
                return colluding.contains(address);
            }

            public void collude(Set<NodeAddress> more) {
                if (!colluding.containsAll(more)) {
                    throw new UnsupportedOperationException("Chord colluders are chosen before the network starts; "
                            + "a sweep over colluder fractions runs on Kademlia");
                }
            }

            public void turnAt(long millis) {
                turnAt.set(millis);
            }

            public long lies() {
                synchronized (transports) {
                    return transports.stream().mapToLong(LyingTransport::lies).sum();
                }
            }
        };
    }
}
