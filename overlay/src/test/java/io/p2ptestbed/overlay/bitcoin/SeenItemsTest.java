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

    /** Session 18: a set have-bit always means the table says "have it"; a had item is answered by the bits. */
    @Test
    void haveBitsSayOnlyWhatTheTableSays() {
        SeenItems s = new SeenItems();
        java.util.SplittableRandom r = new java.util.SplittableRandom(18);
        long[] ids = new long[2_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = r.nextLong();
            s.add(ids[i], 1, 1, i % 4 == 0 ? new byte[] {1} : new Object()); // a quarter had at once, the rest pending
        }
        for (int i = 0; i < ids.length; i += 2) { // half of the pending ones arrive
            long v = s.lookup(ids[i]);
            if ((v & SeenItems.HAVE) == 0) {
                s.have(ids[i], v, new byte[] {2});
            }
        }
        int had = 0;
        int byBits = 0;
        for (long id : ids) {
            boolean have = (s.lookup(id) & SeenItems.HAVE) != 0;
            long n = ItemNumbers.number(id);
            boolean bit = n >= 0 && s.surelyHas(n);
            assertThat(!bit || have).as("a have-bit for an item the table does not have").isTrue();
            had += have ? 1 : 0;
            byBits += bit ? 1 : 0;
        }
        assertThat(had).isEqualTo(1_000); // 500 had at once (i % 4 == 0), 500 arrived (i % 4 == 2)
        assertThat(byBits).isGreaterThanOrEqualTo(had * 99 / 100); // all but items whose number was displaced
        for (long id : ids) { // items never seen by this table: no bit
            assertThat(s.surelyHas(-1)).isFalse();
            long other = id ^ 0x5555_5555_5555_5555L;
            long n = ItemNumbers.number(other);
            assertThat(n >= 0 && s.surelyHas(n)).isFalse();
        }
    }

    /** Session 18: an item numbered far from the others is kept in the table alone, and stays found there. */
    @Test
    void anItemNumberedFarAwayIsOnlyInTheTable() {
        SeenItems s = new SeenItems();
        long a = 0x1234_5678_9ABC_DEF1L;
        s.add(a, 1, 1, new byte[] {1});
        long na = ItemNumbers.number(a);
        assertThat(na).isNotNegative();
        assertThat(s.surelyHas(na)).isTrue();
        for (long i = 1; i <= 64L * SeenItems.MAX_HAVE_WORDS + 10; i++) { // numbers taken by items of other nodes
            ItemNumbers.intern(i * 0x9E37_79B9_7F4A_7C15L + 7);
        }
        long b = 0x0FED_CBA9_8765_4321L;
        s.add(b, 1, 1, new byte[] {2});
        long nb = ItemNumbers.number(b);
        assertThat(nb - na).isGreaterThan(64L * SeenItems.MAX_HAVE_WORDS);
        assertThat(s.surelyHas(nb)).isFalse(); // beyond the bits' window: the table answers
        assertThat(s.lookup(b) & SeenItems.HAVE).isNotZero();
        assertThat(s.surelyHas(na)).isTrue();
    }

    /** Session 18: numbers are never given twice; an id keeps its number while its entry stays. */
    @Test
    void itemNumbersAreNeverGivenTwice() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            long id = r.nextLong();
            long n = ItemNumbers.intern(id);
            assertThat(seen.add(n)).as("number %d given twice", n).isTrue();
            assertThat(ItemNumbers.intern(id)).isEqualTo(n);
            assertThat(ItemNumbers.number(id)).isEqualTo(n);
        }
        assertThat(ItemNumbers.number(0x7777_0000_1111_2222L)).isEqualTo(-1);
    }
}
