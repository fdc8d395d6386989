package io.p2ptestbed.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The primitive collections behind the node's hot paths behave like the java.util ones they replace. */
class PrimitiveTablesTest {

    @Property(tries = 200)
    void intTable_shouldBehaveLikeAHashMap(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                           @ForAll @IntRange(min = 1, max = 70_000) int keyRange) {
        Random rng = new Random(seed);
        IntTable<String> table = new IntTable<>();
        Map<Integer, String> reference = new HashMap<>();
        for (int op = 0; op < 3_000; op++) {
            int key = rng.nextInt(Math.min(keyRange, 64 + op / 4));
            switch (rng.nextInt(3)) {
                case 0 -> {
                    table.put(key, "v" + op);
                    reference.put(key, "v" + op);
                }
                case 1 -> assertThat(table.remove(key)).isEqualTo(reference.remove(key));
                default -> assertThat(table.get(key)).isEqualTo(reference.get(key));
            }
            assertThat(table.size()).isEqualTo(reference.size());
        }
        for (int key = 0; key < Math.min(keyRange, 64 + 3_000 / 4); key++) {
            assertThat(table.get(key)).isEqualTo(reference.get(key));
            assertThat(table.containsKey(key)).isEqualTo(reference.containsKey(key));
        }
    }

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
