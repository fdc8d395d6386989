package io.p2ptestbed.overlay.transport.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.p2ptestbed.overlay.transport.netty.StrictFrameDecoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The stream framing, strictly: any split of valid frames decodes to the same frames; every violation is named. */
class StrictFrameDecoderTest {

    static final int MAX = 300;

    static byte[] encode(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            out.write(f.length >>> 24);
            out.write(f.length >>> 16);
            out.write(f.length >>> 8);
            out.write(f.length);
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    @Provide
    Arbitrary<List<byte[]>> frames() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(MAX).list().ofMaxSize(20);
    }

    @Property(tries = 300)
    void anySplitDecodesToTheSameFrames(@ForAll("frames") List<byte[]> frames,
                                        @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 50) Integer> cuts) {
        byte[] wire = encode(frames);
        EmbeddedChannel ch = new EmbeddedChannel(new StrictFrameDecoder(MAX));
        int at = 0;
        for (int cut : cuts) {
            int n = Math.min(cut, wire.length - at);
            ch.writeInbound(Unpooled.wrappedBuffer(wire, at, n));
            at += n;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(wire, at, wire.length - at));
        List<byte[]> got = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            got.add((byte[]) o);
        }
        ch.finishAndReleaseAll();
        assertEquals(frames.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(frames.get(i), got.get(i));
        }
    }

    @Property(tries = 300)
    void randomBytesEitherDecodeOrAreRefusedWithAReason(@ForAll @Size(max = 400) byte[] junk) {
        EmbeddedChannel ch = new EmbeddedChannel(new StrictFrameDecoder(MAX));
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(junk));
            ch.finish();
            for (Object o; (o = ch.readInbound()) != null; ) {
                if (o instanceof StrictFrameDecoder.FrameViolation v) {
                    assertEquals(CloseReason.MALFORMED, v.reason(), v.getMessage());
                }
            }
        } catch (DecoderException e) {
            StrictFrameDecoder.FrameViolation v = (StrictFrameDecoder.FrameViolation) e.getCause();
            assertEquals(true, v.reason() == CloseReason.MALFORMED || v.reason() == CloseReason.OVERSIZED, v.getMessage());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static CloseReason violation(byte[] wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new StrictFrameDecoder(MAX));
        DecoderException e = assertThrows(DecoderException.class, () -> {
            ch.writeInbound(Unpooled.wrappedBuffer(wire));
            ch.finish();
        });
        ch.finishAndReleaseAll();
        return ((StrictFrameDecoder.FrameViolation) e.getCause()).reason();
    }

    /** A frame cut off by the end of the connection: the violation is the last message before the close. */
    private static CloseReason truncated(byte[] wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new StrictFrameDecoder(MAX));
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        assertEquals((Object) null, ch.readInbound(), "nothing decodes from a partial frame");
        ch.finish();
        Object last = ch.readInbound();
        ch.finishAndReleaseAll();
        return ((StrictFrameDecoder.FrameViolation) last).reason();
    }

    @Test
    void violationsAreNamed() {
        assertEquals(CloseReason.MALFORMED, violation(new byte[] {0, 0, 0, 0}));
        assertEquals(CloseReason.OVERSIZED, violation(new byte[] {0, 0, 1, 45}));
        assertEquals(CloseReason.OVERSIZED, violation(new byte[] {(byte) 0x80, 0, 0, 1}));
        assertEquals(CloseReason.MALFORMED, truncated(new byte[] {0, 0, 0, 5, 1, 2}));
        assertEquals(CloseReason.MALFORMED, truncated(new byte[] {0, 0}));
        ByteBuf ok = Unpooled.wrappedBuffer(new byte[] {0, 0, 1, 44});
        EmbeddedChannel ch = new EmbeddedChannel(new StrictFrameDecoder(MAX));
        ch.writeInbound(ok);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[300]));
        assertEquals(300, ((byte[]) ch.readInbound()).length);
        ch.finishAndReleaseAll();
    }
}
