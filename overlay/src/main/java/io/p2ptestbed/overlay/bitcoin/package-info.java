/**
 * Bitcoin-style gossip (Bitcoin Core's P2P protocol): the wire codec, the address manager, the node on the stream
 * transport and its parameters. {@code Protocols.get("bitcoin")} builds nodes from a {@code NodeContext} that
 * carries streams. docs/bitcoin.md describes it, its departures from Core, and Heilman et al.'s eclipse.
 */
package io.p2ptestbed.overlay.bitcoin;
