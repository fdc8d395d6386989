package io.p2ptestbed.overlay.chord;

/** What {@link ChordCodec#decode} made of a datagram: a message, or a typed reason it was refused. */
public sealed interface ChordDecodeResult {

    record Decoded(ChordMessage message) implements ChordDecodeResult {}

    /**
     * Refused input. {@code tid} and {@code headerOk} say whether the header (magic, version, tid, sender)
     * could be read, so that the node may answer with an error.
     */
    record Malformed(Reason reason, String detail, boolean headerOk, int tid) implements ChordDecodeResult {}

    /** Why a datagram was refused; each one is counted separately. */
    enum Reason { TOO_SHORT, TOO_LONG, BAD_MAGIC, BAD_VERSION, UNKNOWN_TYPE, BAD_FLAG, BAD_COUNT, BAD_LENGTH, BAD_TEXT, TRAILING }
}
