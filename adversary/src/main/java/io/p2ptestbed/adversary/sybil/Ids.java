package io.p2ptestbed.adversary.sybil;

import io.p2ptestbed.overlay.id.NodeId;

/** Bit surgery on node ids. */
public final class Ids {

    private Ids() {}

    /** The first {@code bits} bits of {@code prefix} followed by the remaining bits of {@code rest}. */
    public static NodeId withPrefix(NodeId prefix, NodeId rest, int bits) {
        long hiMask = bits >= 64 ? -1L : bits <= 0 ? 0 : -1L << (64 - bits);
        long midMask = bits >= 128 ? -1L : bits <= 64 ? 0 : -1L << (128 - bits);
        int loMask = bits >= 160 ? -1 : bits <= 128 ? 0 : -1 << (160 - bits);
        return new NodeId((prefix.hi() & hiMask) | (rest.hi() & ~hiMask),
                (prefix.mid() & midMask) | (rest.mid() & ~midMask),
                (prefix.lo() & loMask) | (rest.lo() & ~loMask));
    }
}
