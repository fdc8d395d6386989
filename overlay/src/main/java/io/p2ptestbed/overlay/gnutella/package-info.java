/**
 * Gnutella 0.4 (Clip2's protocol specification v0.4): the descriptor codec, the servent on the stream transport,
 * its parameters and its search capability. {@code Protocols.get("gnutella")} builds nodes from a
 * {@code NodeContext} that carries streams.
 */
package io.p2ptestbed.overlay.gnutella;
