package io.p2ptestbed.overlay.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenItemsTest {

    @Test
    void itemsKeepTheirTypeHopsAndStateThroughGrowth() {
        SeenItems s = new SeenItems();
        Object pending = new Object();
        for (int i = 0; i < 1_000; i++) {
            assertThat(s.add(1_000_003L * i, i % 2 + 1, i, i % 3 == 0 ? pending : new byte[] {(byte) i})).isEqualTo(i);
        }
        assertThat(s.size()).isEqualTo(1_000);
        assertThat(s.find(42)).isEqualTo(-1);
        assertThat(s.lookup(42)).isZero();
        assertThat(s.find(0)).isEqualTo(0); // id 0 is an id like any other
        for (int i = 0; i < 1_000; i++) {
            int slot = s.find(1_000_003L * i);
            assertThat(slot).isEqualTo(i);
            assertThat(SeenItems.typeOf(s.lookup(1_000_003L * i))).isEqualTo(i % 2 + 1);
            assertThat(SeenItems.hopsOf(s.lookup(1_000_003L * i))).isEqualTo(Math.min(255, i));
            if (i % 3 == 0) {
                assertThat(s.pending(slot)).isSameAs(pending);
                assertThat(s.frame(slot)).isNull();
                byte[] f = {1, 2, 3};
                assertThat(s.lookup(1_000_003L * i) & SeenItems.HAVE).isZero();
                s.have(1_000_003L * i, s.lookup(1_000_003L * i), f);
                assertThat(s.frame(slot)).isSameAs(f);
                assertThat(s.lookup(1_000_003L * i) & SeenItems.HAVE).isNotZero();
                assertThat(s.find(1_000_003L * i)).isEqualTo(slot);
                assertThat(s.pending(slot)).isNull();
                assertThat(SeenItems.hopsOf(s.lookup(1_000_003L * i))).isEqualTo(Math.min(255, i)); // kept by have
            } else {
                assertThat(s.frame(slot)).containsExactly((byte) i);
                assertThat(s.lookup(1_000_003L * i) & SeenItems.HAVE).isNotZero();
                assertThat(s.pending(slot)).isNull();
            }
        }
        assertThat(s.footprintBytes()).isGreaterThan(1_000L * 8).isLessThan(1_000L * 64);
    }
}
