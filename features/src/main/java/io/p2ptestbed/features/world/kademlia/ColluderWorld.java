package io.p2ptestbed.features.world.kademlia;

import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.attack.CollusionSweep;
import io.p2ptestbed.harness.kademlia.attack.Colluders;
import io.p2ptestbed.harness.kademlia.attack.DisjointSweep;
import io.p2ptestbed.harness.kademlia.attack.EvictionWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the colluder steps measured in one scenario: the success curve and the eviction rounds. */
public final class ColluderWorld {

    public final List<DisjointSweep.Point> curve = new ArrayList<>();
    /** The sweeps of the colluding-adversary model, every strategy and presence measured in the scenario. */
    public final List<CollusionSweep.Point> collusionCurve = new ArrayList<>();
    public final List<EvictionWatch.Round> rounds = new ArrayList<>();
    /** Colluder share of honest routing-table entries when the colluders turned. */
    public AdversaryShare atTurn;
    /** The colluder entries honest routing tables held when the colluders turned. */
    public Set<Colluders.Entry> entriesAtTurn = Set.of();

    public static ColluderWorld of(TestbedWorld world) {
        return world.extension(ColluderWorld.class, ColluderWorld::new);
    }
}
