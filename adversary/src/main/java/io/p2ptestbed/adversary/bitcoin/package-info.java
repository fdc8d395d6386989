/**
 * Attacks on the Bitcoin overlay in its own wire format: Heilman et al.'s eclipse (USENIX Security 2015), whose
 * attacker addresses ({@link io.p2ptestbed.adversary.bitcoin.BitcoinSybil}) fill a victim's address tables and
 * hold its connection slots, planned by {@link io.p2ptestbed.adversary.bitcoin.EclipsePlan}.
 */
package io.p2ptestbed.adversary.bitcoin;
