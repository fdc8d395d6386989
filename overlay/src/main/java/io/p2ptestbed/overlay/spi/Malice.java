package io.p2ptestbed.overlay.spi;

/**
 * A node that a harness can turn malicious at run time, in one of its overlay's modes (a super-peer's
 * {@code drop}, a Gnutella servent's {@code answer-all} or bounded {@code flood}): the way to make an exact set of
 * nodes misbehave on every runtime, in containers through {@code POST /v1/malice}. Touch it only on the node's own
 * scheduler. A mode the overlay lacks is refused with an {@link IllegalArgumentException} naming the modes it has.
 */
public interface Malice {

    /** Turns this node malicious from now on in {@code mode}. */
    void turnMalicious(String mode);
}
