package io.p2ptestbed.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The primitive set behind lookups with filters behaves like the java.util one it replaces. */
class PrimitiveTablesTest {

    @Property(tries = 200)
    void idSet_shouldBehaveLikeAHashSetOnAll160Bits(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random rng = new Random(seed);
        IdSet set = new IdSet(rng.nextInt(100));
        Set<NodeId> reference = new HashSet<>();
        // Ids that differ in only one of the three parts must stay distinct.
        List<NodeId> pool = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long hi = rng.nextInt(3);
            long mid = rng.nextInt(3);
            int lo = rng.nextInt(3) - 1;
            pool.add(new NodeId(hi, mid, lo));
            pool.add(new NodeId(rng.nextLong(), rng.nextLong(), rng.nextInt()));
        }
        for (int op = 0; op < 1_000; op++) {
            NodeId id = pool.get(rng.nextInt(pool.size()));
            assertThat(set.add(id)).isEqualTo(reference.add(id));
            assertThat(set.size()).isEqualTo(reference.size());
        }
    }
}
