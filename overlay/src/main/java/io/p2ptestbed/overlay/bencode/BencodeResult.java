package io.p2ptestbed.overlay.bencode;

/** Outcome of decoding: a value, or a typed description of why the input is malformed. */
public sealed interface BencodeResult {

    record Ok(Object value) implements BencodeResult {}

    /** @param offset byte offset where decoding failed */
    record Malformed(String reason, int offset) implements BencodeResult {
        @Override
        public String toString() {
            return "malformed bencode at byte " + offset + ": " + reason;
        }
    }
}
