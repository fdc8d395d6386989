package io.p2ptestbed.overlay.ethereum;

import java.util.HexFormat;

/** Hex for logs and messages. */
final class Hex {

    private Hex() {}

    static String shortHex(byte[] b) {
        return b == null ? "null" : HexFormat.of().formatHex(b, 0, Math.min(4, b.length));
    }
}
