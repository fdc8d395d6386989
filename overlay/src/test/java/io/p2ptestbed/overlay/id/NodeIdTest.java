package io.p2ptestbed.overlay.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NodeIdTest {

    private static final NodeId ZERO = new NodeId(0, 0, 0);

    @Provide
    Arbitrary<NodeId> ids() {
        return Arbitraries.bytes().array(byte[].class).ofSize(NodeId.BYTES).map(NodeId::fromBytes);
    }

    private static BigInteger big(NodeId id) {
        return new BigInteger(1, id.toBytes());
    }

    @Property(tries = 500)
    void bytes_shouldRoundTripThroughFromBytes(@ForAll("ids") NodeId id) {
        assertThat(NodeId.fromBytes(id.toBytes())).isEqualTo(id);
    }

    @Property(tries = 500)
    void hex_shouldRoundTripAndMatchTheBytes(@ForAll("ids") NodeId id) {
        String hex = id.toHex();
        assertThat(hex).hasSize(40).isEqualTo(HexFormat.of().formatHex(id.toBytes()));
        assertThat(NodeId.fromHex(hex)).isEqualTo(id);
        assertThat(NodeId.fromHex(hex.toUpperCase())).isEqualTo(id);
        assertThat(id.shortHex()).isEqualTo(hex.substring(0, 8));
    }

    @Test
    void fromBytes_shouldReadBigEndianAcrossAllThreeWords() {
        byte[] b = new byte[NodeId.BYTES];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i + 1);
        }
        NodeId id = NodeId.fromBytes(b);
        assertThat(id.hi()).isEqualTo(0x0102030405060708L);
        assertThat(id.mid()).isEqualTo(0x090A0B0C0D0E0F10L);
        assertThat(id.lo()).isEqualTo(0x11121314);
        assertThat(id.toHex()).isEqualTo("0102030405060708090a0b0c0d0e0f1011121314");
    }

    @Test
    void fromBytes_shouldHonourTheOffsetAndWriteToTheSameOffset() {
        NodeId id = NodeId.fromHex("ffeeddccbbaa99887766554433221100a1b2c3d4");
        byte[] buf = new byte[27];
        id.writeTo(buf, 7);
        assertThat(NodeId.fromBytes(buf, 7)).isEqualTo(id);
        assertThat(buf[6]).isZero();
    }

    @Test
    void fromBytes_shouldRejectFewerThan20Bytes() {
        assertThatThrownBy(() -> NodeId.fromBytes(new byte[19])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeId.fromBytes(new byte[25], 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromHex_shouldRejectWrongLengthAndNonHexDigits() {
        assertThatThrownBy(() -> NodeId.fromHex("abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeId.fromHex("z".repeat(40))).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void xor_shouldBeBytewiseXorSelfInverseAndZeroWithItself(@ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
        byte[] expected = new byte[NodeId.BYTES];
        byte[] ab = a.toBytes();
        byte[] bb = b.toBytes();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (ab[i] ^ bb[i]);
        }
        assertThat(a.xor(b).toBytes()).isEqualTo(expected);
        assertThat(a.xor(b)).isEqualTo(b.xor(a));
        assertThat(a.xor(b).xor(b)).isEqualTo(a);
        assertThat(a.xor(a)).isEqualTo(ZERO);
    }

    @Test
    void commonPrefixLength_shouldBe160WhenEqual() {
        NodeId id = NodeId.fromHex("0123456789abcdef0123456789abcdef01234567");
        assertThat(id.commonPrefixLength(id)).isEqualTo(NodeId.BITS);
    }

    @Test
    void commonPrefixLength_shouldEqualTheIndexOfTheOnlyDifferingBitForEveryBit() {
        NodeId id = NodeId.random(new SplittableRandom(7));
        for (int i = 0; i < NodeId.BITS; i++) {
            NodeId other = id.flipBit(i);
            assertThat(id.commonPrefixLength(other)).as("bit %d", i).isEqualTo(i);
            assertThat(other.bit(i)).isNotEqualTo(id.bit(i));
            assertThat(other.flipBit(i)).isEqualTo(id);
        }
    }

    @Property(tries = 500)
    void commonPrefixLength_shouldMatchTheLeadingZerosOfTheXor(@ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
        BigInteger x = big(a.xor(b));
        int expected = x.signum() == 0 ? 160 : 160 - x.bitLength();
        assertThat(a.commonPrefixLength(b)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void bit_shouldMatchTheBigEndianBitOfTheBytes(@ForAll("ids") NodeId id, @ForAll @IntRange(max = 159) int i) {
        assertThat(id.bit(i)).isEqualTo(big(id).testBit(159 - i));
    }

    @Property(tries = 1000)
    void compareDistance_shouldOrderLikeTheUnsignedXorDistance(@ForAll("ids") NodeId target, @ForAll("ids") NodeId a,
                                                               @ForAll("ids") NodeId b) {
        int expected = big(a.xor(target)).compareTo(big(b.xor(target)));
        assertThat(Integer.signum(target.compareDistance(a, b))).isEqualTo(Integer.signum(expected));
        assertThat(target.compareDistance(a, a)).isZero();
    }

    @Test
    void compareDistance_shouldTreatHighBitsAsUnsigned() {
        NodeId target = ZERO;
        NodeId far = new NodeId(Long.MIN_VALUE, 0, 0); // top bit set: the farthest half of the space
        NodeId near = new NodeId(Long.MAX_VALUE, -1, -1);
        assertThat(target.compareDistance(near, far)).isNegative();
        NodeId loFar = new NodeId(0, 0, Integer.MIN_VALUE);
        NodeId loNear = new NodeId(0, 0, Integer.MAX_VALUE);
        assertThat(target.compareDistance(loNear, loFar)).isNegative();
    }

    @Property(tries = 500)
    void compareTo_shouldOrderLikeUnsignedBigEndianBytes(@ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(big(a).compareTo(big(b))));
    }

    @Test
    void randomInBucketOf_shouldShareExactlyPrefixLenBitsForEveryPrefixLength() {
        SplittableRandom rng = new SplittableRandom(42);
        NodeId self = NodeId.random(rng);
        for (int p = 0; p < NodeId.BITS; p++) {
            for (int n = 0; n < 5; n++) {
                NodeId r = self.randomInBucketOf(p, rng);
                assertThat(self.commonPrefixLength(r)).as("prefix %d", p).isEqualTo(p);
            }
        }
        assertThat(self.randomInBucketOf(NodeId.BITS, rng)).isEqualTo(self);
    }

    @Test
    void randomInBucketOf_shouldRandomiseTheBitsAfterThePrefix() {
        SplittableRandom rng = new SplittableRandom(3);
        NodeId self = NodeId.random(rng);
        NodeId a = self.randomInBucketOf(10, rng);
        NodeId b = self.randomInBucketOf(10, rng);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.commonPrefixLength(b)).isGreaterThanOrEqualTo(11);
    }

    @Test
    void random_shouldBeAPureFunctionOfTheGeneratorState() {
        assertThat(NodeId.random(new SplittableRandom(99))).isEqualTo(NodeId.random(new SplittableRandom(99)));
        assertThat(NodeId.random(new SplittableRandom(99))).isNotEqualTo(NodeId.random(new SplittableRandom(100)));
    }

    @Test
    void compactContact_shouldBe26BytesAndRoundTrip() {
        Contact c = new Contact(NodeId.fromHex("0102030405060708090a0b0c0d0e0f1011121314"), NodeAddress.of(127, 0, 0, 9, 6881));
        byte[] b = new byte[Contact.COMPACT_BYTES];
        c.writeCompact(b, 0);
        assertThat(Contact.COMPACT_BYTES).isEqualTo(26);
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("0102030405060708090a0b0c0d0e0f1011121314" + "7f000009" + "1ae1");
        assertThat(Contact.fromCompact(b, 0)).isEqualTo(c);
    }

    @Test
    void compactPeer_shouldBe6BytesBigEndianAndRoundTrip() {
        NodeAddress a = NodeAddress.of(192, 168, 1, 254, 65535);
        assertThat(a.toCompact()).containsExactly(0xC0, 0xA8, 0x01, 0xFE, 0xFF, 0xFF);
        assertThat(NodeAddress.fromCompact(a.toCompact(), 0)).isEqualTo(a);
        assertThat(a.toString()).isEqualTo("192.168.1.254:65535");
        assertThat(NodeAddress.parse("192.168.1.254:65535")).isEqualTo(a);
        assertThat(NodeAddress.from(a.toSocketAddress())).isEqualTo(a);
        assertThat(a.slash24()).isEqualTo(NodeAddress.of(192, 168, 1, 0, 1).slash24());
    }

    @Test
    void nodeAddress_shouldRejectBadPortsAndAddresses() {
        assertThatThrownBy(() -> new NodeAddress(0, 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeAddress(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeAddress.parse("1.2.3:80")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeAddress.parse("1.2.3.256:80")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeAddress.parse("no-port")).isInstanceOf(IllegalArgumentException.class);
    }
}
