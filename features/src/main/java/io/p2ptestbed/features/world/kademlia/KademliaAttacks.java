package io.p2ptestbed.features.world.kademlia;

import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.adversary.kademlia.peer.Collusion;
import io.p2ptestbed.features.world.AttackWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.attack.BackgroundLookups;
import io.p2ptestbed.harness.kademlia.attack.Colluders;
import io.p2ptestbed.harness.kademlia.attack.KeyCensors;
import io.p2ptestbed.harness.kademlia.attack.VictimEclipse;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kademlia's attacks in one scenario, next to the neutral {@link AttackWorld} (which holds the attack lab,
 * closes every attacker at the end and keeps the last graded lookups). The pieces are independent: a
 * scenario may combine an eclipse with colluders.
 */
public final class KademliaAttacks {

    private final TestbedWorld world;

    /** The eclipse being set up or run, if any. */
    public VictimEclipse eclipse;
    /** How Sybils answer queries (see {@link Behaviours}). */
    public Behaviour sybilBehaviour = Behaviours.parse(Behaviours.COLLUDERS_ONLY);
    /** Colluding members of the network, if any. */
    public Colluders colluders;
    /** Sybils next to a key, if any. */
    public KeyCensors censors;
    /** Peers honestly announced, per key name. */
    public final Map<String, Set<NodeAddress>> announced = new LinkedHashMap<>();

    private KademliaAttacks(TestbedWorld world) {
        this.world = world;
    }

    public static KademliaAttacks of(TestbedWorld world) {
        return world.extension(KademliaAttacks.class, () -> new KademliaAttacks(world));
    }

    /** Background lookups among the live nodes, closed at the end of the scenario. */
    public BackgroundLookups background(double perSecond) {
        AttackWorld attacks = AttackWorld.of(world);
        return attacks.closeLater(BackgroundLookups.start(world.runtime(), attacks.lab(), world.runtime().liveNodes(),
                perSecond, world.rng("background-lookups")));
    }

    /** Whether a contact belongs to any attacker of this scenario (Sybils, colluders, censors). */
    public Predicate<Contact> adversarial() {
        List<Collusion> all = new ArrayList<>();
        if (eclipse != null) {
            all.add(eclipse.collusion());
        }
        if (colluders != null) {
            all.add(colluders.collusion());
        }
        if (censors != null) {
            all.add(censors.collusion());
        }
        return c -> all.stream().anyMatch(x -> x.isAdversarial(c));
    }
}
