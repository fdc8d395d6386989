/**
 * Defences against Sybil, eclipse, routing-poisoning and flooding attacks, each switchable per node and
 * each with its own counters ({@code "defence.<key>.<counter>"}, merged into {@code node.stats().snapshot()}).
 *
 * <ul>
 *   <li>{@link io.p2ptestbed.overlay.defence.RateLimiter} ({@code rate-limit}): token buckets per source
 *       IP, per claimed node id and globally, as an inbound guard.</li>
 *   <li>{@link io.p2ptestbed.overlay.defence.Reputation} ({@code reputation}): per-contact scores from
 *       observed behaviour; bans evict and block a contact for a stretch of virtual time.</li>
 *   <li>{@link io.p2ptestbed.overlay.defence.IpDiversityPolicy} ({@code ip-diversity}): at most m contacts
 *       per /24 per bucket and M per table.</li>
 *   <li>{@link io.p2ptestbed.overlay.defence.Bep42Policy} ({@code bep42}): node ids bound to IPs.</li>
 *   <li>{@link io.p2ptestbed.overlay.defence.PuzzlePolicy} ({@code puzzle}), disjoint-path lookups
 *       ({@code disjoint}) and the sibling list ({@code siblings}): S/Kademlia.</li>
 *   <li>{@link io.p2ptestbed.overlay.defence.EvictionRules} ({@code plain} / {@code kademlia-rules}):
 *       Kademlia's own eviction rules, for comparison.</li>
 * </ul>
 *
 * {@link io.p2ptestbed.overlay.defence.DefenceSet#parse} turns a spec string into a set, and
 * {@link io.p2ptestbed.overlay.defence.DefenceSet#install} hooks it into one node. Like the node, the
 * defences read time only from the node's scheduler and draw randomness only from generators handed in.
 */
package io.p2ptestbed.overlay.defence;
