/**
 * Ethereum's peer-to-peer layer after go-ethereum: discovery v4 (RLP, secp256k1 signatures, the Kademlia-like table
 * with geth's limits, the node db), devp2p connections with geth's slots, and transaction relay.
 * {@code Protocols.get("ethereum")} builds nodes; docs/ethereum.md describes them, their departures from geth, and
 * Marcus, Heilman and Goldberg's eclipse.
 */
package io.p2ptestbed.overlay.ethereum;
