package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpaces;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Pastry's digit and distance arithmetic against BigInteger and the SPI's numeric key space. */
class PastryIdsTest {

    private static BigInteger big(NodeId id) {
        return new BigInteger(1, id.toBytes()).shiftRight(32);
    }

    @Test
    void digits_shouldReadBFromTheTop() {
        NodeId id = new NodeId(0x1234_5678_9ABC_DEF0L, 0x0FED_CBA9_8765_4321L, 0x7777);
        assertThat(PastryIds.digit(id, 0, 4)).isEqualTo(1);
        assertThat(PastryIds.digit(id, 15, 4)).isEqualTo(0);
        assertThat(PastryIds.digit(id, 16, 4)).isEqualTo(0);
        assertThat(PastryIds.digit(id, 31, 4)).isEqualTo(1);
        assertThat(PastryIds.digit(id, 0, 8)).isEqualTo(0x12);
        assertThat(PastryIds.digit(id, 0, 1)).isEqualTo(0);
        assertThat(PastryIds.digit(id, 3, 1)).isEqualTo(1);
        assertThat(PastryIds.sharedDigits(id, new NodeId(0x1234_0000_0000_0000L, 0, 0), 4)).isEqualTo(4);
        assertThat(PastryIds.sharedDigits(id, new NodeId(id.hi(), id.mid(), 0), 4)).as("the last 32 bits are not Pastry's").isEqualTo(32);
    }

    @Test
    void replicaSet_shouldTakeHalfOnEachSideOfTheKey_evenWhenOneSideIsCloser() {
        NodeId key = new NodeId(0x8000_0000_0000_0000L, 0, 0);
        java.util.List<NodeId> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ids.add(new NodeId(0x8000_0000_0000_0000L + i, 0, 0));           // six very close clockwise
            ids.add(new NodeId(0x8000_0000_0000_0000L - 1000L * i, 0, 0));   // six farther counter-clockwise
        }
        ids.add(key); // a node at the key itself counts on the clockwise side
        java.util.List<NodeId> set = PastryIds.replicaSet(key, ids, 4);
        assertThat(set).containsExactly(key, new NodeId(0x8000_0000_0000_0001L, 0, 0),
                new NodeId(0x8000_0000_0000_0000L - 1000L, 0, 0), new NodeId(0x8000_0000_0000_0000L - 2000L, 0, 0));
        assertThat(PastryIds.replicaSet(key, ids.subList(0, 3), 8)).hasSize(3); // fewer ids than r: all of them
        // ids wrap around the ring: the counter-clockwise side of a key near 0 is near 2^128
        NodeId zero = new NodeId(0, 5, 0);
        assertThat(PastryIds.replicaSet(zero, java.util.List.of(new NodeId(-1L, 0, 0), new NodeId(0, 9, 0),
                new NodeId(0x4000_0000_0000_0000L, 0, 0)), 2)).containsExactly(new NodeId(0, 9, 0), new NodeId(-1L, 0, 0));
    }

    @Property(tries = 2000)
    void compareDistance_shouldAgreeWithBigIntegerAndTheSpi(@ForAll long kh, @ForAll long km, @ForAll long ah,
                                                            @ForAll long am, @ForAll long bh, @ForAll long bm) {
        NodeId key = new NodeId(kh, km, 5);
        NodeId a = new NodeId(ah, am, 0);
        NodeId b = new NodeId(bh, bm, 0);
        BigInteger ring = BigInteger.ONE.shiftLeft(128);
        BigInteger da = big(a).subtract(big(key)).mod(ring).min(big(key).subtract(big(a)).mod(ring));
        BigInteger db = big(b).subtract(big(key)).mod(ring).min(big(key).subtract(big(b)).mod(ring));
        int expected = da.compareTo(db) != 0 ? da.compareTo(db) : a.compareTo(b);
        assertThat(Integer.signum(PastryIds.compareDistance(key, a, b))).isEqualTo(Integer.signum(expected));
        assertThat(Integer.signum(KeySpaces.NUMERIC.compareDistance(key, a, b))).isEqualTo(Integer.signum(expected));
        assertThat(KeySpaces.NUMERIC.distance(key, a)).isEqualTo(da);
    }

    @Property(tries = 1000)
    void clockwiseComparison_shouldAgreeWithBigInteger(@ForAll long fh, @ForAll long fm, @ForAll long ah,
                                                       @ForAll long am, @ForAll long bh, @ForAll long bm) {
        NodeId from = new NodeId(fh, fm, 0);
        NodeId a = new NodeId(ah, am, 0);
        NodeId b = new NodeId(bh, bm, 0);
        BigInteger ring = BigInteger.ONE.shiftLeft(128);
        int cw = big(a).subtract(big(from)).mod(ring).compareTo(big(b).subtract(big(from)).mod(ring));
        int ccw = big(from).subtract(big(a)).mod(ring).compareTo(big(from).subtract(big(b)).mod(ring));
        assertThat(Integer.signum(PastryIds.compareClockwise(from, a, b))).isEqualTo(Integer.signum(cw));
        assertThat(Integer.signum(PastryIds.compareCounterClockwise(from, a, b))).isEqualTo(Integer.signum(ccw));
    }
}
