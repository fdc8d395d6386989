/**
 * The one colluding-adversary model of every structured overlay: {@link
 * io.p2ptestbed.adversary.collusion.ColluderStrategy what colluders answer} to routing queries, {@link
 * io.p2ptestbed.adversary.collusion.ColluderPresence when} they start lying, and {@link
 * io.p2ptestbed.adversary.collusion.CollusionSupport what one overlay supports}. Protocol-neutral: each
 * overlay's adversary package implements it (Kademlia: {@code adversary.kademlia.peer.CollusionTransport};
 * Chord: {@code adversary.chord.LyingTransport}).
 */
package io.p2ptestbed.adversary.collusion;
