package io.p2ptestbed.features.world;

import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.attack.LookupTally;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.overlay.id.Contact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The neutral part of one scenario's attacks: the attack lab of the running network, the attackers to
 * close (sockets included) when the scenario ends, and the last batch of graded lookups. An overlay's own
 * attacks keep their state next to it (Kademlia's in {@code world.kademlia.KademliaAttacks}).
 */
public final class AttackWorld implements AutoCloseable {

    private final TestbedWorld world;
    private AttackLab lab;
    private final List<AutoCloseable> open = new ArrayList<>();

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
