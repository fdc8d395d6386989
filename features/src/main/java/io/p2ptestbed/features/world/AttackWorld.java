package io.p2ptestbed.features.world;

import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.adversary.kademlia.peer.Collusion;
import io.p2ptestbed.features.world.kademlia.Behaviours;
import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.kademlia.attack.BackgroundLookups;
import io.p2ptestbed.harness.kademlia.attack.Colluders;
import io.p2ptestbed.harness.kademlia.attack.KeyCensors;
import io.p2ptestbed.harness.attack.LookupTally;
import io.p2ptestbed.harness.kademlia.attack.VictimEclipse;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The attacks of one scenario and what they measured; closes every attacker (sockets included) when
 * the scenario ends. The pieces are independent: a scenario may combine an eclipse with colluders.
 */
public final class AttackWorld implements AutoCloseable {

    private final TestbedWorld world;
    private AttackLab lab;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** The eclipse being set up or run, if any. */
    public VictimEclipse eclipse;
    /** How Sybils answer queries (see {@link Behaviours}). */
    public Behaviour sybilBehaviour = Behaviours.parse(Behaviours.COLLUDERS_ONLY);
    /** Colluding members of the network, if any. */
    public Colluders colluders;
    /** Sybils next to a key, if any. */
    public KeyCensors censors;
    /** Peers honestly announced, per key name. */
    public final java.util.Map<String, Set<NodeAddress>> announced = new java.util.LinkedHashMap<>();
    /** The last batch of lookups graded against honest ground truth, and how many batches ran. */
    public LookupTally lastTally;
    public int lookupBatches;

    private AttackWorld(TestbedWorld world) {
        this.world = world;
    }

    public static AttackWorld of(TestbedWorld world) {
        return world.extension(AttackWorld.class, () -> new AttackWorld(world));
    }

    /** Attack contexts for the running network (starts it if needed). */
    public AttackLab lab() {
        if (lab == null) {
            lab = CrossRuntime.attackLab(world.runtime(), world.rng("attack"));
        }
        return lab;
    }

    /** Registers something to close at the end of the scenario (attackers, background traffic). */
    public <T extends AutoCloseable> T closeLater(T c) {
        open.add(c);
        return c;
    }

    public BackgroundLookups background(double perSecond) {
        return closeLater(BackgroundLookups.start(world.runtime(), lab(), world.runtime().liveNodes(), perSecond,
                world.rng("background-lookups")));
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

    /** Marks attacker contacts for the report pictures. */
    public void showAttackers(List<Contact> contacts) {
        world.attackers().addAll(new LinkedHashSet<>(contacts));
    }

    public LookupTally lastTally() {
        if (lastTally == null) {
            throw new IllegalStateException("no lookups have been graded in this scenario yet");
        }
        return lastTally;
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // keep closing the others
            }
        }
    }
}
