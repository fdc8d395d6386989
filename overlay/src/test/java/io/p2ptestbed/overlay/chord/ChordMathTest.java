package io.p2ptestbed.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpaces;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The unsigned-long ring arithmetic against BigInteger, with ids biased to limb boundaries and equal ids. */
class ChordMathTest {

    private static final BigInteger RING = BigInteger.ONE.shiftLeft(160);

    @Provide
    Arbitrary<NodeId> ids() {
        Arbitrary<Long> longs = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE));
        Arbitrary<Integer> ints = Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, -1, 1, Integer.MIN_VALUE));
        Arbitrary<NodeId> random = Combinators.combine(longs, longs, ints).as(NodeId::new);
        return Arbitraries.oneOf(random, Arbitraries.of(new NodeId(0, 0, 0), new NodeId(-1, -1, -1), new NodeId(5, 5, 5)));
    }

    private static BigInteger big(NodeId id) {
        return KeySpaces.toBig(id);
    }

    private static boolean bigBetween(NodeId a, NodeId x, NodeId b) {
        BigInteger dx = big(x).subtract(big(a)).mod(RING);
        BigInteger db = big(b).subtract(big(a)).mod(RING);
        if (db.signum() == 0) {
            return dx.signum() != 0;
        }
        return dx.signum() > 0 && dx.compareTo(db) < 0;
    }

    @Property(tries = 3000)
    void between_shouldMatchBigInteger(@ForAll("ids") NodeId a, @ForAll("ids") NodeId x, @ForAll("ids") NodeId b) {
        assertThat(ChordMath.between(a, x, b)).isEqualTo(bigBetween(a, x, b));
        assertThat(ChordMath.betweenRightIncl(a, x, b)).isEqualTo(x.equals(b) || bigBetween(a, x, b));
    }

    @Property(tries = 3000)
    void compareClockwise_shouldMatchBigInteger(@ForAll("ids") NodeId from, @ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
        BigInteger da = KeySpaces.CLOCKWISE.distance(from, a);
        BigInteger db = KeySpaces.CLOCKWISE.distance(from, b);
        assertThat(Integer.signum(ChordMath.compareClockwise(from, a, b))).isEqualTo(da.compareTo(db));
        assertThat(big(ChordMath.clockwiseDistance(from, a))).isEqualTo(da);
        assertThat(ChordMath.distanceHighBit(from, a)).isEqualTo(da.bitLength() - 1);
        assertThat(ChordMath.distanceHighBit(from, from)).isEqualTo(-1);
    }

    @Property(tries = 2000)
    void plusPowerOfTwo_shouldMatchBigInteger(@ForAll("ids") NodeId id, @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 159) int i) {
        assertThat(big(ChordMath.plusPowerOfTwo(id, i))).isEqualTo(big(id).add(BigInteger.ONE.shiftLeft(i)).mod(RING));
    }

    @Test
    void intervals_shouldFollowThePapersConventions() {
        NodeId a = new NodeId(0, 0, 10);
        NodeId b = new NodeId(0, 0, 20);
        assertThat(ChordMath.between(a, new NodeId(0, 0, 15), b)).isTrue();
        assertThat(ChordMath.between(a, a, b)).isFalse();
        assertThat(ChordMath.between(a, b, b)).isFalse();
        assertThat(ChordMath.betweenRightIncl(a, b, b)).isTrue();
        assertThat(ChordMath.between(b, new NodeId(0, 0, 5), a)).as("wraps around zero").isTrue();
        assertThat(ChordMath.between(a, b, a)).as("(a, a) is the ring but a").isTrue();
        assertThat(ChordMath.between(a, a, a)).isFalse();
        assertThat(ChordMath.betweenRightIncl(a, a, a)).as("(a, a] is the whole ring").isTrue();
    }
}
