package io.p2ptestbed.adversary.chord;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.chord.ChordMath;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Chord Sybils and colluders: placement of ground ids on the ring, and nodes that speak the real Chord
 * protocol through a {@link LyingTransport}.
 *
 * <p>Placement: ids evenly spread in (victim, victim's successor) take over the victim's successor list
 * (each in turn is the closest node after it); ids at victim + 2^i sit at the start of finger interval i and
 * become the victim's finger i. With the {@code bindIds} defence these ids are refused: the attacker must
 * instead {@link #grindAddress grind addresses} whose SHA-1 falls where it wants, about 2^160 / width tries
 * per Sybil, and it needs that many addresses.
 */
public final class ChordSybils {

    private ChordSybils() {}

    /** {@code count} ids evenly spread strictly inside the clockwise interval (a, b). */
    public static List<NodeId> idsBetween(NodeId a, NodeId b, int count) {
        BigInteger width = KeySpaces.CLOCKWISE.distance(a, b);
        BigInteger step = width.divide(BigInteger.valueOf(count + 1L));
        List<NodeId> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            out.add(KeySpaces.fromBig(KeySpaces.toBig(a).add(step.multiply(BigInteger.valueOf(i)))));
        }
        return out;
    }

    /** Ids at the starts of the victim's fingers {@code from..to} (inclusive): each becomes that finger. */
    public static List<NodeId> fingerIds(NodeId victim, int from, int to) {
        List<NodeId> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(ChordMath.plusPowerOfTwo(victim, i));
        }
        return out;
    }

    /**
     * Grinds lab addresses (ip base + i, fixed port) until one whose address-bound id lies in (a, b); empty
     * after {@code maxTries}. The price of a placed Sybil once ids are bound to addresses.
     */
    public static Optional<NodeAddress> grindAddress(NodeId a, NodeId b, int ipBase, int port, int maxTries, LabGuard guard) {
        for (int i = 0; i < maxTries; i++) {
            NodeAddress candidate = guard.check(new NodeAddress(ipBase + i, port), "sybil bind address");
            if (ChordMath.between(a, ChordIds.forAddress(candidate), b)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * A colluding Chord node with the given id on {@code raw} (opened by the runtime's transport factory): it
     * runs the honest protocol over a {@link LyingTransport} and joins the colluders.
     */
    public static OverlayNode create(NodeId id, Transport raw, Scheduler scheduler, RandomGenerator rng, ProtocolParams params,
                                     LabGuard guard, ChordLie lie, ChordColluders colluders) {
        LyingTransport t = new LyingTransport(raw, guard, lie, colluders);
        OverlayNode n = Protocols.get("chord").create(new NodeContext(id, t, scheduler, rng, params));
        colluders.add(n.contact());
        return n;
    }
}
