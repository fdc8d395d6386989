package io.p2ptestbed.overlay.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.ethereum.Rlpx.FrameCodec;
import io.p2ptestbed.overlay.ethereum.Rlpx.Handshake;
import io.p2ptestbed.overlay.ethereum.Rlpx.RlpxException;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * The frame codec and the handshake parsers against malformed input: every bit flip, truncation or extension of a
 * frame, and any bytes as an auth or ack, are refused with an {@link RlpxException} naming what is wrong (never another
 * exception); the node-level counting and closing is in {@code EthSimTest}.
 */
class RlpxFuzzTest {

    private static final NodeKey A = NodeKey.generate(new SplittableRandom(21));
    private static final NodeKey B = NodeKey.generate(new SplittableRandom(22));

    /** One real handshake's codecs (never used: each property copies their fresh states). */
    private static final FrameCodec[] BASE = pair(1, true);

    /** Both ends' codecs as they were after the handshake. */
    private static FrameCodec[] fresh() {
        FrameCodec[] out = new FrameCodec[2];
        for (int i = 0; i < 2; i++) {
            FrameCodec c = BASE[i];
            out[i] = new FrameCodec(c.aesSecret, c.macSecret, new KeccakDigest(c.egress), new KeccakDigest(c.ingress));
        }
        return out;
    }

    /** Both ends' codecs after a real handshake (seeded). */
    private static FrameCodec[] pair(long seed, boolean eip8) {
        Handshake a = Handshake.initiator(A, B.id(), new SplittableRandom(seed));
        Handshake b = Handshake.recipient(B, new SplittableRandom(seed + 1));
        a.onAck(b.onAuth(a.auth(eip8)));
        return new FrameCodec[] {a.codec(), b.codec()};
    }

    @Property(tries = 300)
    void everyBitFlipInAFrameIsRefused(@ForAll @Size(max = 300) byte[] msg, @ForAll @IntRange(min = 0, max = 100_000) int at,
                                       @ForAll @IntRange(min = 0, max = 7) int bit) {
        FrameCodec[] p = fresh();
        byte[] f = p[0].seal(msg);
        f[at % f.length] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> p[1].open(f)).isInstanceOf(RlpxException.class).hasMessageContaining("MAC");
    }

    @Property(tries = 300)
    void truncatedOrExtendedFramesAreRefused(@ForAll @Size(max = 300) byte[] msg, @ForAll @IntRange(min = -400, max = 64) int delta) {
        if (delta == 0) {
            return;
        }
        FrameCodec[] p = fresh();
        byte[] f = p[0].seal(msg);
        byte[] g = Arrays.copyOf(f, Math.max(0, f.length + delta));
        assertThatThrownBy(() -> p[1].open(g)).isInstanceOf(RlpxException.class).hasMessageContaining("RLPx");
    }

    @Property(tries = 50)
    void framesOpenInOrderOnTheOtherSide(@ForAll @Size(min = 1, max = 8) java.util.List<@Size(max = 600) byte[]> msgs) {
        FrameCodec[] p = fresh();
        for (byte[] m : msgs) {
            assertThat(p[1].open(p[0].seal(m))).isEqualTo(m);
            assertThat(p[0].open(p[1].seal(m))).isEqualTo(m);
        }
    }

    @Property(tries = 60)
    void anyBytesAsAnAuthOrAckAreRefusedWithAMessage(@ForAll @Size(max = 700) byte[] junk, @ForAll boolean asAck) {
        if (asAck) {
            Handshake a = Handshake.initiator(A, B.id(), new SplittableRandom(1));
            a.auth(true);
            assertThatThrownBy(() -> a.onAck(junk)).isInstanceOf(RlpxException.class);
        } else {
            assertThatThrownBy(() -> Handshake.recipient(B, new SplittableRandom(1)).onAuth(junk)).isInstanceOf(RlpxException.class);
        }
    }

    @Property(tries = 60)
    void anAlteredAuthIsRefused(@ForAll @IntRange(min = 0, max = 100_000) int at, @ForAll @IntRange(min = 0, max = 7) int bit,
                                @ForAll boolean eip8) {
        byte[] auth = Handshake.initiator(A, B.id(), new SplittableRandom(at)).auth(eip8);
        auth[at % auth.length] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> Handshake.recipient(B, new SplittableRandom(1)).onAuth(auth)).isInstanceOf(RlpxException.class)
                .hasMessageMatching(eip8 && at % auth.length < 2 ? ".*size prefix.*" : ".*ECIES (MAC mismatch|ephemeral key).*");
    }

    @Property(tries = 5)
    void anOversizedFrameHeaderIsRefused(@ForAll @IntRange(min = 1, max = 5) int blocks) {
        FrameCodec[] p = fresh();
        byte[] f = p[0].seal(new byte[16 * blocks]);
        byte[] longer = Arrays.copyOf(f, f.length + 16);
        assertThatThrownBy(() -> p[1].open(longer)).isInstanceOf(RlpxException.class).hasMessageContaining("header gives a frame of");
        assertThatThrownBy(() -> p[0].seal(new byte[Rlpx.MAX_FRAME + 1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
    }
}
