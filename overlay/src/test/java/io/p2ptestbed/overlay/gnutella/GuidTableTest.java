package io.p2ptestbed.overlay.gnutella;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GuidTableTest {

    @Test
    void agreesWithAHashMapThroughGrowthAndClearing() {
        GuidTable<String> t = new GuidTable<>();
        Map<Descriptor.Guid, String> m = new HashMap<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5_000; i++) {
                // few distinct high halves, as ids from the same origin share them
                Descriptor.Guid g = new Descriptor.Guid(r.nextInt(4), r.nextInt(3) == 0 ? i : r.nextLong());
                String v = r.nextInt(5) == 0 ? null : "peer" + r.nextInt(10);
                t.put(g.hi(), g.lo(), v);
                m.put(g, v);
            }
            assertThat(t.size()).isEqualTo(m.size() - (m.containsKey(new Descriptor.Guid(0, 0)) ? 1 : 0));
            for (Map.Entry<Descriptor.Guid, String> e : m.entrySet()) {
                assertThat(t.contains(e.getKey().hi(), e.getKey().lo())).isTrue();
                assertThat(t.get(e.getKey().hi(), e.getKey().lo())).isEqualTo(e.getValue());
            }
            for (int i = 0; i < 1_000; i++) {
                long hi = 100 + r.nextInt(1000);
                assertThat(t.contains(hi, r.nextLong())).isFalse();
                assertThat(t.get(hi, r.nextLong())).isNull();
            }
            t.clear();
            m.clear();
            assertThat(t.size()).isZero();
        }
    }

    @Test
    void theAllZeroIdAndThisNodesOwnIdsAreKept() {
        GuidTable<String> t = new GuidTable<>();
        assertThat(t.contains(0, 0)).isFalse();
        t.put(0, 0, null);
        assertThat(t.contains(0, 0)).as("own id, all zero").isTrue();
        assertThat(t.get(0, 0)).isNull();
        t.put(0, 0, "p");
        assertThat(t.get(0, 0)).isEqualTo("p");
        t.put(1, 2, null);
        assertThat(t.contains(1, 2)).isTrue();
        assertThat(t.get(1, 2)).as("seen, from this node").isNull();
        t.clear();
        assertThat(t.contains(0, 0)).isFalse();
        assertThat(t.contains(1, 2)).isFalse();
    }
}
