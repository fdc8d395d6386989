package io.p2ptestbed.overlay.transport.stream;

import io.p2ptestbed.overlay.id.NodeAddress;

/** One established stream between two nodes, as one of its ends sees it. */
public interface Connection {

    /** Unique among this transport's connections. */
    long id();

    /** The remote end's address: its listening address for outbound connections, its source address for inbound. */
    NodeAddress remote();

    /** Whether the remote end opened it. */
    boolean inbound();

    boolean isOpen();

    /**
     * Queues one frame for the remote end; frames arrive whole and in order, or the connection breaks. A frame
     * larger than {@link StreamLimits#maxFrameBytes()} is refused with an {@link IllegalArgumentException}.
     * Returns false when the connection is closed or its send queue is full (then it is closed as overloaded).
     */
    boolean send(byte[] frame);

    /** Closes gracefully: frames already queued still arrive, then the remote end sees {@link CloseReason#REMOTE}. */
    void close();

    /** Aborts: queued frames are discarded and the remote end sees {@link CloseReason#RESET} (a TCP RST). */
    void reset();

    /** Applies a connection-level fault to this end (see {@link ConnectionFault}). */
    void inject(ConnectionFault fault);

    /** Free-form per-connection state for the protocol (e.g. its handshake state); null at first. */
    Object attachment();

    void attach(Object attachment);
}
