package io.p2ptestbed.overlay.bencode;

/**
 * Hard limits applied while decoding untrusted datagrams.
 *
 * @param maxInputBytes largest accepted datagram
 * @param maxDepth      deepest nesting of lists/dictionaries
 * @param maxStringBytes longest byte string
 * @param maxItems      most elements in one list or dictionary
 */
public record BencodeLimits(int maxInputBytes, int maxDepth, int maxStringBytes, int maxItems) {

    /** Generous for KRPC (a full get_peers reply is ~1.5 KB) yet tight enough to reject abuse. */
    public static final BencodeLimits KRPC = new BencodeLimits(8192, 8, 4096, 512);

    public BencodeLimits {
        if (maxInputBytes <= 0 || maxDepth <= 0 || maxStringBytes < 0 || maxItems <= 0) {
            throw new IllegalArgumentException("bencode limits must be positive");
        }
    }
}
