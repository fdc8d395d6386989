package io.p2ptestbed.harness.attack.chord;

import io.p2ptestbed.adversary.chord.ChordColluders;
import io.p2ptestbed.adversary.chord.ChordLie;
import io.p2ptestbed.adversary.chord.ChordSybils;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chord attacks on a running in-JVM network: attacker nodes that speak the real Chord protocol (through
 * the adversary's lying transport) on this runtime's network, at lab attacker addresses (127.201.0.0 and
 * above), joined through the bootstrap nodes like any newcomer.
 */
public final class ChordAttacks {

    private ChordAttacks() {}

    /** What joined: the attackers' contacts and their shared colluder set. */
    public record Launched(List<Contact> contacts, ChordColluders colluders) {}

    private static LocalRuntime local(NetworkRuntime rt) {
        if (!"chord".equals(rt.scenario().protocolName())) {
            throw new UnsupportedCapabilityException("Chord attackers need a chord network; the scenario runs the "
                    + rt.scenario().protocolName() + " overlay");
        }
        if (!(rt instanceof LocalRuntime l)) {
            throw new UnsupportedCapabilityException("Chord attackers run in-process; the " + rt.kind().label()
                    + " runtime cannot host them yet");
        }
        return l;
    }

    /**
     * Sybils whose ids are chosen (ground) to sit where they eclipse the victim: the first half evenly
     * inside (victim, its successor), so that each in turn becomes the closest node after the victim and
     * together they fill its successor list; the rest at the starts of the victim's widest finger intervals
     * (victim + 2^159, + 2^158, ...), so that they become those fingers.
     */
    public static Launched groundSybils(NetworkRuntime runtime, NodeHandle victim, int count, ChordLie lie, RandomGenerator rng) {
        LocalRuntime rt = local(runtime);
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("the number of Sybils must be in [1, 10000], got " + count);
        }
        List<Contact> succ = victim.ring().map(NodeHandle.RingSnapshot::successors).orElse(List.of());
        if (succ.isEmpty()) {
            throw new IllegalStateException(victim + " has no successor yet: let the ring stabilise first");
        }
        int inList = (count + 1) / 2;
        List<NodeId> ids = new ArrayList<>(ChordSybils.idsBetween(victim.id(), succ.get(0).id(), inList));
        int fingers = count - inList;
        if (fingers > 0) {
            ids.addAll(ChordSybils.fingerIds(victim.id(), NodeId.BITS - fingers, NodeId.BITS - 1));
        }
        return launch(rt, ids, lie, rng);
    }

    /** Colluders with random ids, {@code count} of them, all telling the same lie. */
    public static Launched colluders(NetworkRuntime runtime, int count, ChordLie lie, RandomGenerator rng) {
        LocalRuntime rt = local(runtime);
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("the number of colluders must be in [1, 10000], got " + count);
        }
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(NodeId.random(rng));
        }
        return launch(rt, ids, lie, rng);
    }

    private static Launched launch(LocalRuntime rt, List<NodeId> ids, ChordLie lie, RandomGenerator rng) {
        LabGuard guard = LabGuard.loopbackOnly();
        ChordColluders colluders = new ChordColluders();
        List<OverlayNode> nodes = new ArrayList<>();
        int first = rt.extraNodes().size();
        for (int i = 0; i < ids.size(); i++) {
            int j = first + i;
            NodeAddress address = guard.check(Addresses.attacker(j / 250, j % 250, rt.labPort()), "chord attacker");
            NodeId id = ids.get(i);
            RandomGenerator nodeRng = rt.seeds().stream("chord-attacker", j);
            nodes.add(rt.bootExtra(address, (t, s) -> ChordSybils.create(id, t, s, nodeRng, rt.scenario().protocol(),
                    guard, lie, colluders)));
        }
        rt.joinExtra(nodes);
        return new Launched(nodes.stream().map(OverlayNode::contact).toList(), colluders);
    }
}
