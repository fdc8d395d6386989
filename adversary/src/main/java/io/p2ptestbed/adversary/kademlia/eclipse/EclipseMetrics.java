package io.p2ptestbed.adversary.kademlia.eclipse;

import io.p2ptestbed.adversary.sybil.GrindCost;

/**
 * What an eclipse attack did, as the attacker sees it.
 *
 * @param sybils             Sybils running
 * @param messagesSent       refresh messages sent to the victim
 * @param repliesFromVictim  replies the victim sent to them
 * @param queriesFromVictim  queries the victim sent to Sybils (it only queries contacts it knows)
 * @param sybilsQueried      distinct Sybils the victim has queried: a lower bound on how many it inserted
 * @param cost               what grinding the identities cost
 */
public record EclipseMetrics(int sybils, long messagesSent, long repliesFromVictim, long queriesFromVictim,
                             int sybilsQueried, GrindCost cost, long startMillis, long stopMillis) {}
