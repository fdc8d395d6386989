package io.p2ptestbed.overlay.pastry;

/** What {@link PastryCodec#decode} made of a datagram: a message, or a typed reason it was refused. */
public sealed interface PastryDecodeResult {

    record Decoded(PastryMessage message) implements PastryDecodeResult {}

    /** Refused input, with a detail naming the offending field; each reason is counted by the node. */
    record Malformed(Reason reason, String detail) implements PastryDecodeResult {}

    /** Why a datagram was refused. */
    enum Reason { TOO_SHORT, TOO_LONG, BAD_MAGIC, BAD_VERSION, UNKNOWN_TYPE, BAD_FLAG, BAD_COUNT, BAD_ID, TRAILING }
}
