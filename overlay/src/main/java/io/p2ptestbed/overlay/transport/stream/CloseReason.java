package io.p2ptestbed.overlay.transport.stream;

/** Why a connection ended (or could not open). */
public enum CloseReason {
    /** This end closed it. */
    LOCAL,
    /** The remote end closed it gracefully. */
    REMOTE,
    /** Reset: the remote end aborted, was killed, or a reset fault hit it. */
    RESET,
    /** The remote end refused it: nobody listening, or no free inbound slot. */
    REFUSED,
    /** No outbound slot left at this end. */
    NO_SLOT,
    /** Nothing got through for longer than the stall timeout (partition), or the connect timed out. */
    TIMEOUT,
    /** The peer sent nothing for longer than the idle timeout: a half-open connection. */
    HALF_OPEN,
    /** The peer sent a malformed frame (zero length, truncated at close, or undecodable by the protocol). */
    MALFORMED,
    /** The peer announced a frame longer than the maximum frame size. */
    OVERSIZED,
    /** The send queue to a slow reader overflowed. */
    OVERLOADED,
    /** The address is outside the lab networks: refused before any packet left. */
    OUTSIDE_LAB
}
