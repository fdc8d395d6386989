/**
 * A central index (Napster, a BitTorrent tracker): one server that peers register their files with and that
 * answers a search with a random subset of the peers sharing the file; its own strict binary codec over UDP.
 * {@code Protocols.get("index")} builds nodes; the node that joins no one (the first bootstrap node) is the index.
 */
package io.p2ptestbed.overlay.index;
