package io.p2ptestbed.overlay.transport.stream;

/**
 * The limits of one node's stream transport.
 *
 * @param maxInbound        inbound slots (Bitcoin Core: 117)
 * @param maxOutbound       outbound slots (Bitcoin Core: 8)
 * @param maxFrameBytes     the largest frame accepted or sent (payload, without the length prefix)
 * @param maxQueuedBytes    bytes queued towards one peer before the connection is closed as overloaded
 * @param connectTimeoutMillis how long a connect may wait for the remote end
 * @param stallTimeoutMillis   how long a frame may go undelivered (partition) before the connection breaks
 * @param idleTimeoutMillis    a connection whose peer sends nothing for this long is closed as half-open (0 = never)
 */
public record StreamLimits(int maxInbound, int maxOutbound, int maxFrameBytes, long maxQueuedBytes,
                           long connectTimeoutMillis, long stallTimeoutMillis, long idleTimeoutMillis) {

    /** Generous defaults: 128 inbound, 128 outbound, 64 KiB frames, 4 MiB queues, 10 s connect, 30 s stall, no idle limit. */
    public static final StreamLimits DEFAULT = new StreamLimits(128, 128, 64 * 1024, 4L << 20, 10_000, 30_000, 0);

    public StreamLimits {
        if (maxInbound < 0 || maxOutbound < 0) {
            throw new IllegalArgumentException("slot counts must be >= 0, got inbound " + maxInbound + ", outbound " + maxOutbound);
        }
        if (maxFrameBytes < 1 || maxFrameBytes > (1 << 24)) {
            throw new IllegalArgumentException("max frame size must be in [1, 16 MiB], got " + maxFrameBytes);
        }
        if (maxQueuedBytes < maxFrameBytes) {
            throw new IllegalArgumentException("the send queue (" + maxQueuedBytes + " bytes) must hold at least one frame ("
                    + maxFrameBytes + " bytes)");
        }
        if (connectTimeoutMillis < 1 || stallTimeoutMillis < 1 || idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("timeouts must be positive (idle: 0 = off), got connect " + connectTimeoutMillis
                    + ", stall " + stallTimeoutMillis + ", idle " + idleTimeoutMillis);
        }
    }

    /** Refuses a frame this transport may not send: empty, or longer than {@link #maxFrameBytes()}. */
    public void checkFrame(byte[] frame) {
        if (frame.length == 0) {
            throw new IllegalArgumentException("a frame cannot be empty");
        }
        if (frame.length > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes exceeds the maximum of " + maxFrameBytes);
        }
    }

    public StreamLimits withSlots(int inbound, int outbound) {
        return new StreamLimits(inbound, outbound, maxFrameBytes, maxQueuedBytes, connectTimeoutMillis, stallTimeoutMillis,
                idleTimeoutMillis);
    }

    public StreamLimits withMaxFrameBytes(int bytes) {
        return new StreamLimits(maxInbound, maxOutbound, bytes, Math.max(maxQueuedBytes, bytes), connectTimeoutMillis,
                stallTimeoutMillis, idleTimeoutMillis);
    }

    public StreamLimits withIdleTimeout(long millis) {
        return new StreamLimits(maxInbound, maxOutbound, maxFrameBytes, maxQueuedBytes, connectTimeoutMillis,
                stallTimeoutMillis, millis);
    }

    public StreamLimits withStallTimeout(long millis) {
        return new StreamLimits(maxInbound, maxOutbound, maxFrameBytes, maxQueuedBytes, connectTimeoutMillis, millis,
                idleTimeoutMillis);
    }
}
