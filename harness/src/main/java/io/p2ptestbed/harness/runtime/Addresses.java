package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * Lab addresses in 127.0.0.0/8. Honest node i gets 127.X.Y.Z with X = 1 + i mod 200, Y = (i / 200) mod 256,
 * Z = 1 + i / 51200, so consecutive nodes sit in different /24s (as on the real Internet) and per-IP
 * defences see a realistic spread. Attackers use 127.201.0.0 and above.
 */
public final class Addresses {

    public static final int PORT = 6881;

    private Addresses() {}

    public static NodeAddress honest(int i) {
        if (i < 0 || i >= 200 * 256 * 254) {
            throw new IllegalArgumentException("honest node index out of range: " + i);
        }
        return NodeAddress.of(127, 1 + i % 200, (i / 200) % 256, 1 + i / 51_200, PORT);
    }

    /** Attacker address number {@code j} within /24 prefix number {@code prefix} (127.(201+prefix/256).(prefix%256).(1+j)). */
    public static NodeAddress attacker(int prefix, int j, int port) {
        if (prefix < 0 || prefix >= 50 * 256 || j < 0 || j > 253) {
            throw new IllegalArgumentException("attacker address out of range: prefix " + prefix + ", host " + j);
        }
        return NodeAddress.of(127, 201 + prefix / 256, prefix % 256, 1 + j, port);
    }
}
