package io.p2ptestbed.overlay.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Snappy as devp2p version 5 uses it: raw blocks (the format description's vectors), devp2p frames whose data is
 * compressed, geth's 16 MiB limit, and malformed blocks refused with a {@link DevP2p.MalformedFrame} naming what is
 * wrong (never another exception).
 */
class SnappyTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void blocksOfTheFormatDescription() {
        // varint length 8, a literal of 4 (tag (4-1)<<2), a copy of 4 at offset 4 (tag 01, offset byte 04)
        assertThat(Snappy.decompress(HEX.parseHex("080c616263640104"))).isEqualTo("abcdabcd".getBytes(StandardCharsets.US_ASCII));
        // a copy with a 2-byte offset (tag (len-1)<<2 | 2): 3 literal bytes, then 6 bytes from offset 3 (overlapping)
        assertThat(Snappy.decompress(HEX.parseHex("0908787978160300"))).isEqualTo("xyxxyxxyx".getBytes(StandardCharsets.US_ASCII));
        assertThat(Snappy.compress(new byte[0])).containsExactly(0x00);
        assertThat(Snappy.decompress(new byte[] {0x00})).isEmpty();
        assertThat(Snappy.compress("a".getBytes(StandardCharsets.US_ASCII))).containsExactly(0x01, 0x00, 0x61);
        // a long run compresses to a few bytes and back
        byte[] run = new byte[100_000];
        byte[] c = Snappy.compress(run);
        assertThat(c.length).isLessThan(6_000);
        assertThat(Snappy.decompress(c)).isEqualTo(run);
    }

    @Test
    void oversizedTruncatedAndMalformedBlocksAreRefused() {
        // 16 MiB declared: over geth's maxUint24, refused before anything is allocated
        assertThatThrownBy(() -> Snappy.decompress(HEX.parseHex("8080800800"))).isInstanceOf(DevP2p.MalformedFrame.class)
                .hasMessageContaining("16777216 bytes is over the limit of 16777215");
        assertThatThrownBy(() -> Snappy.decompress(HEX.parseHex("ffffffffff0f"))).hasMessageContaining("longer than 5 bytes");
        assertThatThrownBy(() -> Snappy.decompress(HEX.parseHex("ffffffff7f"))).hasMessageContaining("over 32 bits");
        assertThatThrownBy(() -> Snappy.decompress(new byte[0])).hasMessageContaining("ends inside its length varint");
        // a copy before any literal (offset 4 into nothing)
        assertThatThrownBy(() -> Snappy.decompress(HEX.parseHex("040104"))).isInstanceOf(DevP2p.MalformedFrame.class)
                .hasMessageContaining("snappy: malformed block");
        // declares 9 bytes, holds 4
        assertThatThrownBy(() -> Snappy.decompress(HEX.parseHex("090c61626364"))).isInstanceOf(DevP2p.MalformedFrame.class)
                .hasMessageStartingWith("snappy: ");
    }

    @Test
    void devp2pFramesCompressTheirDataNotTheirId() {
        DevP2p.Msg st = DevP2p.Status.at(1, DevP2p.MAINNET_GENESIS);
        byte[] plain = DevP2p.encode(st);
        byte[] packed = DevP2p.encode(st, true);
        assertThat(packed[0]).as("the message id stays plain RLP").isEqualTo(plain[0]);
        assertThat(Snappy.decompress(java.util.Arrays.copyOfRange(packed, 1, packed.length)))
                .isEqualTo(java.util.Arrays.copyOfRange(plain, 1, plain.length));
        assertThat(DevP2p.decode(packed, true)).usingRecursiveComparison().isEqualTo(st);
        assertThat(DevP2p.encode(st, false)).isEqualTo(plain);
        // a compressed frame read as plain, and a plain one read as compressed, are refused
        assertThatThrownBy(() -> DevP2p.decode(plain, true)).isInstanceOf(DevP2p.MalformedFrame.class);
        assertThatThrownBy(() -> DevP2p.decode(new byte[0], true)).hasMessageContaining("empty frame");
    }

    @Property(tries = 300)
    void anyDataRoundTrips(@ForAll @Size(max = 5_000) byte[] data, @ForAll @IntRange(min = 0, max = 3) int repeat) {
        byte[] d = data;
        for (int i = 0; i < repeat; i++) {
            d = concat(d, d);
        }
        assertThat(Snappy.decompress(Snappy.compress(d))).isEqualTo(d);
    }

    @Property(tries = 500)
    void anyBytesAsCompressedDataAreDecodedOrRefused(@ForAll @Size(max = 400) byte[] block) {
        try {
            Snappy.decompress(block);
        } catch (DevP2p.MalformedFrame e) {
            assertThat(e.getMessage()).startsWith("snappy: ");
        }
    }

    @Property(tries = 300)
    void corruptedCompressedFramesAreDecodedOrRefused(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<DevP2p.Msg> ms = List.of(DevP2p.Status.at(1, DevP2p.MAINNET_GENESIS), new DevP2p.Disconnect(4), new DevP2p.PingMsg(),
                new DevP2p.Hello(5, "geth", List.of(new DevP2p.Cap("eth", 63)), 30303, new byte[64]));
        byte[] f = DevP2p.encode(ms.get(r.nextInt(ms.size())), true);
        byte[] bad = r.nextBoolean() ? java.util.Arrays.copyOf(f, r.nextInt(f.length)) : f.clone();
        if (bad.length > 0 && bad.length == f.length) {
            bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
        }
        try {
            DevP2p.decode(bad, true);
        } catch (DevP2p.MalformedFrame e) {
            assertThat(e.getMessage()).matches("(devp2p frame|snappy): .*");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
