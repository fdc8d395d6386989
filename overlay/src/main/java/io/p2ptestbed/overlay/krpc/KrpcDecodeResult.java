package io.p2ptestbed.overlay.krpc;

/**
 * Outcome of decoding one datagram. Only {@link Decoded} carries a message; the others tell the node
 * whether it can answer with an error (it needs the transaction id of a query for that).
 */
public sealed interface KrpcDecodeResult {

    record Decoded(KrpcMessage message) implements KrpcDecodeResult {}

    /** A query whose method this node does not implement: answer 204. */
    record UnknownMethod(byte[] tid, String method) implements KrpcDecodeResult {}

    /**
     * Not a valid KRPC message.
     *
     * @param tid        the transaction id when one could be read, else null
     * @param wasQuery   true when the datagram claimed to be a query (then a 203 reply is due)
     */
    record Invalid(byte[] tid, boolean wasQuery, String reason) implements KrpcDecodeResult {}
}
