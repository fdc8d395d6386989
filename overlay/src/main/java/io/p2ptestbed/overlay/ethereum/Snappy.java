package io.p2ptestbed.overlay.ethereum;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.util.Arrays;

/**
 * Snappy's raw block format (no framing), as devp2p version 5 uses it (geth's p2p/rlpx.go with golang/snappy): after
 * both Hellos, when both ends speak version 5 or more, every message's data (the RLP after the message id) is
 * compressed. The codec is airlift's aircompressor (pure Java, so it runs in the node image without native code).
 * A payload whose declared decompressed size is over {@link #MAX_DECOMPRESSED} is refused before anything is
 * allocated, as geth refuses one over maxUint24; malformed input is refused with a message.
 */
public final class Snappy {

    /** geth's limit on a decompressed message: maxUint24 = 16 MiB - 1 bytes. */
    public static final int MAX_DECOMPRESSED = (1 << 24) - 1;

    private Snappy() {}

    public static byte[] compress(byte[] data) {
        SnappyCompressor c = new SnappyCompressor();
        byte[] out = new byte[c.maxCompressedLength(data.length)];
        int n = c.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    /** Decompresses a raw Snappy block, refusing it ({@link DevP2p.MalformedFrame}) when malformed or too large. */
    public static byte[] decompress(byte[] block) {
        int size = declaredLength(block);
        if (size > MAX_DECOMPRESSED) {
            throw new DevP2p.MalformedFrame("snappy: decompressed size " + size + " bytes is over the limit of " + MAX_DECOMPRESSED);
        }
        byte[] out = new byte[size];
        int n;
        try {
            n = new SnappyDecompressor().decompress(block, 0, block.length, out, 0, out.length);
        } catch (RuntimeException e) {
            throw new DevP2p.MalformedFrame("snappy: malformed block (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        if (n != size) {
            throw new DevP2p.MalformedFrame("snappy: block declares " + size + " bytes but decompresses to " + n);
        }
        return out;
    }

    /** The block's leading varint: its decompressed length (at most 5 bytes, at most 2^32 - 1). */
    static int declaredLength(byte[] block) {
        long v = 0;
        for (int i = 0; i < 5; i++) {
            if (i >= block.length) {
                throw new DevP2p.MalformedFrame("snappy: block ends inside its length varint");
            }
            int b = block[i] & 0xff;
            v |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (v > 0xffff_ffffL) {
                    throw new DevP2p.MalformedFrame("snappy: length varint over 32 bits");
                }
                return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
            }
        }
        throw new DevP2p.MalformedFrame("snappy: length varint longer than 5 bytes");
    }
}
