package io.p2ptestbed.overlay.kademlia;

/** Outcome of an announce: the get_peers lookup, how many nodes were asked to store, how many acknowledged. */
public record AnnounceResult(LookupResult lookup, int attempted, int acknowledged) {}
