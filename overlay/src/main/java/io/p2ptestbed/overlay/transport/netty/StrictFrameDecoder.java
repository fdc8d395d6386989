package io.p2ptestbed.overlay.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import java.util.List;

/**
 * Splits a TCP byte stream into frames of the stream transport's wire format: a 4-byte big-endian unsigned
 * length, then that many bytes. Strict: a zero length is malformed, a length above the maximum is oversized
 * (refused as soon as the prefix arrives, before any of the body is buffered), and bytes left over when the
 * connection ends (a truncated frame) are malformed. A violation raises a {@link FrameViolation} naming it; a
 * truncated frame, found as the connection closes, is passed on as the last inbound message instead.
 */
public final class StrictFrameDecoder extends ByteToMessageDecoder {

    public static final int PREFIX_BYTES = 4;

    private final int maxFrameBytes;

    public StrictFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** A framing violation, with the close reason it maps to. */
    public static final class FrameViolation extends RuntimeException {
        private final CloseReason reason;

        public FrameViolation(CloseReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public CloseReason reason() {
            return reason;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= PREFIX_BYTES) {
            long len = in.getUnsignedInt(in.readerIndex());
            if (len == 0) {
                in.skipBytes(in.readableBytes()); // a violation ends the stream: nothing after it is read
                throw new FrameViolation(CloseReason.MALFORMED, "zero-length frame");
            }
            if (len > maxFrameBytes) {
                in.skipBytes(in.readableBytes());
                throw new FrameViolation(CloseReason.OVERSIZED, "frame of " + len + " bytes exceeds the maximum of " + maxFrameBytes);
            }
            if (in.readableBytes() < PREFIX_BYTES + len) {
                return;
            }
            in.skipBytes(PREFIX_BYTES);
            byte[] frame = new byte[(int) len];
            in.readBytes(frame);
            out.add(frame);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (in.isReadable()) {
            int left = in.readableBytes();
            in.skipBytes(left);
            // the channel is closing: pass the violation on as the last message, ahead of channelInactive
            out.add(new FrameViolation(CloseReason.MALFORMED, "connection ended inside a frame (" + left + " bytes left over)"));
        }
    }
}
